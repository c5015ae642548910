"""Memory, CPU and open files of the worker and of each of its extraction processes.

prometheus_client's own process collector sees one process; the worker's memory is mostly in
its extraction processes (one spaCy pipeline each), so the standard ``process_*`` series are
reported here for the worker and every process below it, labelled by ``role`` (``worker``,
``extraction``, ``helper`` for multiprocessing's resource tracker) and ``pid``. Read from
``/proc`` at each scrape (Linux only, as the worker's images are). The memory limit of the
worker's container (cgroup v2 or v1) is exported beside them for the memory alert.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from pathlib import Path

from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily
from prometheus_client.registry import Collector, CollectorRegistry

from services.processes.tree import descendants

_PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
_TICKS_PER_SECOND = os.sysconf("SC_CLK_TCK")
# A cgroup without a limit reports "max" (v2) or a value near 2**63 (v1).
_UNLIMITED_FROM = 2**60
# cgroup v2, then v1.
CGROUP_MEMORY_LIMIT_FILES = (
    Path("/sys/fs/cgroup/memory.max"),
    Path("/sys/fs/cgroup/memory/memory.limit_in_bytes"),
)
# What the extraction processes run: the worker starts a loader with this module, and the loader
# forks the extraction processes, which keep its command line.
_EXTRACTION_MARKER = b"services.processor.extraction_processes"
_LABELS = ("role", "pid")


class ProcessTreeCollector(Collector):
    """``process_*`` series for the process ``pid`` and its descendants, read when scraped."""

    def __init__(self, pid: int) -> None:
        self._pid = pid

    def collect(self) -> Iterator[GaugeMetricFamily | CounterMetricFamily]:
        """One sample per live process of the tree in each family."""
        memory = GaugeMetricFamily(
            "process_resident_memory_bytes", "Resident memory size in bytes.", labels=_LABELS
        )
        cpu = CounterMetricFamily(
            "process_cpu_seconds", "User and system CPU time spent, in seconds.", labels=_LABELS
        )
        open_fds = GaugeMetricFamily(
            "process_open_fds", "Number of open file descriptors.", labels=_LABELS
        )
        for pid in (self._pid, *descendants(self._pid)):
            labels = [self._role(pid), str(pid)]
            # A process may end between listing and reading: it is simply not reported.
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                fd_count = sum(1 for _ in Path(f"/proc/{pid}/fd").iterdir())
            except OSError:
                continue
            # Fields after the command name start at field 3 (state): utime is 14, stime 15,
            # rss 24 in proc(5)'s numbering.
            cpu.add_metric(labels, (int(fields[11]) + int(fields[12])) / _TICKS_PER_SECOND)
            memory.add_metric(labels, int(fields[21]) * _PAGE_SIZE)
            open_fds.add_metric(labels, fd_count)
        memory_limit = GaugeMetricFamily(
            "dipstream_memory_limit_bytes",
            "Memory limit of the worker's container (cgroup), +Inf when there is none.",
            value=container_memory_limit(),
        )
        yield from (memory, cpu, open_fds, memory_limit)

    def _role(self, pid: int) -> str:
        if pid == self._pid:
            return "worker"
        try:
            command = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            return "helper"
        if _EXTRACTION_MARKER not in command:
            return "helper"
        # The loader, the worker's own child, codes nothing: its forked children do.
        return "helper" if _parent_of(pid) == self._pid else "extraction"


def _parent_of(pid: int) -> int | None:
    try:
        # The command name, in parentheses, may contain spaces: fields start after the last ')'.
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    except OSError:
        return None


def container_memory_limit(limit_files: Sequence[Path] = CGROUP_MEMORY_LIMIT_FILES) -> float:
    """The cgroup memory limit in bytes, or infinity when none is set or none is readable."""
    for path in limit_files:
        try:
            text = path.read_text().strip()
        except OSError:
            continue
        if text == "max" or int(text) >= _UNLIMITED_FROM:
            return float("inf")
        return float(text)
    return float("inf")


def register_process_metrics(registry: CollectorRegistry) -> None:
    """Report this process's tree in ``registry``."""
    registry.register(ProcessTreeCollector(os.getpid()))
