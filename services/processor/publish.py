"""Events out: each event to the events topic and to its quad-class topic.

Messages follow the CloudEvents Kafka protocol binding in binary mode: the value is the
event JSON and the CloudEvents attributes travel as ``ce_*`` headers.
"""

from __future__ import annotations

from collections.abc import Awaitable
from datetime import UTC, datetime
from typing import Any

from schemas import DiplomaticEvent
from services.processor.publisher import Publisher
from services.processor.records import Headers, InputRecord
from services.settings import Settings

CLOUDEVENTS_TYPE = "org.dipstream.diplomatic.event.v1"
CLOUDEVENTS_SPEC_VERSION = "1.0"
CONTENT_TYPE = "application/json"


def cloud_event_headers(event: DiplomaticEvent, app_id: str, sent_at: datetime) -> Headers:
    """CloudEvents binary-mode headers of one event; the id is the event's stable id."""
    # The article's publication time is when the reported occurrence became known; it is
    # stable across re-processing, unlike the send time, which is only the fallback.
    occurred = event.published_at or sent_at
    attributes = (
        ("ce_specversion", CLOUDEVENTS_SPEC_VERSION),
        ("ce_id", str(event.event_id)),
        ("ce_type", CLOUDEVENTS_TYPE),
        ("ce_source", f"dipstream/{app_id}"),
        ("ce_subject", event.article_id),
        ("ce_time", occurred.astimezone(UTC).isoformat().replace("+00:00", "Z")),
        ("content-type", CONTENT_TYPE),
    )
    return tuple((name, value.encode()) for name, value in attributes)


def destination_topics(event: DiplomaticEvent, settings: Settings) -> tuple[str, str]:
    """The events topic and the event's quad-class topic."""
    return settings.topic_events, settings.quad_class_topic(event.quad_class.slug)


async def send_event(
    event: DiplomaticEvent,
    output: Publisher,
    settings: Settings,
    sent_at: datetime,
    source: InputRecord,
) -> list[tuple[str, Awaitable[Any]]]:
    """Queue the event on both its topics; returns (topic name, ack future) pairs."""
    key = event.dyad_key.encode()
    value = event.model_dump_json().encode()
    headers = cloud_event_headers(event, settings.app_id, sent_at)
    sent = []
    for topic in destination_topics(event, settings):
        sent.append((topic, await output.send(topic, key, value, headers, source)))
    return sent
