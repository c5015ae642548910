"""Process metrics cover the worker and each process below it, labelled by role."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from prometheus_client import CollectorRegistry, generate_latest
from prometheus_client.parser import text_string_to_metric_families

from services.processes.tree import descendants
from services.processor.process_metrics import ProcessTreeCollector, container_memory_limit

# A loader as the extraction pool starts one (its module on the command line), which forks one
# child and prints the child's pid; both sleep until the test ends.
_LOADER = (
    "import os, sys, time\n"
    "child = os.fork()\n"
    "if child:\n"
    "    print(child, flush=True)\n"
    "time.sleep(60)\n"
)


@pytest.fixture
def loader_and_child() -> Iterator[tuple[int, int]]:
    """(loader pid, extraction pid): a loader started as the pool starts it, and its fork."""
    loader = subprocess.Popen(
        [sys.executable, "-c", _LOADER, "services.processor.extraction_processes"],
        stdout=subprocess.PIPE,
    )
    assert loader.stdout is not None
    child = int(loader.stdout.readline())
    try:
        yield loader.pid, child
    finally:
        os.kill(child, signal.SIGKILL)
        loader.kill()
        loader.wait()


def _samples(registry: CollectorRegistry) -> dict[str, dict[tuple[str, str], float]]:
    found: dict[str, dict[tuple[str, str], float]] = {}
    for family in text_string_to_metric_families(generate_latest(registry).decode()):
        for sample in family.samples:
            key = (sample.labels.get("role", ""), sample.labels.get("pid", ""))
            found.setdefault(sample.name, {})[key] = sample.value
    return found


def test_the_worker_its_loader_and_extraction_process_are_reported_by_role(
    loader_and_child: tuple[int, int],
) -> None:
    loader_pid, child_pid = loader_and_child
    registry = CollectorRegistry()
    registry.register(ProcessTreeCollector(os.getpid()))

    samples = _samples(registry)

    worker = ("worker", str(os.getpid()))
    extraction = ("extraction", str(child_pid))
    assert ("helper", str(loader_pid)) in samples["process_resident_memory_bytes"]
    for name in ("process_resident_memory_bytes", "process_open_fds"):
        assert samples[name][worker] > 0
        assert samples[name][extraction] > 0
    assert samples["process_cpu_seconds_total"][worker] > 0
    # The pytest process is larger than a fresh interpreter.
    memory = samples["process_resident_memory_bytes"]
    assert memory[worker] > memory[extraction] > 1_000_000
    assert samples["dipstream_memory_limit_bytes"][("", "")] == container_memory_limit()


def test_descendants_include_children_of_children(loader_and_child: tuple[int, int]) -> None:
    loader_pid, child_pid = loader_and_child
    assert [loader_pid, child_pid] == [
        pid for pid in descendants(os.getpid()) if pid in (loader_pid, child_pid)
    ]
    assert descendants(child_pid) == []


@pytest.mark.parametrize(
    ("content", "limit"),
    [("536870912\n", 536870912.0), ("max\n", float("inf")), ("9223372036854771712", float("inf"))],
)
def test_the_memory_limit_is_read_from_the_cgroup(
    tmp_path: Path, content: str, limit: float
) -> None:
    limit_file = tmp_path / "memory.max"
    limit_file.write_text(content)

    assert container_memory_limit([tmp_path / "absent", limit_file]) == limit


def test_no_readable_cgroup_means_no_limit(tmp_path: Path) -> None:
    assert container_memory_limit([tmp_path / "absent"]) == float("inf")
