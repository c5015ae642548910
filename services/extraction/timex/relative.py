"""Expressions counted from the publication time: days, weekdays, weeks, "two days ago",
"in two weeks", "the past five years", "soon"."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, tzinfo

from schemas import TimePrecision
from services.extraction.timex.calendar import (
    Anchor,
    Span,
    day_span,
    local_instant,
    month_span,
    shift,
    third_of,
    week_span,
    weekday_date,
    year_span,
)
from services.extraction.timex.reading import Reading, day_reading, span_reading
from services.extraction.timex.vocabulary import TimeVocabulary

_UNIT_PRECISION = {
    "minute": TimePrecision.MINUTE,
    "hour": TimePrecision.HOUR,
    "day": TimePrecision.DAY,
    "week": TimePrecision.WEEK,
    "month": TimePrecision.MONTH,
    "year": TimePrecision.YEAR,
}
_WORDS = re.compile(r"[a-z]+")
# How far back "the first talks in seven years" may put its duration cue.
_DURATION_CUE_REACH = 40


def _part_of_day(
    match: re.Match[str], day: date | None, part: str | None, anchor: Anchor, vocab: TimeVocabulary
) -> Reading:
    if part is None or day is None:
        return day_reading(match, day, anchor.zone)
    first, last = vocab.parts_of_day[part.lower()]
    span = local_instant(day, anchor.zone, first), local_instant(day, anchor.zone, last)
    return Reading(*match.span(), *span, TimePrecision.HOUR, day=day)


def _count(text: str, vocab: TimeVocabulary) -> int:
    return int(text) if text.isdigit() else vocab.numbers[text.lower()]


def _unit_span(instant: datetime, unit: str, zone: tzinfo) -> Span:
    """The calendar unit around an instant: its day, ISO week, month or year."""
    local = instant.astimezone(zone)
    if unit in ("minute", "hour"):
        return instant, instant
    if unit == "day":
        return day_span(local.date(), zone)
    if unit == "week":
        return week_span(local.date(), zone)
    if unit == "month":
        return month_span(local.year, local.month, zone)
    return year_span(local.year, zone)


def relative_day(match: re.Match[str], anchor: Anchor, vocab: TimeVocabulary) -> Reading | None:
    relative = vocab.relative_days[match["rel"].lower()]
    today = anchor.today
    day = None if today is None else today + timedelta(days=relative.offset)
    return _part_of_day(match, day, match["part"] or relative.part, anchor, vocab)


def weekday(match: re.Match[str], anchor: Anchor, vocab: TimeVocabulary) -> Reading | None:
    modifier = match["mod"].lower() if match["mod"] else None
    day = weekday_date(anchor, vocab.weekdays[match["wd"]], modifier)
    return _part_of_day(match, day, match["part"], anchor, vocab)


def period(match: re.Match[str], anchor: Anchor, vocab: TimeVocabulary) -> Reading | None:
    """ "last week" (ISO week), "this month", "earlier this year" (up to publication), "the
    end of the year" (its last third: a bare "the year" needs such an edge word)."""
    if match["mod"] is None and match["edge"] is None:
        return None
    unit = match["unit"].lower()
    precision = _UNIT_PRECISION[unit]
    today, published = anchor.today, anchor.published_at
    if today is None or published is None:
        return span_reading(match, None, precision)
    offset = vocab.period_offsets[match["mod"].lower()] if match["mod"] else 0
    if unit == "week":
        start, end = week_span(today + timedelta(weeks=offset), anchor.zone)
    elif unit == "month":
        start, end = month_span(today.year, today.month, anchor.zone)
        start, end = shift(start, "month", offset), shift(end, "month", offset)
    else:
        start, end = year_span(today.year + offset, anchor.zone)
    side = (match["side"] or "").lower()
    if side == "earlier":
        end = min(end, published)
    elif side == "later":
        start = max(start, published)
    if match["edge"]:
        start, end = third_of((start, end), vocab.edges[match["edge"].lower()])
    return span_reading(match, (start, end), precision)


def weekend(match: re.Match[str], anchor: Anchor, vocab: TimeVocabulary) -> Reading | None:
    """Saturday and Sunday; without a modifier, the weekend nearest publication by tense."""
    today = anchor.today
    if today is None:
        return span_reading(match, None, TimePrecision.DAY)
    if match["mod"]:
        offset = vocab.period_offsets[match["mod"].lower()]
        saturday = today + timedelta(days=5 - today.weekday(), weeks=offset)
    else:
        found = weekday_date(anchor, 5, None)
        saturday = found if found is not None else today
    return Reading(*match.span(), *day_span(saturday, anchor.zone, days=2), TimePrecision.DAY)


def counted(match: re.Match[str], anchor: Anchor, vocab: TimeVocabulary) -> Reading | None:
    """ "two days ago", "three weeks from now": the unit around that point."""
    unit = match["unit"].lower()
    if anchor.published_at is None:
        return span_reading(match, None, _UNIT_PRECISION[unit])
    sign = -1 if match["dir"].lower() == "ago" else 1
    point = shift(anchor.published_at, unit, sign * _count(match["n"], vocab))
    return span_reading(match, _unit_span(point, unit, anchor.zone), _UNIT_PRECISION[unit])


def _is_duration(match: re.Match[str], vocab: TimeVocabulary) -> bool:
    before = match.string[max(0, match.start() - _DURATION_CUE_REACH) : match.start()].lower()
    return not vocab.duration_cues.isdisjoint(_WORDS.findall(before))


def within(match: re.Match[str], anchor: Anchor, vocab: TimeVocabulary) -> Reading | None:
    """ "in two weeks" is the unit around that point; "within two weeks" the whole window.
    "the first visit in seven years" is a span of time, not a date, and is skipped."""
    if _is_duration(match, vocab):
        return None
    unit = match["unit"].lower()
    published = anchor.published_at
    if published is None:
        return span_reading(match, None, _UNIT_PRECISION[unit])
    point = shift(published, unit, _count(match["n"], vocab))
    if match["prep"].lower() == "within":
        return span_reading(match, (published, point), TimePrecision.VAGUE)
    return span_reading(match, _unit_span(point, unit, anchor.zone), _UNIT_PRECISION[unit])


def span_of(match: re.Match[str], anchor: Anchor, vocab: TimeVocabulary) -> Reading | None:
    """ "the past two weeks" up to publication, "the next three days" from it."""
    unit = match["unit"].lower()
    precision = _UNIT_PRECISION[unit]
    published = anchor.published_at
    if published is None:
        return span_reading(match, None, precision)
    count = _count(match["n"], vocab)
    if match["mod"].lower() in ("next", "coming"):
        return span_reading(match, (published, shift(published, unit, count)), precision)
    return span_reading(match, (shift(published, unit, -count), published), precision)


def vague(match: re.Match[str], anchor: Anchor, vocab: TimeVocabulary) -> Reading | None:
    """ "soon", "recently": the window ``data/time/vague.yaml`` gives, precision vague."""
    window = vocab.vague[match["phrase"].lower()]
    published = anchor.published_at
    if published is None:
        return Reading(*match.span(), None, None, TimePrecision.VAGUE, open_bounds=False)

    def bound(days: int | None) -> datetime | None:
        return None if days is None else published + timedelta(days=days)

    start, end = bound(window.from_days), bound(window.to_days)
    return Reading(*match.span(), start, end, TimePrecision.VAGUE, open_bounds=False)
