"""An article through a real worker: its events on the events and quad-class topics."""

from __future__ import annotations

import pytest

from schemas import DiplomaticEvent
from services.settings import Settings
from tests.integration.workers import (
    StartWorker,
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
