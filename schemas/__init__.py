"""The topic contract: pydantic models of every message dipstream reads or writes."""

from schemas.article import Article
from schemas.dead_letter import DeadLetterHeaders, DeadLetterReason
from schemas.event import (
    Actor,
    DiplomaticEvent,
    EventTime,
    Evidence,
    Location,
    Mentions,
    TextSpan,
)
from schemas.story import StoryAggregate
from schemas.vocabulary import (
    ActorKind,
    EventStatus,
    PloverRoot,
    QuadClass,
    TimePrecision,
)

SCHEMA_VERSION = "1.0"

__all__ = [
    "SCHEMA_VERSION",
    "Actor",
    "ActorKind",
    "Article",
    "DeadLetterHeaders",
    "DeadLetterReason",
    "DiplomaticEvent",
    "EventStatus",
    "EventTime",
    "Evidence",
    "Location",
    "Mentions",
    "PloverRoot",
    "QuadClass",
    "StoryAggregate",
    "TextSpan",
    "TimePrecision",
]
