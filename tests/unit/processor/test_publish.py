from __future__ import annotations

from datetime import UTC, datetime

from schemas import QuadClass
from services.processor.publish import cloud_event_headers, destination_topics
from services.settings import Settings
from tests.unit.processor.events import make_event

SENT_AT = datetime(2026, 5, 5, 10, 0, tzinfo=UTC)


def test_cloud_events_headers_carry_the_event_identity() -> None:
    event = make_event(published_at=datetime(2026, 5, 4, 9, 30, tzinfo=UTC))
    headers = dict(cloud_event_headers(event, "dipstream", SENT_AT))
    assert headers["ce_id"] == str(event.event_id).encode()
    assert headers["ce_specversion"] == b"1.0"
    assert headers["ce_type"] == b"org.dipstream.diplomatic.event.v1"
    assert headers["ce_source"] == b"dipstream/dipstream"
    assert headers["ce_subject"] == b"article-1"
    assert headers["ce_time"] == b"2026-05-04T09:30:00Z"
    assert headers["content-type"] == b"application/json"


def test_cloud_events_time_falls_back_to_the_send_time() -> None:
    headers = dict(cloud_event_headers(make_event(published_at=None), "app", SENT_AT))
    assert headers["ce_time"] == b"2026-05-05T10:00:00Z"


def test_events_go_to_the_events_topic_and_their_quad_class_topic() -> None:
    settings = Settings(_env_file=None)
    event = make_event(quad_class=QuadClass.MATERIAL_CONFLICT)
    assert destination_topics(event, settings) == (
        "diplomatic.events",
        "diplomatic.events.material-conflict",
    )
