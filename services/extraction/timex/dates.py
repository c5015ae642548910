"""Calendar expressions: dates, months, years, seasons and named holidays."""

from __future__ import annotations

import re
from datetime import date

from schemas import TimePrecision
from services.extraction.timex.calendar import (
    Anchor,
    Span,
    choose_year,
    day_span,
    last_day_of_month,
    local_instant,
    month_span,
    season_bounds,
    season_year,
    third_of,
    year_span,
)
from services.extraction.timex.reading import Reading, day_reading, lead_in_word, span_reading
from services.extraction.timex.vocabulary import TimeVocabulary

# "2000 hostages": a bare number before a plural noun is a count, not a year.
_WORD_AFTER = re.compile(r"\s+([a-z]+)\b")


def _month_number(name: str, vocab: TimeVocabulary) -> int:
    name = name.rstrip(".")
    return vocab.months.get(name) or vocab.month_abbreviations[name]


def _third(span: Span, edge: str | None, vocab: TimeVocabulary) -> Span:
    """Narrow a month or year to its first, middle or last third for "early"/"mid"/"late"."""
    return span if edge is None else third_of(span, vocab.edges[edge.lower()])


def _calendar_date(year: int | None, month: int, day: int) -> date | None:
    if year is None or not 1 <= day <= last_day_of_month(year, month):
        return None
    return date(year, month, day)


def iso_date(match: re.Match[str], anchor: Anchor, _vocab: TimeVocabulary) -> Reading | None:
    year, month = int(match["y"]), int(match["m"])
    if not 1 <= month <= 12:
        return None
    day = _calendar_date(year, month, int(match["d"]))
    return None if day is None else day_reading(match, day, anchor.zone)


def day_of_month(match: re.Match[str], anchor: Anchor, vocab: TimeVocabulary) -> Reading | None:
    month, day_number = _month_number(match["mon"], vocab), int(match["d"])
    if not 1 <= day_number <= 31:
        return None
    if match["y"]:
        year: int | None = int(match["y"])
    else:
        year = choose_year(anchor, month, day_number, day_number)
        if year is None:
            return span_reading(match, None, TimePrecision.DAY)
    day = _calendar_date(year, month, day_number)
    return None if day is None else day_reading(match, day, anchor.zone)


def month_of_year(match: re.Match[str], anchor: Anchor, vocab: TimeVocabulary) -> Reading | None:
    span = month_span(int(match["y"]), _month_number(match["mon"], vocab), anchor.zone)
    return span_reading(match, _third(span, match["edge"], vocab), TimePrecision.MONTH)


def _month_year(month: int, modifier: str | None, anchor: Anchor) -> int | None:
    """ "last March" is the latest March before this month, "next March" the first after."""
    today = anchor.today
    if today is None:
        return None
    if modifier in ("last", "past"):
        return today.year if month < today.month else today.year - 1
    if modifier in ("next", "coming"):
        return today.year if month > today.month else today.year + 1
    if modifier == "this":
        return today.year
    return choose_year(anchor, month, 1, 28)


def bare_month(match: re.Match[str], anchor: Anchor, vocab: TimeVocabulary) -> Reading | None:
    modifier = match["mod"].lower() if match["mod"] else None
    confirmed = modifier or match["edge"] or lead_in_word(match) in vocab.lead_ins
    if match["mon"] == "May" and not confirmed:
        return None
    month = vocab.months[match["mon"]]
    year = _month_year(month, modifier, anchor)
    if year is None:
        return span_reading(match, None, TimePrecision.MONTH)
    span = _third(month_span(year, month, anchor.zone), match["edge"], vocab)
    return span_reading(match, span, TimePrecision.MONTH)


def _plural(word: str, vocab: TimeVocabulary) -> bool:
    return (word.endswith("s") and not word.endswith("ss")) or word in vocab.irregular_plurals


def year(match: re.Match[str], anchor: Anchor, vocab: TimeVocabulary) -> Reading | None:
    confirmed = match["edge"] or lead_in_word(match) in vocab.lead_ins
    following = _WORD_AFTER.match(match.string, match.end())
    if not confirmed and following is not None and _plural(following.group(1), vocab):
        return None
    span = _third(year_span(int(match["y"]), anchor.zone), match["edge"], vocab)
    return span_reading(match, span, TimePrecision.YEAR)


def season(match: re.Match[str], anchor: Anchor, vocab: TimeVocabulary) -> Reading | None:
    """ "last summer", "the winter of 2022", "in the spring"; precision month."""
    modifier = match["mod"].lower() if match["mod"] else None
    name = match["season"].lower()
    # "the fall of Kabul", "prices fall": the season needs a modifier, a year or "in the".
    if not (modifier or match["y"] or (name != "fall" and match["the"])):
        return None
    first, last = vocab.seasons[name]
    found = int(match["y"]) if match["y"] else season_year(anchor, first, last, modifier)
    if found is None:
        return span_reading(match, None, TimePrecision.MONTH)
    start, end = season_bounds(found, first, last)
    span = local_instant(start, anchor.zone), local_instant(end, anchor.zone)
    return span_reading(match, span, TimePrecision.MONTH)


def holiday(match: re.Match[str], anchor: Anchor, vocab: TimeVocabulary) -> Reading | None:
    name = next(key for key in vocab.holidays if key.lower() == match["name"].lower())
    days = vocab.holidays[name]
    found = choose_year(anchor, days.month, days.first, days.last)
    if found is None:
        return span_reading(match, None, TimePrecision.DAY)
    first = date(found, days.month, days.first)
    span = day_span(first, anchor.zone, days=days.last - days.first + 1)
    return span_reading(match, span, TimePrecision.DAY)


def day_range(match: re.Match[str], anchor: Anchor, vocab: TimeVocabulary) -> Reading | None:
    """ "May 1-11", "18 to 20 March 2024": the days from the first to the last, inclusive."""
    month = _month_number(match["mon"] or match["mon2"], vocab)
    first, last = int(match["first"] or match["first_"]), int(match["last"] or match["last_"])
    if not 1 <= first < last <= 31:
        return None
    found = int(match["y"]) if match["y"] else choose_year(anchor, month, first, last)
    if found is None:
        return span_reading(match, None, TimePrecision.DAY)
    start, end = _calendar_date(found, month, first), _calendar_date(found, month, last)
    if start is None or end is None:
        return None
    return span_reading(
        match, day_span(start, anchor.zone, days=last - first + 1), TimePrecision.DAY
    )


def year_range(match: re.Match[str], anchor: Anchor, _vocab: TimeVocabulary) -> Reading | None:
    """ "2014-2016", "2014-16", "between 2014 and 2016" (a bare "2014 and 2016" is two years)."""
    if match["sep"].lower() == "and" and (match["lead"] or "").lower() != "between":
        return None
    first = int(match["y1"])
    last = int(match["y2"]) if len(match["y2"]) == 4 else first // 100 * 100 + int(match["y2"])
    if last <= first:
        return None
    span = year_span(first, anchor.zone)[0], year_span(last, anchor.zone)[1]
    return span_reading(match, span, TimePrecision.YEAR)


def decade(match: re.Match[str], anchor: Anchor, vocab: TimeVocabulary) -> Reading | None:
    """ "the 1990s"; "the early 1990s" is its first four years, "mid" the middle three,
    "late" the last three."""
    first = int(match["y"])
    if match["edge"]:
        first, count = ((first, 4), (first + 4, 3), (first + 7, 3))[
            vocab.edges[match["edge"].lower()]
        ]
    else:
        count = 10
    span = year_span(first, anchor.zone)[0], year_span(first + count - 1, anchor.zone)[1]
    return span_reading(match, span, TimePrecision.YEAR)
