"""Two workers of one consumer group share the partitions; one takes over from the other."""

from __future__ import annotations

from pathlib import Path

import pytest

from services.settings import Settings
from tests.integration.workers import (
    StartWorker,
    accounted_article_ids,
    article_json,
    coded_article_text,
    collect,
    produce,
)

pytestmark = pytest.mark.broker
# The worker-process fixtures: start_worker, pipeline_settings.
pytest_plugins = ["tests.integration.workers"]

PER_PARTITION = 4


def produce_on_every_partition(settings: Settings, round_name: str) -> set[str]:
    """PER_PARTITION articles on each partition; returns their ids."""
    ids = set()
    for partition in range(settings.topic_partitions):
        batch = [f"{round_name}-{partition}-{index}" for index in range(PER_PARTITION)]
        values = [
            article_json(article_id, coded_article_text(index))
            for index, article_id in enumerate(batch)
        ]
        produce(settings, values, keys=[i.encode() for i in batch], partition=partition)
        ids.update(batch)
    return ids


def test_two_workers_share_partitions_and_the_survivor_takes_over(
    pipeline_settings: Settings, start_worker: StartWorker, tmp_path: Path
) -> None:
    settings = pipeline_settings
    assert settings.topic_partitions == 4
    first = start_worker(settings)
    second = start_worker(settings.model_copy(update={"data_dir": tmp_path / "second"}))
    topics = [settings.topic_events, settings.topic_dlq]

    shared = produce_on_every_partition(settings, "shared")
    collect(settings, topics, lambda found: accounted_article_ids(settings, found) >= shared)
    assert first.metric("dipstream_articles_consumed_total") > 0
    assert second.metric("dipstream_articles_consumed_total") > 0
    assert first.metric("dipstream_articles_consumed_total") + second.metric(
        "dipstream_articles_consumed_total"
    ) == len(shared)

    assert first.stop() == 0
    taken_over = produce_on_every_partition(settings, "taken-over")
    records = collect(
        settings, topics, lambda found: accounted_article_ids(settings, found) >= taken_over
    )
    assert accounted_article_ids(settings, records) == shared | taken_over
