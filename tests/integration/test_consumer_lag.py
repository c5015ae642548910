"""``dipstream_consumer_lag`` is the lag ``kafka-consumer-groups`` shows: end minus committed.

The outside client reads what that tool reads: the group's committed offsets from the group
coordinator and the partitions' end offsets. A partition the group has not committed yet
counts from its first record, as the worker consumes it from there.
"""

from __future__ import annotations

import time

import pytest
from kafka import KafkaConsumer, TopicPartition
from prometheus_client.parser import text_string_to_metric_families

from services.broker.client_config import kafka_python_config
from services.broker.topics import admin_client, create_topics
from services.processes.worker import WorkerProcess
from services.settings import Settings
from tests.integration.conftest import SettingsFactory
from tests.integration.workers import (
    StartWorker,
    article_json,
    coded_article_text,
    produce,
    wait_for_metric,
)

pytestmark = pytest.mark.broker
pytest_plugins = ["tests.integration.workers"]

PARTITIONS = 2
BACKLOG = 240
DRAIN_TIMEOUT_S = 120.0

Lag = dict[int, int]


class OutsideLagReader:
    """Reads a group's committed lag on the articles topic as an operator's tool would."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._partitions = [
            TopicPartition(settings.topic_articles, number) for number in range(PARTITIONS)
        ]
        self._consumer = KafkaConsumer(**kafka_python_config(settings))

    def committed_lag(self) -> Lag:
        """Per partition: end offset minus the group's committed offset (first offset if none)."""
        with admin_client(self._settings) as admin:
            group = self._settings.app_id
            committed = admin.list_group_offsets(group)[group]
        ends = self._consumer.end_offsets(self._partitions)
        starts = self._consumer.beginning_offsets(self._partitions)
        lag = {}
        for tp in self._partitions:
            offset = committed[tp].offset if tp in committed else starts[tp]
            lag[tp.partition] = ends[tp] - offset
        return lag

    def close(self) -> None:
        """Close the client's connections."""
        self._consumer.close()


@pytest.fixture
def lag_settings(settings_factory: SettingsFactory) -> Settings:
    """Isolated topics of two partitions each, created."""
    settings = settings_factory(extraction_workers=0, topic_partitions=PARTITIONS)
    create_topics(settings)
    return settings


def _lag_gauge(worker: WorkerProcess, topic: str) -> Lag:
    """``dipstream_consumer_lag`` of ``topic``'s partitions, from one scrape."""
    return {
        int(sample.labels["partition"]): int(sample.value)
        for family in text_string_to_metric_families(worker.metrics_text())
        for sample in family.samples
        if sample.name == "dipstream_consumer_lag" and sample.labels["topic"] == topic
    }


def _backlog(settings: Settings, count: int) -> None:
    produce(
        settings,
        [article_json(f"lag-{index}", coded_article_text(index)) for index in range(count)],
        keys=[f"lag-{index}".encode() for index in range(count)],
    )


def test_the_gauge_follows_the_committed_lag_while_a_backlog_drains(
    lag_settings: Settings, start_worker: StartWorker
) -> None:
    # Small batches and frequent commits: many distinct committed offsets on the way down.
    settings = lag_settings.model_copy(update={"batch_size": 8, "commit_interval_s": 0.5})
    _backlog(settings, BACKLOG)
    outside = OutsideLagReader(settings)
    worker = start_worker(settings)
    samples: list[tuple[Lag, Lag, Lag]] = []
    deadline = time.monotonic() + DRAIN_TIMEOUT_S
    try:
        while time.monotonic() < deadline:
            # Nothing is produced meanwhile, so the committed lag can only fall: the scrape's
            # figure lies between the outside readings taken just before and just after it.
            before = outside.committed_lag()
            gauge = _lag_gauge(worker, settings.topic_articles)
            after = outside.committed_lag()
            samples.append((before, gauge, after))
            if sum(after.values()) == 0:
                break
    finally:
        outside.close()

    print(f"lag samples (outside before, gauge, outside after): {samples}")
    assert sum(samples[-1][2].values()) == 0, "the backlog did not drain"
    assert any(sum(gauge.values()) > 0 for _, gauge, _ in samples), "no backlog was seen"
    for before, gauge, after in samples:
        assert set(gauge) == set(range(PARTITIONS))
        for partition in gauge:
            assert after[partition] <= gauge[partition] <= before[partition]


def test_records_coded_but_not_committed_are_still_lag(
    lag_settings: Settings, start_worker: StartWorker
) -> None:
    # Commits 600 s apart: the worker codes the whole backlog and commits none of it, the
    # state in which the lag gauge used to read 0 (it was taken from the fetch position).
    settings = lag_settings.model_copy(update={"commit_interval_s": 600.0})
    worker = start_worker(settings)
    _backlog(settings, PARTITIONS * 10)
    wait_for_metric(worker, "dipstream_articles_processed_total", PARTITIONS * 10)

    outside = OutsideLagReader(settings)
    try:
        expected = outside.committed_lag()
    finally:
        outside.close()
    gauge = _lag_gauge(worker, settings.topic_articles)

    assert sum(expected.values()) == PARTITIONS * 10
    assert gauge == expected
