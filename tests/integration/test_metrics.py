"""``/metrics`` counts what the worker did."""

from __future__ import annotations

import time

import pytest

from services.settings import Settings
from tests.integration.workers import (
    OUTPUT_TIMEOUT_S,
    StartWorker,
    article_json,
    coded_article_text,
    produce,
)

pytestmark = pytest.mark.broker
# The worker-process fixtures: start_worker, pipeline_settings.
pytest_plugins = ["tests.integration.workers"]

ARTICLES = 5


def test_processed_counter_matches_the_articles_sent(
    pipeline_settings: Settings, start_worker: StartWorker
) -> None:
    worker = start_worker(pipeline_settings)
    produce(
        pipeline_settings,
        [article_json(f"m-{index}", coded_article_text(index)) for index in range(ARTICLES)],
    )

    deadline = time.monotonic() + OUTPUT_TIMEOUT_S
    while worker.metric("dipstream_articles_processed_total") < ARTICLES:
        assert time.monotonic() < deadline, "articles not processed in time"
        time.sleep(0.5)

    assert worker.metric("dipstream_articles_processed_total") == ARTICLES
    assert worker.metric("dipstream_articles_consumed_total") == ARTICLES
    assert worker.metric("dipstream_end_to_end_latency_seconds_count") == ARTICLES
    assert worker.metric("dipstream_articles_in_flight") == 0
    body = worker.get("/metrics")[1]
    assert "dipstream_events_produced_total{" in body
    assert 'dipstream_build_info{extractor_version="' in body
