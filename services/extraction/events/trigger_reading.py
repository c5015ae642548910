"""What the steps of :mod:`trigger_steps` read about one trigger, and the readings of its
speaker, back-reference and date that they share: kept apart so that the table of steps reads
as a list of decisions."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from spacy.tokens import Doc, Token

from schemas import Actor, Article, EventStatus, EventTime, TextSpan, TimePrecision
from services.extraction.actors import ActorMention
from services.extraction.actors.index import ActorIndex
from services.extraction.events.candidate import AnaphoricMention, EventCandidate
from services.extraction.events.main_event import MainTrigger, TriggerKey
from services.extraction.events.roles import Arguments
from services.extraction.sentences.document import ParsedArticle
from services.extraction.status.reading import StatusReading
from services.extraction.triggers import TriggerMatch

# Precisions that date an intended act: a schedule, not only a plan.
_DATED = frozenset(
    {TimePrecision.MINUTE, TimePrecision.HOUR, TimePrecision.DAY, TimePrecision.WEEK}
)


@dataclass(frozen=True)
class ArticleContext:
    """What every trigger of one article is read against."""

    article: Article
    parsed: ParsedArticle
    actors: ActorIndex
    times: dict[int, EventTime]
    briefer: ActorMention | None
    main: dict[TriggerKey, MainTrigger]


@dataclass(frozen=True)
class TriggerReading:
    """What the steps have found so far about one trigger of the article ``context``."""

    context: ArticleContext
    trigger: TriggerMatch
    head: Token
    arguments: Arguments
    status_reading: StatusReading
    status: EventStatus
    cued: bool
    time: EventTime | None
    sentence: TextSpan
    span: TextSpan
    main: MainTrigger | None
    speaker: Actor | None = None
    quote: str | None = None
    candidates: tuple[EventCandidate, ...] = ()
    anaphor: AnaphoricMention | None = None
    finished: bool = False


Step = Callable[[TriggerReading], TriggerReading]


def speaker_actor(
    doc: Doc, speaker: ActorMention | None, briefer: ActorMention | None
) -> Actor | None:
    """The actor reporting an event. In a briefing, "he said" is the spokesperson briefing,
    not the last man named, whom pronoun resolution would pick ("Trump hopes ...; he added")."""
    if speaker is None:
        return None
    if briefer is not None and briefer.start <= speaker.start and doc[speaker.head].pos_ == "PRON":
        return briefer.actor
    return speaker.actor


def refers_back(head: Token, nominal: bool, back_referring: frozenset[str]) -> bool:
    """Whether a trigger without actors names an event told before: "the call", "such talks",
    "the upcoming contact"; never "his trip" or "a meeting"."""
    if not nominal:
        return False
    determiners = {child.lower_ for child in head.children if child.dep_ in ("det", "predet")}
    owned = any(child.dep_ == "poss" for child in head.children)
    return not owned and bool(determiners & back_referring)


def status_with_time(
    status: EventStatus, cued: bool, time: EventTime | None, published_at: datetime | None
) -> tuple[EventStatus, bool]:
    """An uncued event dated after publication is scheduled, not occurred; so is an intended
    one given a day or a week ("would travel to Beirut next week")."""
    if time is None or time.start is None or published_at is None:
        return status, cued
    if time.start <= published_at:
        return status, cued
    if status == EventStatus.OCCURRED and not cued:
        return EventStatus.SCHEDULED, True
    if status == EventStatus.INTENDED and time.precision in _DATED:
        return EventStatus.SCHEDULED, True
    return status, cued
