"""SIGTERM while a long article is being coded: the worker is gone within its grace, its
extraction processes with it, and no article is lost (under exactly-once, each event is
visible once after the restart)."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from tests.integration import workers
from tests.integration.conftest import SettingsFactory
from tests.integration.workers import StartWorker, accounted_article_ids, exactly_once_settings

pytestmark = pytest.mark.broker
# The worker-process fixtures: start_worker.
pytest_plugins = ["tests.integration.workers"]

GRACE_S = 10.0
# What a stopped process may take beyond the grace to be reaped and seen gone.
SLACK_S = 5.0
# Coding it outlasts the second before SIGTERM plus half the grace, on any machine.
LONG_TEXT = workers.longest_article_text()
CODING_FOR_S = 1.0
CODING_TIMEOUT_S = 120.0


def _alive(pid: int) -> bool:
    """True while ``pid`` runs (a zombie waiting to be reaped counts as gone)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_sigterm_while_a_long_article_is_coded_stops_within_the_grace_and_loses_nothing(
    settings_factory: SettingsFactory, start_worker: StartWorker
) -> None:
    settings = exactly_once_settings(
        settings_factory,
        extraction_workers=1,
        extraction_timeout_s=600.0,
        shutdown_grace_s=GRACE_S,
    )
    worker = start_worker(settings)
    extraction_processes = worker.descendants()
    assert extraction_processes
    workers.produce(
        settings,
        [
            workers.article_json("short", workers.coded_article_text(0)),
            workers.article_json("long", LONG_TEXT),
        ],
        keys=[b"short", b"long"],
    )
    deadline = time.monotonic() + CODING_TIMEOUT_S
    while worker.metric("dipstream_batch_coding_seconds") < CODING_FOR_S:
        assert time.monotonic() < deadline, worker.log_tail()
        time.sleep(0.2)

    os.kill(worker.pid, signal.SIGTERM)
    stopping = time.monotonic()
    code = worker.wait_exit(GRACE_S + SLACK_S)
    stopped_in = time.monotonic() - stopping

    assert code == 0, f"exit {code} after {stopped_in:.1f} s:\n{worker.log_tail()}"
    assert stopped_in < GRACE_S, worker.log_tail()
    deadline = time.monotonic() + SLACK_S
    while any(_alive(pid) for pid in extraction_processes) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not any(_alive(pid) for pid in extraction_processes)
    assert "gave up a batch of" in worker.log_tail(200)

    start_worker(settings.model_copy(update={"shutdown_grace_s": 30.0}))
    workers.collect(
        settings,
        [settings.topic_events],
        lambda found: accounted_article_ids(settings, found) >= {"short", "long"},
        timeout_s=300.0,
        isolation_level="read_committed",
    )
    workers.assert_each_event_visible_once(settings)
