"""Flat rows of the store's tables, made from the messages on the topics.

A row is a dict keyed by the column names of :mod:`services.store.columns`; times become naive
UTC, since the store keeps every time in UTC without a zone.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from schemas import Actor, DeadLetterHeaders, DiplomaticEvent, StoryAggregate

Row = dict[str, Any]


def utc_naive(moment: datetime | None) -> datetime | None:
    """``moment`` in UTC without its zone; None stays None."""
    if moment is None:
        return None
    return moment.astimezone(UTC).replace(tzinfo=None)


def event_day(event: DiplomaticEvent, received_at: datetime) -> date:
    """The day an event happened: its resolved start, else its publication, else its arrival."""
    if event.time is not None and event.time.start is not None:
        return event.time.start.astimezone(UTC).date()
    if event.published_at is not None:
        return event.published_at.astimezone(UTC).date()
    return received_at.astimezone(UTC).date()


def _actor(prefix: str, actor: Actor | None) -> Row:
    return {
        f"{prefix}_name": actor.name if actor else None,
        f"{prefix}_text": actor.text if actor else None,
        f"{prefix}_country": actor.country if actor else None,
        f"{prefix}_sector": actor.sector if actor else None,
        f"{prefix}_kind": actor.kind.value if actor else None,
    }


def event_row(event: DiplomaticEvent, received_at: datetime) -> Row:
    """The ``events`` row of ``event``, published on Kafka at ``received_at``."""
    sentence = event.evidence.sentence
    time = event.time
    location = event.location
    reporter = event.reported_by
    return {
        "event_id": str(event.event_id),
        "article_id": event.article_id,
        "publisher": event.publisher,
        "article_url": event.article_url,
        "published_at": utc_naive(event.published_at),
        "received_at": utc_naive(received_at),
        "extractor_version": event.extractor_version,
        "event_type": event.event_type.value,
        "event_mode": event.event_mode,
        "cameo_code": event.cameo_code,
        "cameo_name": event.cameo_name,
        "goldstein": event.goldstein,
        "quad_class": int(event.quad_class),
        **_actor("source", event.source),
        **_actor("target", event.target),
        "reciprocal": event.reciprocal,
        "dyad": event.dyad_key,
        "status": event.status.value,
        "time_start": utc_naive(time.start) if time else None,
        "time_end": utc_naive(time.end) if time else None,
        "time_precision": time.precision.value if time else None,
        "time_text": time.text if time else None,
        "event_date": event_day(event, received_at),
        "location_name": location.name if location else None,
        "location_country": location.country if location else None,
        "location_lat": location.lat if location else None,
        "location_lon": location.lon if location else None,
        "reported_by_name": reporter.name if reporter else None,
        "reported_by_country": reporter.country if reporter else None,
        "quote": event.quote,
        "evidence_sentence": sentence.text,
        "trigger_words": "; ".join(trigger.text for trigger in event.evidence.triggers),
        "trigger_offsets": ";".join(
            f"{trigger.start - sentence.start}-{trigger.end - sentence.start}"
            for trigger in event.evidence.triggers
        ),
        "num_mentions": event.mentions.count,
        "confidence": event.confidence,
    }


def story_row(story: StoryAggregate) -> Row:
    """The ``stories`` row of ``story``."""
    return {
        "story_id": story.story_id,
        "dyad": story.dyad,
        "event_type": story.event_type.value,
        "event_day": story.event_day,
        "num_mentions": story.num_mentions,
        "num_articles": story.num_articles,
        "num_sources": story.num_sources,
        "first_seen": utc_naive(story.first_seen),
        "last_seen": utc_naive(story.last_seen),
        "event_ids": " ".join(story.event_ids),
    }


def dead_letter_row(
    record_id: str,
    headers: DeadLetterHeaders | None,
    key: bytes | None,
    received_at: datetime,
) -> Row:
    """The ``dead_letters`` row of the dead letter at ``record_id`` (topic/partition/offset)."""
    return {
        "dead_letter_id": record_id,
        "reason": headers.reason.value if headers else "unknown",
        "error": headers.error if headers else "no dlq headers",
        "article_key": key.decode("utf-8", errors="replace") if key else None,
        "received_at": utc_naive(received_at),
    }
