"""The regular expressions of the time grammar, built from the vocabulary data files.

Month and weekday names match with their initial capital only (news style, and it keeps
"may" the verb out); every other word matches in any case.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from services.extraction.timex.vocabulary import TimeVocabulary

_YEAR = r"(?:19|20)\d{2}"
_UNIT = r"(?P<unit>minute|hour|day|week|month|year)s?"
# "(GMT1400)", "(GMT 14:00)", "(14:00 GMT)": the same instant restated in UTC.
_UTC_RESTATED = (
    r"(?:(?:GMT|UTC)\s*(?P<utc_h>[01]?\d|2[0-3]):?(?P<utc_m>[0-5]\d)"
    r"|(?P<utc_h2>[01]?\d|2[0-3]):(?P<utc_m2>[0-5]\d)\s*(?:GMT|UTC))"
)
OFFSET = r"(?:GMT|UTC)\s*(?P<sign>[+\-\u2212])\s*(?P<off_h>\d{1,2})(?::?(?P<off_m>\d{2}))?"
_ANY_OFFSET = r"(?:GMT|UTC)\s*[+\-\u2212]\s*\d{1,2}(?::?\d{2})?"


def _day_pair(suffix: str) -> str:
    """ "18-20", "18 to 20th"; ``suffix`` keeps group names apart when used twice."""
    return (
        rf"(?P<first{suffix}>[0-3]?\d)(?:st|nd|rd|th)?\s*(?:[-\u2013]|(?i:to|until|through))\s*"
        rf"(?P<last{suffix}>[0-3]?\d)(?:st|nd|rd|th)?\b"
    )


def _alternation(words: Iterable[str]) -> str:
    """Longest first, so "the day before yesterday" wins over "yesterday"."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _zone_alternation(names: Iterable[str]) -> str:
    escaped = []
    for name in sorted(names, key=len, reverse=True):
        if name.endswith(" time"):
            escaped.append(re.escape(name[: -len("time")]) + "[Tt]ime")
        else:
            escaped.append(re.escape(name))
    return "|".join(escaped)


@dataclass(frozen=True)
class TimePatterns:
    """One compiled pattern per kind of expression, named like the rule that reads it, and
    the cue words that make running each one worthwhile."""

    iso_date: re.Pattern[str]
    month_day: re.Pattern[str]
    day_month: re.Pattern[str]
    month_year: re.Pattern[str]
    day_range: re.Pattern[str]
    year_range: re.Pattern[str]
    decade: re.Pattern[str]
    month: re.Pattern[str]
    year: re.Pattern[str]
    season: re.Pattern[str]
    relative_day: re.Pattern[str]
    weekday: re.Pattern[str]
    period: re.Pattern[str]
    weekend: re.Pattern[str]
    counted: re.Pattern[str]
    within: re.Pattern[str]
    span_of: re.Pattern[str]
    vague: re.Pattern[str]
    holiday: re.Pattern[str]
    clock: re.Pattern[str]
    open_bound_before: re.Pattern[str]
    cues: Mapping[str, tuple[str, ...]]


def _longest_words(phrases: Iterable[str]) -> tuple[str, ...]:
    return tuple(max(phrase.lower().split(), key=len) for phrase in phrases)


def _cues(vocabulary: TimeVocabulary) -> Mapping[str, tuple[str, ...]]:
    """Lower-case words a text must contain for a pattern to be worth running: scanning 3 kB
    with a pattern costs about as much as all the cheap ``in`` tests together."""
    months = tuple(name.lower() for name in [*vocabulary.months, *vocabulary.month_abbreviations])
    relative = _longest_words(vocabulary.relative_days) + tuple(vocabulary.parts_of_day)
    return MappingProxyType(
        {
            "iso_date": ("-",),
            "month_day": months,
            "day_month": months,
            "month_year": months,
            "day_range": months,
            "year_range": ("19", "20"),
            "decade": ("0s", "0's", "0\u2019s"),
            "month": months,
            "year": ("19", "20"),
            "season": tuple(vocabulary.seasons),
            "relative_day": relative,
            "weekday": tuple(name.lower() for name in vocabulary.weekdays),
            "period": ("week", "month", "year"),
            "weekend": ("weekend",),
            "counted": ("ago", "from now"),
            "span_of": ("past", "last", "next", "coming", "previous"),
            "vague": _longest_words(vocabulary.vague),
            "holiday": _longest_words(vocabulary.holidays),
        }
    )


def build_patterns(vocabulary: TimeVocabulary) -> TimePatterns:
    any_month = _alternation([*vocabulary.months, *vocabulary.month_abbreviations])
    full_month = _alternation(vocabulary.months)
    abbreviation = _alternation(vocabulary.month_abbreviations)
    weekday = _alternation(vocabulary.weekdays)
    part = _alternation(vocabulary.parts_of_day)
    number = r"\d+|" + _alternation(vocabulary.numbers)
    period_mod = _alternation(vocabulary.period_offsets)
    edge = _alternation(vocabulary.edges)
    zone = _zone_alternation(vocabulary.zones)
    clock_word = _alternation(vocabulary.clock_words)
    day = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?"
    return TimePatterns(
        iso_date=re.compile(r"\b(?P<y>\d{4})-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b"),
        month_day=re.compile(
            rf"\b(?P<mon>{any_month})\.?\s+{day}\b(?!:)(?:,?\s+(?P<y>{_YEAR})\b)?"
        ),
        day_month=re.compile(
            rf"\b(?:(?i:the)\s+)?{day}\s+(?:(?i:of)\s+)?(?P<mon>{full_month}|(?:{abbreviation})\.?)"
            rf"(?!\w)(?:,?\s+(?P<y>{_YEAR})\b)?"
        ),
        day_range=re.compile(
            rf"\b(?:(?P<mon>{any_month})\.?\s+{_day_pair('')}|{_day_pair('_')}\s+(?:(?i:of)\s+)?"
            rf"(?P<mon2>{full_month}|(?:{abbreviation})\.?)(?!\w))(?:,?\s+(?P<y>{_YEAR})\b)?"
        ),
        year_range=re.compile(
            rf"\b(?:(?i:(?P<lead>between|from))\s+)?(?P<y1>{_YEAR})\s*"
            rf"(?P<sep>[-\u2013]|(?i:to|and|until|through))\s*(?P<y2>{_YEAR}|\d{{2}})\b(?![-.]\d)"
        ),
        decade=re.compile(
            rf"\b(?:(?i:the)\s+)?(?:(?i:(?P<edge>{edge}))[\s-]+)?(?P<y>(?:19|20)\d0)['\u2019]?s\b"
        ),
        month_year=re.compile(
            rf"\b(?:(?i:(?P<edge>{edge}))[\s-]+)?(?P<mon>{any_month})\.?,?\s+(?P<y>{_YEAR})\b"
        ),
        month=re.compile(
            r"\b(?:(?i:(?P<mod>last|next|this|coming|past))\s+)?"
            rf"(?:(?i:(?P<edge>{edge}))[\s-]+)?(?P<mon>{full_month})\b(?!\s*\d)"
        ),
        season=re.compile(
            rf"\b(?:(?i:(?P<mod>{period_mod}))\s+|(?P<the>(?i:the))\s+)?"
            rf"(?P<season>{_alternation(vocabulary.seasons)})\b"
            rf"(?:\s+(?:of\s+)?(?P<y>{_YEAR})\b)?"
        ),
        year=re.compile(
            rf"(?<![\w$€£.,/-])(?:(?i:(?P<edge>{edge}))[\s-]+)?(?P<y>{_YEAR})"
            r"(?![\w%/-]|[.,]\d|\s*(?i:percent|per cent))"
        ),
        relative_day=re.compile(
            rf"\b(?i:(?P<rel>{_alternation(vocabulary.relative_days)}))\b"
            rf"(?:\s+(?i:(?P<part>{part}))\b)?"
        ),
        weekday=re.compile(
            r"\b(?:(?i:(?P<mod>last|next|this|coming|past))\s+)?"
            rf"(?P<wd>{weekday})\b(?:\s+(?i:(?P<part>{part}))\b)?"
        ),
        period=re.compile(
            rf"\b(?i:(?:(?P<edge>{edge})[\s-]+)?(?:the\s+)?(?:(?P<side>earlier|later)\s+)?"
            rf"(?:(?P<mod>{period_mod})\s+)?(?P<unit>week|month|year))\b"
        ),
        weekend=re.compile(
            rf"\b(?i:(?:(?:at|over|during|on)\s+)?(?:(?P<mod>{period_mod})\s+|the\s+)weekend)\b"
        ),
        counted=re.compile(rf"\b(?i:(?P<n>{number})\s+{_UNIT}\s+(?P<dir>ago|from now))\b"),
        within=re.compile(rf"\b(?i:(?P<prep>in|within)\s+(?P<n>{number})\s+{_UNIT})\b"),
        span_of=re.compile(
            rf"\b(?i:(?:the\s+)?(?P<mod>past|last|next|coming|previous)\s+(?P<n>{number})\s+{_UNIT})\b"
        ),
        vague=re.compile(rf"\b(?<!\bas\s)(?i:(?P<phrase>{_alternation(vocabulary.vague)}))\b"),
        holiday=re.compile(rf"\b(?i:(?P<name>{_alternation(vocabulary.holidays)}))\b"),
        clock=re.compile(
            r"(?<![\w:.])(?:"
            r"(?P<h12>1[0-2]|0?\d)(?:[:.](?P<m12>[0-5]\d))?\s*(?P<ampm>[aApP])\.?[mM]\b\.?"
            r"|(?P<h24>[01]?\d|2[0-3]):(?P<m24>[0-5]\d)(?![\d:])"
            # wire style: "1400 GMT"
            r"|(?P<h4>[01]\d|2[0-3])(?P<m4>[0-5]\d)(?=\s*(?:GMT|UTC))"
            rf"|(?i:(?P<word>{clock_word}))\b)"
            rf"(?:\s*(?P<zone>{_ANY_OFFSET}|{zone}|(?i:local\s+time))\b)?"
            rf"(?:\s*\(\s*(?:{_UTC_RESTATED}|(?P<paren_offset>{_ANY_OFFSET}))\s*\))?"
        ),
        open_bound_before=re.compile(
            rf"\b(?i:(?P<bound>{_alternation(vocabulary.open_bounds)}))\s+$"
        ),
        cues=_cues(vocabulary),
    )
