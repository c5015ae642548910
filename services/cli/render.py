"""One readable line per message for ``dipstream tail``: events, stories and dead letters."""

from __future__ import annotations

from datetime import datetime

from schemas import (
    Actor,
    DeadLetterHeaders,
    DiplomaticEvent,
    EventTime,
    Location,
    StoryAggregate,
    TimePrecision,
)

MISSING = "-"
PREVIEW_CHARS = 60


def actor_label(actor: Actor | None) -> str:
    """``name [country]``, or just the code when the name is the code."""
    if actor is None:
        return MISSING
    if actor.country and actor.country != actor.name:
        return f"{actor.name} [{actor.country}]"
    return actor.name


def place_label(location: Location | None) -> str:
    """``name [country]``, or just the name when the country is unknown or is the name."""
    if location is None:
        return MISSING
    if location.country and location.country != location.name:
        return f"{location.name} [{location.country}]"
    return location.name


def time_label(time: EventTime | None) -> str:
    """When the event happens, resolved: its date, and its clock time when the article gives it.

    A time the engine could not resolve shows as unknown rather than as its words ("soon").
    """
    if time is None or time.start is None:
        return MISSING
    with_clock = time.precision in {TimePrecision.MINUTE, TimePrecision.HOUR}
    shown = time.start.strftime("%Y-%m-%d %H:%M" if with_clock else "%Y-%m-%d")
    return f"{shown}/{time.precision.value}"


def event_line(event: DiplomaticEvent, received_at: datetime) -> str:
    """Time, source → type(mode) → target, status, when, where, reported by, confidence."""
    action = event.event_type.value + (f"({event.event_mode})" if event.event_mode else "")
    arrow = "↔" if event.reciprocal else "→"
    where = place_label(event.location)
    return (
        f"{received_at:%Y-%m-%d %H:%M:%S}  {actor_label(event.source)} {arrow} {action} {arrow} "
        f"{actor_label(event.target)}  {event.status.value}  when {time_label(event.time)}  "
        f"where {where}  per {actor_label(event.reported_by)}  "
        f"conf {event.confidence:.2f}  [{event.article_id}]"
    )


def story_line(story: StoryAggregate, received_at: datetime) -> str:
    """Dyad, event type and day, with mention, article and source counts."""
    return (
        f"{received_at:%H:%M:%S}  {story.dyad}  {story.event_type.value}  {story.event_day}  "
        f"mentions {story.num_mentions}  articles {story.num_articles}  "
        f"sources {story.num_sources}"
    )


def dead_letter_line(
    headers: DeadLetterHeaders | None, key: bytes | None, value: bytes, received_at: datetime
) -> str:
    """Reason, error and original position of a dead letter, with the start of its value."""
    shown_key = key.decode("utf-8", errors="replace") if key else MISSING
    preview = value[:PREVIEW_CHARS].decode("utf-8", errors="replace").replace("\n", " ")
    if len(value) > PREVIEW_CHARS:
        preview += "…"
    if headers is None:
        return f"{received_at:%H:%M:%S}  (no dlq headers)  key {shown_key}  {preview}"
    return (
        f"{received_at:%H:%M:%S}  {headers.reason.value}: {headers.error}  "
        f"from {headers.original_topic}[{headers.original_partition}]@{headers.original_offset}  "
        f"key {shown_key}  {preview}"
    )
