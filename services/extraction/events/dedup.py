"""One event per event: merging the mentions of the same event across an article.

Two events found anywhere in the article are one when they share PLOVER root and dyad, their
modes agree (equal, or one unspecified), their statuses are equal (or one is only a default) and
their times agree. A side of the dyad is its country when it has one, else its name: the
headline's "Washington" and the lead's "Secretary of State Rice" are one side, as are the two
leaders of a meeting named by title in one sentence and by name in the next. The dyad is
unordered when either event is reciprocal, so "A met B", "B met A" and "A and B held talks" are
one meeting. A trigger without actors ("the call", "the upcoming contact", "such negotiations")
is a mention of the most recent compatible event, preferring one triggered by the same word.
Merging keeps the most specific CAMEO code, the finest time, the first evidence sentence and
the actors of the mention that places more of them in a country.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime, timedelta

from schemas import Actor, EventStatus, EventTime, PloverRoot, TextSpan, TimePrecision
from services.extraction.events.candidate import AnaphoricMention, EventCandidate
from services.extraction.triggers.codebook import CameoCode

_STATUS_GROUPS: dict[EventStatus, str] = {
    EventStatus.OCCURRED: "real",
    EventStatus.ONGOING: "real",
    EventStatus.SCHEDULED: "future",
    EventStatus.INTENDED: "future",
    EventStatus.PROPOSED: "future",
    EventStatus.HYPOTHETICAL: "hypothetical",
    EventStatus.DENIED: "denied",
    EventStatus.REFUSED: "refused",
    EventStatus.CANCELLED: "cancelled",
}
_PRECISION_ORDER = list(TimePrecision)
# Times this close count as the same event's ("Monday evening" and "5 pm Moscow time").
_TIME_SLACK = timedelta(hours=12)
# How far from publication a dated event still counts as the article's news.
_NEWS_DAYS = timedelta(days=7)
# A visit holds meetings of its own: "arrived in Beijing for a state visit" and "held talks
# today" are two events, though "the visit" later on is a mention of the first.
_VISIT = "visit"
_FINE_PRECISIONS = frozenset({TimePrecision.MINUTE, TimePrecision.HOUR, TimePrecision.DAY})


def merge_mentions(
    candidates: Sequence[EventCandidate],
    anaphors: Sequence[AnaphoricMention],
    published_at: datetime | None = None,
) -> list[EventCandidate]:
    """The distinct events of an article, each with every sentence that mentions it; an
    undated mention is taken to be of the days around ``published_at``."""
    items: list[EventCandidate | AnaphoricMention] = sorted(
        [*candidates, *anaphors], key=lambda item: item.trigger.start
    )
    events: list[EventCandidate] = []
    # Indices of ``events`` by PLOVER root, which any two mentions of one event share: a long
    # article has many events, and each mention is compared only with those of its root.
    by_root: dict[PloverRoot, list[int]] = {}
    for item in items:
        rooted = by_root.setdefault(item.code.plover_root, [])
        if isinstance(item, EventCandidate):
            same = next((i for i in rooted if _same_event(events[i], item, published_at)), None)
            if same is None:
                rooted.append(len(events))
                events.append(item)
            else:
                merged = _absorb(events[same], item.sentence, item.trigger, item.time, item.code)
                cued = merged.status_cued or item.status_cued
                events[same] = _with_better_actors(replace(merged, status_cued=cued), item)
        else:
            antecedent = _antecedent(events, rooted, item)
            if antecedent is not None:
                events[antecedent] = _absorb(
                    events[antecedent], item.sentence, item.trigger, item.time, item.code
                )
    return events


def _same_event(
    event: EventCandidate, other: EventCandidate, published_at: datetime | None
) -> bool:
    return (
        event.code.plover_root == other.code.plover_root
        and _modes_agree(event.code, other.code)
        and {event.code.plover_mode, other.code.plover_mode} != {None, _VISIT}
        and _same_dyad(event, other)
        and (event.status == other.status or not (event.status_cued and other.status_cued))
        and _STATUS_GROUPS[event.status] == _STATUS_GROUPS[other.status]
        and times_agree(event.time, other.time)
        and _news_of_the_day(event.time, published_at) == _news_of_the_day(other.time, published_at)
    )


def _news_of_the_day(time: EventTime | None, published_at: datetime | None) -> bool:
    """Whether an event is of the days the article reports on, rather than background ("last
    year", "in April"): undated mentions are, dated ones when they fall near publication."""
    if time is None or time.start is None or published_at is None:
        return True
    end = time.end or time.start
    return time.start - _NEWS_DAYS <= published_at and published_at - _NEWS_DAYS <= end


def _modes_agree(first: CameoCode, second: CameoCode) -> bool:
    """Same mode, or one of them unspecified ("talks" and "the phone call")."""
    return first.plover_mode == second.plover_mode or None in (
        first.plover_mode,
        second.plover_mode,
    )


def _same_dyad(event: EventCandidate, other: EventCandidate) -> bool:
    sides = (_side(event.source), _side(event.target))
    other_sides = (_side(other.source), _side(other.target))
    if event.reciprocal or other.reciprocal:
        return sorted(sides) == sorted(other_sides)
    return sides == other_sides


def _side(actor: Actor | None) -> str:
    """What identifies one side of an event across mentions: its country, else its name."""
    if actor is None:
        return ""
    return actor.country or actor.name


def _with_better_actors(event: EventCandidate, other: EventCandidate) -> EventCandidate:
    """Give the merged event the actors of the mention that places more of them in a country
    ("the two leaders" in the lead, "Putin" and "Bush" later), and their evidence features;
    the first mention's otherwise."""
    same_sentence = other.sentence.start == event.sentence.start
    if _informative(other, same_sentence) <= _informative(event, same_sentence):
        return event
    return replace(
        event,
        source=other.source,
        target=other.target,
        features=other.features,
        reciprocal=event.reciprocal or other.reciprocal,
    )


def _informative(event: EventCandidate, by_name: bool) -> tuple[int, int]:
    """How much a mention says of who acts: sides placed in a country, then (within one
    sentence: "Turkish President Recep Tayyip Erdogan") sides named."""
    placed = sum(1 for actor in (event.source, event.target) if actor and actor.country)
    named = int(event.features.source_named) + int(event.features.target_named)
    return placed, named if by_name else 0


def _antecedent(
    events: Sequence[EventCandidate], rooted: Sequence[int], mention: AnaphoricMention
) -> int | None:
    """The index of the event an anaphoric mention refers to, if any, among the ``rooted``
    events of its PLOVER root."""
    compatible = [
        index
        for index, event in ((index, events[index]) for index in rooted)
        if _modes_agree(event.code, mention.code)
        and (
            not mention.status_cued
            or _STATUS_GROUPS[event.status] == _STATUS_GROUPS[mention.status]
        )
        and times_agree(event.time, mention.time)
    ]
    if not compatible:
        return None
    same_word = [i for i in compatible if events[i].trigger_lemma == mention.trigger_lemma]
    pool = same_word or compatible
    return max(pool, key=lambda index: events[index].triggers[-1].start)


def _absorb(
    event: EventCandidate,
    sentence: TextSpan,
    trigger: TextSpan,
    time: EventTime | None,
    code: CameoCode,
) -> EventCandidate:
    """``event`` with one more mention: its sentence and trigger, and its code and time when
    they are more specific."""
    mentions = event.mentions
    if all(known.start != sentence.start for known in mentions):
        mentions = tuple(sorted((*mentions, sentence), key=lambda span: span.start))
    triggers = event.triggers
    if all(known.start != trigger.start for known in triggers):
        triggers = tuple(sorted((*triggers, trigger), key=lambda span: span.start))
    if len(code.code) > len(event.code.code) and code.plover_root == event.code.plover_root:
        event = replace(event, code=code)
    if time is not None and (event.time is None or _finer(time, event.time)):
        event = replace(event, time=time)
    return replace(event, mentions=mentions, triggers=triggers)


def _finer(time: EventTime, other: EventTime) -> bool:
    return _PRECISION_ORDER.index(time.precision) < _PRECISION_ORDER.index(other.precision)


def times_agree(first: EventTime | None, second: EventTime | None) -> bool:
    """Whether two times can be those of one event: overlapping, or close for fine times."""
    if first is None or second is None or first.start is None or second.start is None:
        return True
    slack = (
        _TIME_SLACK
        if first.precision in _FINE_PRECISIONS and second.precision in _FINE_PRECISIONS
        else timedelta(0)
    )
    first_end = first.end or first.start
    second_end = second.end or second.start
    return first.start - slack <= second_end and second.start - slack <= first_end
