"""Process metrics cover the worker and each process below it, labelled by role."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
from prometheus_client import CollectorRegistry, generate_latest
from prometheus_client.parser import text_string_to_metric_families

from services.processes.tree import descendants
from services.processor.process_metrics import ProcessTreeCollector, container_memory_limit


def _child_pid() -> int:
    return os.getpid()


@pytest.fixture
def spawned_child() -> Iterator[int]:
    """One process spawned as the extraction pool spawns its processes; its pid."""
    with ProcessPoolExecutor(1, multiprocessing.get_context("spawn")) as executor:
        yield executor.submit(_child_pid).result()


def _samples(registry: CollectorRegistry) -> dict[str, dict[tuple[str, str], float]]:
    found: dict[str, dict[tuple[str, str], float]] = {}
    for family in text_string_to_metric_families(generate_latest(registry).decode()):
        for sample in family.samples:
            key = (sample.labels.get("role", ""), sample.labels.get("pid", ""))
            found.setdefault(sample.name, {})[key] = sample.value
    return found


def test_the_worker_and_its_spawned_process_are_reported_by_role(spawned_child: int) -> None:
    registry = CollectorRegistry()
    registry.register(ProcessTreeCollector(os.getpid()))

    samples = _samples(registry)

    worker = ("worker", str(os.getpid()))
    extraction = ("extraction", str(spawned_child))
    for name in ("process_resident_memory_bytes", "process_open_fds"):
        assert samples[name][worker] > 0
        assert samples[name][extraction] > 0
    assert samples["process_cpu_seconds_total"][worker] > 0
    # The pytest process is larger than a freshly spawned interpreter.
    memory = samples["process_resident_memory_bytes"]
    assert memory[worker] > memory[extraction] > 1_000_000
    assert samples["dipstream_memory_limit_bytes"][("", "")] == container_memory_limit()


def test_descendants_include_a_spawned_child(spawned_child: int) -> None:
    assert spawned_child in descendants(os.getpid())
    assert descendants(spawned_child) == []


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
