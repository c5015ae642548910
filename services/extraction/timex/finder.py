"""Find the time expressions of a text and resolve them against its publication time."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import UTC, datetime, tzinfo

from schemas import EventTime, TimePrecision
from services.extraction.timex import clock, dates, relative
from services.extraction.timex.anchored import anchored_times
from services.extraction.timex.calendar import Anchor, Tense
from services.extraction.timex.patterns import TimePatterns, build_patterns
from services.extraction.timex.reading import Reading, Rule
from services.extraction.timex.vocabulary import TimeVocabulary

# A date and a time of day written side by side are one expression: "Monday at 5 pm",
# "5 pm on Monday", "March 18, 14:00".
_DATE_CLOCK_GAP = re.compile(r"\s*,?\s*(?:(?i:at|on|from|around|about)\s+)?")
# A weekday restated as a date: "Monday, May 19".
_DAY_RESTATED_GAP = re.compile(r"\s*,?\s*")


@dataclass(frozen=True)
class TimeMention:
    start: int
    end: int
    time: EventTime


@dataclass(frozen=True)
class _Rule:
    name: str
    read: Rule


# Earlier rules win ties between matches of equal length.
_RULES = (
    _Rule("clock", clock.clock),
    _Rule("iso_date", dates.iso_date),
    _Rule("month_day", dates.day_of_month),
    _Rule("day_month", dates.day_of_month),
    _Rule("day_range", dates.day_range),
    _Rule("year_range", dates.year_range),
    _Rule("decade", dates.decade),
    _Rule("month_year", dates.month_of_year),
    _Rule("holiday", dates.holiday),
    _Rule("month", dates.bare_month),
    _Rule("year", dates.year),
    _Rule("season", dates.season),
    _Rule("relative_day", relative.relative_day),
    _Rule("weekday", relative.weekday),
    _Rule("period", relative.period),
    _Rule("weekend", relative.weekend),
    _Rule("counted", relative.counted),
    _Rule("within", relative.within),
    _Rule("span_of", relative.span_of),
    _Rule("vague", relative.vague),
)


def _read_or_unresolved(
    read: Rule, match: re.Match[str], anchor: Anchor, vocab: TimeVocabulary
) -> Reading | None:
    """The rule's reading; an expression the calendar cannot hold ("3000 years ago", a
    publication time at the calendar's edge) is kept as a time without bounds, never an error
    that would stop the article."""
    try:
        return read(match, anchor, vocab)
    except (ValueError, OverflowError):
        return Reading(*match.span(), None, None, TimePrecision.VAGUE, open_bounds=False)


def _read_all(
    text: str, anchor: Anchor, vocab: TimeVocabulary, patterns: TimePatterns
) -> list[Reading]:
    lowered = text.lower()
    readings: list[tuple[int, Reading]] = []
    for rank, rule in enumerate(_RULES):
        cues = patterns.cues.get(rule.name)
        if cues is not None and not any(cue in lowered for cue in cues):
            continue
        pattern: re.Pattern[str] = getattr(patterns, rule.name)
        for match in pattern.finditer(text):
            reading = _read_or_unresolved(rule.read, match, anchor, vocab)
            if reading is not None:
                readings.append((rank, reading))
    readings.sort(key=lambda item: (item[1].start - item[1].end, item[0], item[1].start))
    kept: list[Reading] = []
    for _, reading in readings:
        if all(reading.end <= other.start or reading.start >= other.end for other in kept):
            kept.append(reading)
    return sorted(kept, key=lambda reading: reading.start)


def _join_neighbours(
    text: str, readings: list[Reading], anchor: Anchor, vocab: TimeVocabulary
) -> list[Reading]:
    joined: list[Reading] = []
    for reading in readings:
        previous = joined[-1] if joined else None
        if previous is not None and _DATE_CLOCK_GAP.fullmatch(text, previous.end, reading.start):
            try:
                pair = _joined(text, previous, reading, anchor.clock_zone, vocab)
            except (ValueError, OverflowError):
                pair = None  # a clock time that lands outside the calendar stays apart
            if pair is not None:
                joined[-1] = pair
                continue
        joined.append(reading)
    return joined


def _joined(
    text: str, first: Reading, second: Reading, zone: tzinfo, vocab: TimeVocabulary
) -> Reading | None:
    """One reading for "Monday at 5 pm", "5 pm on Monday" or "Monday, May 19" (the date wins)."""
    if first.clock is None and second.clock is None:
        restated_day = _DAY_RESTATED_GAP.fullmatch(text, first.end, second.start)
        if restated_day is None or first.day is None or second.day is None:
            return None
        weekday_first = any(name in text[first.start : first.end] for name in vocab.weekdays)
        return replace(second, start=first.start) if weekday_first else None
    day_reading, clock_reading = (first, second) if first.clock is None else (second, first)
    clock, day = clock_reading.clock, day_reading.day
    if clock is None or day is None or day_reading.clock is not None:
        return None
    instant = clock.instant(day, zone)
    return Reading(first.start, second.end, instant, instant, TimePrecision.MINUTE, day=day)


def _with_open_bound(
    text: str, reading: Reading, anchor: Anchor, vocab: TimeVocabulary, patterns: TimePatterns
) -> Reading:
    """ "before 2022" ends where 2022 starts; "since 2014" runs up to publication."""
    if not reading.open_bounds or reading.start_at is None or reading.end_at is None:
        return reading
    lead_in = patterns.open_bound_before.search(text, max(0, reading.start - 12), reading.start)
    if lead_in is None:
        return reading
    kind = vocab.open_bounds[lead_in["bound"].lower()]
    start_at: datetime | None
    end_at: datetime | None
    if kind == "before":
        start_at, end_at = None, reading.start_at
    elif kind == "after":
        start_at, end_at = reading.end_at, None
    elif kind == "since":
        start_at, end_at = reading.start_at, anchor.published_at
    else:
        start_at, end_at = None, reading.end_at
    return replace(reading, start=lead_in.start(), start_at=start_at, end_at=end_at)


class TimeFinder:
    """Finds time expressions with patterns compiled once from the time vocabulary, so that
    each sentence costs only the matching."""

    def __init__(self, vocabulary: TimeVocabulary) -> None:
        self._vocab = vocabulary
        self._patterns = build_patterns(vocabulary)

    def find(
        self,
        text: str,
        published_at: datetime | None,
        *,
        tense: Tense | None = None,
        local_zone: tzinfo | None = None,
        clock_zone: tzinfo | None = None,
    ) -> list[TimeMention]:
        """Every time expression of ``text``, in order, resolved to UTC.

        ``tense`` is the tense of the text when the caller knows it (one sentence at a time):
        it decides whether a bare "Monday" or "March 18" lies before or after publication.
        ``local_zone`` is where day boundaries are read, by default the publication time's own
        zone; ``clock_zone`` is where clock times without a named zone are read (the zone of
        the story's dateline place, say), by default ``local_zone``.
        """
        if published_at is not None and published_at.tzinfo is None:
            raise ValueError("published_at must be timezone-aware")
        zone = local_zone or (published_at.tzinfo if published_at is not None else None) or UTC
        anchor = Anchor(published_at, zone, tense, clock_zone or zone)
        vocab, patterns = self._vocab, self._patterns
        readings = _join_neighbours(text, _read_all(text, anchor, vocab, patterns), anchor, vocab)
        mentions = []
        for reading in readings:
            bounded = _with_open_bound(text, reading, anchor, vocab, patterns)
            time = EventTime(
                start=bounded.start_at,
                end=bounded.end_at,
                precision=bounded.precision,
                text=text[bounded.start : bounded.end],
            )
            mentions.append(TimeMention(bounded.start, bounded.end, time))
        spans = [(mention.start, mention.end, mention.time) for mention in mentions]
        mentions.extend(TimeMention(*found) for found in anchored_times(text, spans, vocab))
        return sorted(mentions, key=lambda mention: mention.start)
