"""Two workers of one consumer group share the partitions; one takes over from the other;
a rebalance hands over no article to be coded again."""

from __future__ import annotations

from collections import Counter
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
    wait_for_metric,
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


def test_a_rebalance_commits_what_was_processed_so_no_article_is_coded_twice(
    pipeline_settings: Settings, start_worker: StartWorker, tmp_path: Path
) -> None:
    # Periodic commits far apart: only the rebalance itself can commit the first round.
    settings = pipeline_settings.model_copy(update={"commit_interval_s": 600.0})
    topics = [settings.topic_events, settings.topic_dlq]
    first = start_worker(settings)
    before = produce_on_every_partition(settings, "before")
    wait_for_metric(first, "dipstream_articles_processed_total", len(before))

    # Joining the group makes it rebalance: every partition is revoked from the first worker.
    start_worker(settings.model_copy(update={"data_dir": tmp_path / "second"}))
    after = produce_on_every_partition(settings, "after")
    records = collect(
        settings, topics, lambda found: accounted_article_ids(settings, found) >= before | after
    )

    assert accounted_article_ids(settings, records) == before | after
    copies = Counter(
        dict(record.headers)["ce_id"] for record in records if record.topic == settings.topic_events
    )
    assert [event_id for event_id, count in copies.items() if count > 1] == []
