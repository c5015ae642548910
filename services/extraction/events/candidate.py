"""Events as the engine builds them, before mentions are merged and the message is assembled."""

from __future__ import annotations

from dataclasses import dataclass

from schemas import Actor, EventStatus, EventTime, Location, TextSpan
from services.extraction.triggers.codebook import CameoCode


@dataclass(frozen=True)
class EvidenceFeatures:
    """What the confidence score is computed from (see ``confidence.py``)."""

    source_named: bool
    target_named: bool
    target_inferred: bool
    parse_path: str
    status_cued: bool
    nominal: bool
    main_clause: bool


@dataclass(frozen=True)
class EventCandidate:
    """One event found at one trigger; merging mentions of the same event gives a new one.

    ``mentions`` and ``triggers`` hold every sentence and trigger of the event, in text order:
    the candidate's own ``sentence`` and ``trigger`` when it is first found.
    """

    code: CameoCode
    source: Actor
    target: Actor | None
    reciprocal: bool
    status: EventStatus
    status_cued: bool
    time: EventTime | None
    location: Location | None
    reported_by: Actor | None
    quote: str | None
    sentence: TextSpan
    trigger: TextSpan
    trigger_lemma: str
    features: EvidenceFeatures
    mentions: tuple[TextSpan, ...]
    triggers: tuple[TextSpan, ...]


@dataclass(frozen=True)
class AnaphoricMention:
    """A trigger with no actor of its own ("the call", "such negotiations"): it can only
    mention an event already found."""

    code: CameoCode
    trigger_lemma: str
    status: EventStatus
    status_cued: bool
    time: EventTime | None
    sentence: TextSpan
    trigger: TextSpan
