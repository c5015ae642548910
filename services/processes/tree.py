"""The processes below a process, read from /proc: a worker's extraction processes and helpers.

Both the worker's own metrics (memory and CPU per process role) and the tools that watch a
worker from outside (benchmarks, tests) need them, so the walk lives below both.
"""

from __future__ import annotations

from pathlib import Path


def descendants(pid: int) -> list[int]:
    """Every process below ``pid``, children before grandchildren."""
    children_of: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # The command name, in parentheses, may contain spaces: fields start after the last ')'.
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        children_of.setdefault(parent, []).append(int(entry.name))
    found: list[int] = []
    pending = [pid]
    while pending:
        children = children_of.get(pending.pop(0), [])
        found.extend(children)
        pending.extend(children)
    return found
