"""Stories: one real-world event as reported across articles, folded from coded events.

A story's fingerprint is the dyad, the event type and the event day, so every article about
the same meeting on the same day lands in the same story. Everything here is pure; the Faust
table that keeps stories across restarts is wired in ``story_table``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta

from pydantic import BaseModel, ConfigDict

from schemas import DiplomaticEvent, StoryAggregate


class StoryState(BaseModel):
    """A story plus what its counters need: which articles and publishers it has seen."""

    model_config = ConfigDict(frozen=True)

    aggregate: StoryAggregate
    article_ids: list[str]
    sources: list[str]


def event_day(event: DiplomaticEvent, seen_at: datetime) -> date:
    """The day the event happens when known, else the day it was published (else seen)."""
    when = (event.time.start if event.time else None) or event.published_at or seen_at
    return when.astimezone(UTC).date()


def story_id(event: DiplomaticEvent, seen_at: datetime) -> str:
    """Fingerprint of the event's story: ``dyad|event type|event day``."""
    return f"{event.dyad_key}|{event.event_type.value}|{event_day(event, seen_at).isoformat()}"


def fold_event_into_story(
    state: StoryState | None, event: DiplomaticEvent, seen_at: datetime
) -> StoryState:
    """The story with ``event`` counted in; an event already folded in changes nothing."""
    event_id = str(event.event_id)
    publishers = [event.publisher] if event.publisher else []
    if state is None:
        return StoryState(
            aggregate=StoryAggregate(
                story_id=story_id(event, seen_at),
                dyad=event.dyad_key,
                event_type=event.event_type,
                event_day=event_day(event, seen_at),
                num_mentions=event.mentions.count,
                num_articles=1,
                num_sources=len(publishers),
                first_seen=seen_at,
                last_seen=seen_at,
                event_ids=[event_id],
            ),
            article_ids=[event.article_id],
            sources=publishers,
        )
    story = state.aggregate
    # Re-processing an article (at-least-once delivery) yields the same event ids.
    if event_id in story.event_ids:
        return state
    article_ids = sorted({*state.article_ids, event.article_id})
    sources = sorted({*state.sources, *publishers})
    return StoryState(
        aggregate=story.model_copy(
            update={
                "num_mentions": story.num_mentions + event.mentions.count,
                "num_articles": len(article_ids),
                "num_sources": len(sources),
                "first_seen": min(story.first_seen, seen_at),
                "last_seen": max(story.last_seen, seen_at),
                "event_ids": [*story.event_ids, event_id],
            }
        ),
        article_ids=article_ids,
        sources=sources,
    )


def is_expired(state: StoryState, now: datetime, expiry_days: int) -> bool:
    """True when nothing was added to the story for more than ``expiry_days``."""
    return now - state.aggregate.last_seen > timedelta(days=expiry_days)


def fold_events_into_stories(
    stored: Callable[[str], StoryState | None],
    events: Sequence[tuple[DiplomaticEvent, datetime]],
    expiry_days: int,
) -> dict[str, tuple[int, StoryState]]:
    """The stories that ``(event, seen at)`` pairs change, folded in order: story id to the
    index of the last event that changed it and its new state. ``stored`` gives a story's
    state before the batch; a story idle for more than ``expiry_days`` starts afresh."""
    changed: dict[str, tuple[int, StoryState]] = {}
    for index, (event, seen_at) in enumerate(events):
        key = story_id(event, seen_at)
        state = changed[key][1] if key in changed else stored(key)
        if state is not None and is_expired(state, seen_at, expiry_days):
            state = None
        folded = fold_event_into_story(state, event, seen_at)
        if folded is not state:
            changed[key] = (index, folded)
    return changed
