"""A worker stopped mid-stream and restarted loses no article; under exactly-once, a worker
killed mid-stream and restarted makes each event visible once."""

from __future__ import annotations

import os
import signal

import pytest

from services.settings import Settings
from tests.integration.conftest import SettingsFactory
from tests.integration.workers import (
    StartWorker,
    accounted_article_ids,
    article_json,
    assert_each_event_visible_once,
    coded_article_text,
    collect,
    exactly_once_settings,
    produce,
    wait_for_metric,
)

pytestmark = pytest.mark.broker
# The worker-process fixtures: start_worker, pipeline_settings.
pytest_plugins = ["tests.integration.workers"]

BATCH = 30
INVALID_EVERY = 7


def articles(first: int, count: int) -> tuple[list[bytes], list[bytes]]:
    """Keys (the article ids) and values; every seventh value is not JSON."""
    ids = [f"restart-{index}" for index in range(first, first + count)]
    values = [
        b"{not json" if index % INVALID_EVERY == 0 else article_json(ids[index - first], text)
        for index, text in ((i, coded_article_text(i)) for i in range(first, first + count))
    ]
    return [article_id.encode() for article_id in ids], values


def test_every_article_has_an_outcome_across_a_restart(
    pipeline_settings: Settings, start_worker: StartWorker
) -> None:
    settings = pipeline_settings
    first_worker = start_worker(settings)
    keys, values = articles(0, BATCH)
    produce(settings, values, keys=keys)
    wait_for_metric(first_worker, "dipstream_articles_consumed_total", 1)
    assert first_worker.stop() == 0
    more_keys, more_values = articles(BATCH, BATCH)
    produce(settings, more_values, keys=more_keys)

    start_worker(settings)

    expected = {key.decode() for key in keys + more_keys}
    records = collect(
        settings,
        [settings.topic_events, settings.topic_dlq],
        lambda found: accounted_article_ids(settings, found) >= expected,
    )
    assert accounted_article_ids(settings, records) == expected


def test_an_exactly_once_worker_killed_mid_stream_makes_each_event_visible_once(
    settings_factory: SettingsFactory, start_worker: StartWorker
) -> None:
    settings = exactly_once_settings(settings_factory, extraction_workers=0)
    first_worker = start_worker(settings)
    keys, values = articles(0, 2 * BATCH)
    produce(settings, values, keys=keys)
    wait_for_metric(first_worker, "dipstream_articles_processed_total", 1)
    # No chance to drain or commit: what it sent since its last commit is in open transactions,
    # which the restarted worker's producers abort when they take over the transactional ids.
    os.killpg(first_worker.pid, signal.SIGKILL)
    assert first_worker.wait_exit(10) == -signal.SIGKILL

    start_worker(settings)

    expected = {key.decode() for key in keys}
    collect(
        settings,
        [settings.topic_events, settings.topic_dlq],
        lambda found: accounted_article_ids(settings, found) >= expected,
        isolation_level="read_committed",
    )
    assert_each_event_visible_once(settings)
