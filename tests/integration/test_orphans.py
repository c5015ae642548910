"""After ``kill -9`` of a worker, none of its extraction processes lives on (issue 9).

Only the worker is killed, not its process group: the loader and the extraction processes must
notice on their own (parent-death signal, socket watchdog) and go within a few seconds.
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from services.settings import Settings
from tests.integration.workers import StartWorker

pytestmark = pytest.mark.broker
# The worker-process fixtures: start_worker, pipeline_settings.
pytest_plugins = ["tests.integration.workers"]

GRACE_S = 5.0


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    # A zombie has ended; only its parent's reaping is left.
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def test_no_extraction_process_outlives_a_worker_killed_with_sigkill(
    pipeline_settings: Settings, start_worker: StartWorker
) -> None:
    worker = start_worker(pipeline_settings.model_copy(update={"extraction_workers": 2}))
    below = worker.descendants()
    commands = [Path(f"/proc/{pid}/cmdline").read_bytes() for pid in below]
    # The loader and the two extraction processes forked from it.
    assert len(below) == 3, commands
    assert not any(b"resource_tracker" in command for command in commands)
    os.kill(worker.pid, signal.SIGKILL)
    assert worker.wait_exit(10) == -signal.SIGKILL
    deadline = time.monotonic() + GRACE_S
    while any(_alive(pid) for pid in below) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert [pid for pid in below if _alive(pid)] == []
