"""``/metrics`` counts what the worker did."""

from __future__ import annotations

import pytest

from services.broker.topics import create_topics
from tests.integration.conftest import SettingsFactory
from tests.integration.workers import (
    StartWorker,
    article_json,
    coded_article_text,
    produce,
    wait_for_metric,
)

pytestmark = pytest.mark.broker
# The worker-process fixture start_worker.
pytest_plugins = ["tests.integration.workers"]

ARTICLES = 5


def test_processed_counter_matches_the_articles_sent(
    settings_factory: SettingsFactory, start_worker: StartWorker
) -> None:
    # The default executor: one extraction process beside the worker's event loop.
    settings = settings_factory(extraction_workers=1, batch_timeout_s=0.1)
    create_topics(settings)
    worker = start_worker(settings)
    produce(
        settings,
        [article_json(f"m-{index}", coded_article_text(index)) for index in range(ARTICLES)],
    )

    wait_for_metric(worker, "dipstream_articles_processed_total", ARTICLES)

    assert worker.metric("dipstream_articles_processed_total") == ARTICLES
    assert worker.metric("dipstream_articles_consumed_total") == ARTICLES
    assert worker.metric("dipstream_end_to_end_latency_seconds_count") == ARTICLES
    assert worker.metric("dipstream_articles_in_flight") == 0
    body = worker.get("/metrics")[1]
    assert "dipstream_events_produced_total{" in body
    assert 'dipstream_build_info{extractor_version="' in body
