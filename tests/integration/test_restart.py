"""A worker stopped mid-stream and restarted loses no article; under exactly-once, a worker
killed mid-stream and restarted makes each event visible once."""

from __future__ import annotations

import os
import signal
import time
from collections import Counter

import pytest

from services.broker.topics import create_topics
from services.settings import Settings
from tests.integration.conftest import SettingsFactory
from tests.integration.workers import (
    StartWorker,
    accounted_article_ids,
    article_json,
    coded_article_text,
    collect,
    produce,
    wait_for_metric,
)

pytestmark = pytest.mark.broker
# The worker-process fixtures: start_worker, pipeline_settings.
pytest_plugins = ["tests.integration.workers"]

BATCH = 30
INVALID_EVERY = 7
# Faust's default broker_commit_interval: how often a worker commits.
FAUST_COMMIT_INTERVAL_S = 2.8


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
    settings = settings_factory(
        processing_guarantee="exactly_once",
        extraction_workers=0,
        batch_timeout_s=0.1,
        # The killed worker's partitions move once its session times out.
        consumer_session_timeout_s=10,
    )
    create_topics(settings)
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
    # Whatever the restarted worker commits late would show up in a second read.
    time.sleep(2 * FAUST_COMMIT_INTERVAL_S)
    records = collect(
        settings,
        [settings.topic_events],
        lambda found: bool(found),
        isolation_level="read_committed",
    )
    copies = Counter(dict(record.headers)["ce_id"] for record in records)
    assert [event_id for event_id, count in copies.items() if count > 1] == []
