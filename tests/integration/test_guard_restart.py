"""The dead-letter guard keeps its window across a crash restart: a flood of bad records that
goes on after the restart trips the guard no later than it would have without it."""

from __future__ import annotations

import os
import signal

import pytest
from kafka.consumer.fetcher import ConsumerRecord

from schemas import DeadLetterHeaders
from services.broker.topics import create_topics
from services.settings import Settings
from tests.integration.conftest import SettingsFactory
from tests.integration.workers import StartWorker, collect, produce, wait_for_metric

pytestmark = pytest.mark.broker
# The worker-process fixtures: start_worker.
pytest_plugins = ["tests.integration.workers"]

WINDOW = 10
BEFORE_CRASH = 6
AFTER_CRASH = 20
EXIT_TIMEOUT_S = 90.0


def _offsets(records: list[ConsumerRecord]) -> set[int]:
    """Offsets of the articles topic that were dead-lettered (a record read again after the
    crash may be dead-lettered twice)."""
    return {
        DeadLetterHeaders.from_kafka_headers(list(record.headers)).original_offset
        for record in records
    }


def _flood(settings: Settings, count: int) -> None:
    produce(settings, [b"{not json"] * count)


def test_a_flood_across_a_crash_restart_trips_the_guard_within_one_window(
    settings_factory: SettingsFactory, start_worker: StartWorker
) -> None:
    settings = settings_factory(
        topic_partitions=1,
        extraction_workers=0,
        batch_size=1,
        batch_timeout_s=0.1,
        dlq_guard_window=WINDOW,
        dlq_guard_max_ratio=0.5,
        # The killed worker's partition moves once its session times out.
        consumer_session_timeout_s=6,
    )
    create_topics(settings)
    first = start_worker(settings)
    _flood(settings, BEFORE_CRASH)
    collect(settings, [settings.topic_dlq], lambda found: len(_offsets(found)) >= BEFORE_CRASH)
    wait_for_metric(first, "dipstream_articles_consumed_total", BEFORE_CRASH)
    os.killpg(first.pid, signal.SIGKILL)
    assert first.wait_exit(10) == -signal.SIGKILL

    second = start_worker(settings)
    _flood(settings, AFTER_CRASH)

    code = second.wait_exit(EXIT_TIMEOUT_S)
    assert code not in (None, 0), second.log_tail()
    letters = collect(settings, [settings.topic_dlq], lambda found: True)
    # Without the saved window the second worker dead-lettered a window of its own (16 records
    # in all); with it, it stops once the window of both workers' records is full.
    assert len(_offsets(letters)) == WINDOW
    assert "dead-letter guard restored: 100% of the last 6 records" in second.log_tail(400)
