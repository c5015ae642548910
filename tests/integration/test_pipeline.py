"""An article through a real worker: its events on the events and quad-class topics."""

from __future__ import annotations

import pytest

from schemas import DiplomaticEvent
from services.broker.topics import create_topics
from services.settings import Settings
from tests.integration.conftest import SettingsFactory
from tests.integration.workers import (
    StartWorker,
    accounted_article_ids,
    article_json,
    collect,
    produce,
)

pytestmark = pytest.mark.broker
# The worker-process fixtures: start_worker, pipeline_settings.
pytest_plugins = ["tests.integration.workers"]

TEXT = "Russia threatened Ukraine with new strikes on Tuesday."


def test_article_events_reach_both_topics_with_key_and_cloud_events_headers(
    pipeline_settings: Settings, start_worker: StartWorker
) -> None:
    settings = pipeline_settings
    start_worker(settings)
    produce(
        settings,
        [article_json("pipeline-1", TEXT, source="Wire One", published_at="2026-04-06T09:00:00Z")],
    )

    records = collect(settings, [settings.topic_events], lambda found: len(found) >= 1)

    record = records[0]
    event = DiplomaticEvent.model_validate_json(record.value)
    assert event.article_id == "pipeline-1"
    assert event.event_type.value == "THREATEN"
    assert record.key == event.dyad_key.encode()
    headers = dict(record.headers)
    assert headers["ce_id"] == str(event.event_id).encode()
    assert headers["ce_specversion"] == b"1.0"
    assert headers["ce_type"] == b"org.dipstream.diplomatic.event.v1"
    assert headers["content-type"] == b"application/json"
    quad_topic = settings.quad_class_topic(event.quad_class.slug)
    copies = collect(settings, [quad_topic], lambda found: len(found) >= 1)
    assert copies[0].value == record.value
    assert copies[0].key == record.key


def test_exactly_once_worker_commits_its_events_in_transactions(
    settings_factory: SettingsFactory, start_worker: StartWorker
) -> None:
    settings = settings_factory(
        processing_guarantee="exactly_once", extraction_workers=0, batch_timeout_s=0.1
    )
    create_topics(settings)
    start_worker(settings)
    # One article on each partition, all about the same dyad: every event goes to the one
    # events partition of that dyad, whatever partition its article came from.
    expected = {f"eos-{partition}" for partition in range(settings.topic_partitions)}
    for partition in range(settings.topic_partitions):
        produce(settings, [article_json(f"eos-{partition}", TEXT)], partition=partition)

    records = collect(
        settings,
        [settings.topic_events],
        lambda found: accounted_article_ids(settings, found) >= expected,
        isolation_level="read_committed",
    )

    assert accounted_article_ids(settings, records) == expected
    assert len({record.partition for record in records}) == 1
