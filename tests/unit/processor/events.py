"""A small builder of valid DiplomaticEvents for the processor's unit tests."""

from __future__ import annotations

import uuid
from datetime import datetime

from schemas import (
    SCHEMA_VERSION,
    Actor,
    ActorKind,
    DiplomaticEvent,
    EventStatus,
    EventTime,
    Evidence,
    Mentions,
    PloverRoot,
    QuadClass,
    TextSpan,
    TimePrecision,
)

SENTENCE = "France and Germany met in Paris."


def make_event(
    *,
    article_id: str = "article-1",
    publisher: str | None = "Daily Test",
    published_at: datetime | None = None,
    event_start: datetime | None = None,
    mentions: int = 1,
    event_type: PloverRoot = PloverRoot.CONSULT,
    quad_class: QuadClass = QuadClass.VERBAL_COOPERATION,
) -> DiplomaticEvent:
    """A CONSULT event from France to Germany; every argument changes one aspect of it."""
    span = TextSpan(text=SENTENCE, start=0, end=len(SENTENCE))
    time = (
        EventTime(start=event_start, end=None, precision=TimePrecision.DAY) if event_start else None
    )
    return DiplomaticEvent(
        schema_version=SCHEMA_VERSION,
        event_id=uuid.uuid5(uuid.NAMESPACE_URL, f"{article_id}/{event_type}/{mentions}"),
        article_id=article_id,
        publisher=publisher,
        article_url=None,
        published_at=published_at,
        extractor_version="test",
        event_type=event_type,
        cameo_code="040",
        cameo_name="Consult",
        goldstein=1.0,
        quad_class=quad_class,
        source=Actor(text="France", name="France", country="FRA", kind=ActorKind.STATE),
        target=Actor(text="Germany", name="Germany", country="DEU", kind=ActorKind.STATE),
        status=EventStatus.OCCURRED,
        time=time,
        location=None,
        evidence=Evidence(sentence=span, triggers=[TextSpan(text="met", start=19, end=22)]),
        mentions=Mentions(count=mentions, offsets=[span] * mentions),
        confidence=0.9,
    )
