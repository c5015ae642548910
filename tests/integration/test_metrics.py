"""``/metrics`` counts what the worker did."""

from __future__ import annotations

import pytest

from services.broker.topics import create_topics
from services.processes.worker import WorkerProcess
from services.settings import Settings
from tests.integration.conftest import SettingsFactory
from tests.integration.workers import (
    StartWorker,
    article_json,
    coded_article_text,
    collect,
    produce,
    wait_for_metric,
)

pytestmark = pytest.mark.broker
# The worker-process fixture start_worker.
pytest_plugins = ["tests.integration.workers"]

ARTICLES = 5


def _worker_that_coded_articles(
    settings: Settings, start_worker: StartWorker, prefix: str
) -> WorkerProcess:
    create_topics(settings)
    worker = start_worker(settings)
    produce(
        settings,
        [article_json(f"{prefix}-{index}", coded_article_text(index)) for index in range(ARTICLES)],
    )
    wait_for_metric(worker, "dipstream_articles_processed_total", ARTICLES)
    return worker


def test_processed_counter_matches_the_articles_sent(
    settings_factory: SettingsFactory, start_worker: StartWorker
) -> None:
    # The default executor: one extraction process beside the worker's event loop.
    settings = settings_factory(extraction_workers=1, batch_timeout_s=0.1)
    worker = _worker_that_coded_articles(settings, start_worker, "m")

    assert worker.metric("dipstream_articles_processed_total") == ARTICLES
    assert worker.metric("dipstream_articles_consumed_total") == ARTICLES
    assert worker.metric("dipstream_end_to_end_latency_seconds_count") == ARTICLES
    assert worker.metric("dipstream_articles_in_flight") == 0
    body = worker.get("/metrics")[1]
    assert 'dipstream_build_info{extractor_version="' in body


def test_events_are_counted_once_each(
    settings_factory: SettingsFactory, start_worker: StartWorker
) -> None:
    settings = settings_factory(extraction_workers=0, batch_timeout_s=0.1)
    worker = _worker_that_coded_articles(settings, start_worker, "e")

    published = worker.metric_sum("dipstream_events_published")
    # Every event goes to two topics; the counter counts it once, as the events topic holds it.
    events = collect(settings, [settings.topic_events], lambda records: len(records) >= published)

    assert published >= ARTICLES
    assert len(events) == published
    assert worker.metric("dipstream_last_event_timestamp_seconds") > 0
