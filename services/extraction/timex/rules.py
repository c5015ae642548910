"""One small function per kind of time expression: a regex match in, a ``Reading`` out.

Every function returns None when the match turns out not to be a time expression (an
impossible date, "May" the verb). Relative expressions met without a publication time
come back with precision vague and no bounds.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone, tzinfo

from schemas import TimePrecision
from services.extraction.timex.calendar import (
    Anchor,
    Span,
    choose_year,
    day_span,
    last_day_of_month,
    local_instant,
    month_span,
    shift,
    week_span,
    weekday_date,
    year_span,
)
from services.extraction.timex.patterns import load_patterns
from services.extraction.timex.reading import Clock, Reading
from services.extraction.timex.vocabulary import TimeVocabulary

Rule = Callable[[re.Match[str], Anchor, TimeVocabulary], Reading | None]

_UNIT_PRECISION = {
    "minute": TimePrecision.MINUTE,
    "hour": TimePrecision.HOUR,
    "day": TimePrecision.DAY,
    "week": TimePrecision.WEEK,
    "month": TimePrecision.MONTH,
    "year": TimePrecision.YEAR,
}
# "May" stands alone as a month only after one of these words; otherwise it is the verb.
_MONTH_LEAD_IN = re.compile(
    r"\b(?i:in|during|since|until|till|by|from|of|through|throughout|before|after|early|"
    r"mid|late|last|next|this|that)\s*-?\s*$"
)


def _reading(match: re.Match[str], span: Span | None, precision: TimePrecision) -> Reading:
    if span is None:
        return Reading(*match.span(), None, None, TimePrecision.VAGUE)
    return Reading(*match.span(), span[0], span[1], precision)


def _day_reading(match: re.Match[str], day: date | None, zone: tzinfo) -> Reading:
    if day is None:
        return _reading(match, None, TimePrecision.DAY)
    return Reading(*match.span(), *day_span(day, zone), TimePrecision.DAY, day=day)


def _part_of_day(
    match: re.Match[str], day: date | None, part: str | None, anchor: Anchor, vocab: TimeVocabulary
) -> Reading:
    if part is None or day is None:
        return _day_reading(match, day, anchor.zone)
    first, last = vocab.parts_of_day[part.lower()]
    span = local_instant(day, anchor.zone, first), local_instant(day, anchor.zone, last)
    return Reading(*match.span(), *span, TimePrecision.HOUR, day=day)


def _month_number(name: str, vocab: TimeVocabulary) -> int:
    return vocab.months.get(name) or vocab.month_abbreviations[name]


def _count(text: str, vocab: TimeVocabulary) -> int:
    return int(text) if text.isdigit() else vocab.numbers[text.lower()]


def _third(span: Span, edge: str | None, vocab: TimeVocabulary) -> Span:
    """Narrow a month or year to its first, middle or last third for "early"/"mid"/"late"."""
    if edge is None:
        return span
    index = vocab.edges[edge.lower()]
    start, end = span
    if end - start > timedelta(days=32):
        months = (4 * index, 4 * index + 4)
        return shift(start, "month", months[0]), shift(start, "month", months[1])
    bounds = (start + timedelta(days=10 * index), start + timedelta(days=10 * index + 10))
    return bounds[0], end if index == 2 else bounds[1]


def _calendar_date(year: int | None, month: int, day: int) -> date | None:
    if year is None or not 1 <= day <= last_day_of_month(year, month):
        return None
    return date(year, month, day)


def iso_date(match: re.Match[str], anchor: Anchor, _vocab: TimeVocabulary) -> Reading | None:
    year, month = int(match["y"]), int(match["m"])
    if not 1 <= month <= 12:
        return None
    day = _calendar_date(year, month, int(match["d"]))
    return None if day is None else _day_reading(match, day, anchor.zone)


def day_of_month(match: re.Match[str], anchor: Anchor, vocab: TimeVocabulary) -> Reading | None:
    month, day_number = _month_number(match["mon"], vocab), int(match["d"])
    if not 1 <= day_number <= 31:
        return None
    if match["y"]:
        year: int | None = int(match["y"])
    else:
        year = choose_year(anchor, month, day_number, day_number)
        if year is None:
            return _reading(match, None, TimePrecision.DAY)
    day = _calendar_date(year, month, day_number)
    return None if day is None else _day_reading(match, day, anchor.zone)


def month_of_year(match: re.Match[str], anchor: Anchor, vocab: TimeVocabulary) -> Reading | None:
    span = month_span(int(match["y"]), _month_number(match["mon"], vocab), anchor.zone)
    return _reading(match, _third(span, match["edge"], vocab), TimePrecision.MONTH)


def bare_month(match: re.Match[str], anchor: Anchor, vocab: TimeVocabulary) -> Reading | None:
    lead_in = match.string[max(0, match.start() - 20) : match.start()]
    if match["mon"] == "May" and not match["edge"] and not _MONTH_LEAD_IN.search(lead_in):
        return None
    month = vocab.months[match["mon"]]
    year = choose_year(anchor, month, 1, 28)
    if year is None:
        return _reading(match, None, TimePrecision.MONTH)
    span = _third(month_span(year, month, anchor.zone), match["edge"], vocab)
    return _reading(match, span, TimePrecision.MONTH)


def year(match: re.Match[str], anchor: Anchor, vocab: TimeVocabulary) -> Reading | None:
    span = _third(year_span(int(match["y"]), anchor.zone), match["edge"], vocab)
    return _reading(match, span, TimePrecision.YEAR)


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
    unit = match["unit"].lower()
    precision = _UNIT_PRECISION[unit]
    today, published = anchor.today, anchor.published_at
    if today is None or published is None:
        return _reading(match, None, precision)
    offset = vocab.period_offsets[match["mod"].lower()]
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
    return _reading(match, (start, end), precision)


def weekend(match: re.Match[str], anchor: Anchor, vocab: TimeVocabulary) -> Reading | None:
    """Saturday and Sunday; without a modifier, the weekend nearest publication by tense."""
    today = anchor.today
    if today is None:
        return _reading(match, None, TimePrecision.DAY)
    if match["mod"]:
        offset = vocab.period_offsets[match["mod"].lower()]
        saturday = today + timedelta(days=5 - today.weekday(), weeks=offset)
    else:
        found = weekday_date(anchor, 5, None)
        saturday = found if found is not None else today
    return Reading(*match.span(), *day_span(saturday, anchor.zone, days=2), TimePrecision.DAY)


def _unit_span(instant: datetime, unit: str, zone: tzinfo) -> Span:
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


def counted(match: re.Match[str], anchor: Anchor, vocab: TimeVocabulary) -> Reading | None:
    """ "two days ago", "three weeks from now": the unit around that point."""
    unit = match["unit"].lower()
    if anchor.published_at is None:
        return _reading(match, None, _UNIT_PRECISION[unit])
    sign = -1 if match["dir"].lower() == "ago" else 1
    point = shift(anchor.published_at, unit, sign * _count(match["n"], vocab))
    return _reading(match, _unit_span(point, unit, anchor.zone), _UNIT_PRECISION[unit])


def within(match: re.Match[str], anchor: Anchor, vocab: TimeVocabulary) -> Reading | None:
    """ "in two weeks" is the unit around that point; "within two weeks" the whole window."""
    unit = match["unit"].lower()
    published = anchor.published_at
    if published is None:
        return _reading(match, None, _UNIT_PRECISION[unit])
    point = shift(published, unit, _count(match["n"], vocab))
    if match["prep"].lower() == "within":
        return _reading(match, (published, point), TimePrecision.VAGUE)
    return _reading(match, _unit_span(point, unit, anchor.zone), _UNIT_PRECISION[unit])


def span_of(match: re.Match[str], anchor: Anchor, vocab: TimeVocabulary) -> Reading | None:
    """ "the past two weeks" up to publication, "the next three days" from it."""
    unit = match["unit"].lower()
    published = anchor.published_at
    if published is None:
        return _reading(match, None, _UNIT_PRECISION[unit])
    count = _count(match["n"], vocab)
    if match["mod"].lower() in ("next", "coming"):
        return _reading(match, (published, shift(published, unit, count)), _UNIT_PRECISION[unit])
    return _reading(match, (shift(published, unit, -count), published), _UNIT_PRECISION[unit])


def vague(match: re.Match[str], anchor: Anchor, vocab: TimeVocabulary) -> Reading | None:
    window = vocab.vague[match["phrase"].lower()]
    published = anchor.published_at
    if published is None:
        return Reading(*match.span(), None, None, TimePrecision.VAGUE, open_bounds=False)

    def bound(days: int | None) -> datetime | None:
        return None if days is None else published + timedelta(days=days)

    start, end = bound(window.from_days), bound(window.to_days)
    return Reading(*match.span(), start, end, TimePrecision.VAGUE, open_bounds=False)


def holiday(match: re.Match[str], anchor: Anchor, vocab: TimeVocabulary) -> Reading | None:
    name = next(key for key in vocab.holidays if key.lower() == match["name"].lower())
    days = vocab.holidays[name]
    found_year = choose_year(anchor, days.month, days.first, days.last)
    if found_year is None:
        return _reading(match, None, TimePrecision.DAY)
    first = date(found_year, days.month, days.first)
    span = day_span(first, anchor.zone, days=days.last - days.first + 1)
    return _reading(match, span, TimePrecision.DAY)


def _zone(text: str | None, vocab: TimeVocabulary) -> tzinfo | None:
    """The zone a clock time names; explicit offsets ("UTC+3") are read as written."""
    if text is None or text.lower().replace(" ", "") == "localtime":
        return None
    offset = load_patterns().offset.fullmatch(text)
    if offset is not None:
        sign = 1 if offset["sign"] == "+" else -1
        hours, minutes = int(offset["off_h"]), int(offset["off_m"] or 0)
        return timezone(sign * timedelta(hours=hours, minutes=minutes))
    normalised = text[: -len("Time")] + "time" if text.endswith("Time") else text
    return vocab.zones.get(normalised) or vocab.zones.get(text)


def clock(match: re.Match[str], anchor: Anchor, vocab: TimeVocabulary) -> Reading | None:
    """Times of day, read on the publication day until the finder joins them with a date."""
    if match["word"]:
        hour, minute = vocab.clock_words[match["word"].lower()], 0
    elif match["ampm"]:
        hour, minute = int(match["h12"]) % 12, int(match["m12"] or 0)
        hour += 12 if match["ampm"].lower() == "p" else 0
    else:
        hour, minute = int(match["h24"]), int(match["m24"])
    utc_hour, utc_minute = match["utc_h"] or match["utc_h2"], match["utc_m"] or match["utc_m2"]
    restated = (int(utc_hour), int(utc_minute)) if utc_hour and utc_minute else None
    zone = _zone(match["paren_offset"], vocab) or _zone(match["zone"], vocab)
    reading = Clock(hour, minute, zone, restated)
    if anchor.published_at is None:
        return Reading(*match.span(), None, None, TimePrecision.VAGUE, clock=reading)
    day = anchor.published_at.astimezone(zone or anchor.zone).date()
    instant = reading.instant(day, anchor.zone)
    return Reading(*match.span(), instant, instant, TimePrecision.MINUTE, clock=reading)
