"""What one matched expression says before it becomes a ``TimeMention``."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from schemas import TimePrecision
from services.extraction.timex.calendar import Anchor, Span, day_span, local_instant
from services.extraction.timex.vocabulary import TimeVocabulary

_WORD_BEFORE = re.compile(r"\b([A-Za-z]+)[\s-]*$")


@dataclass(frozen=True)
class Clock:
    """A time of day as written; ``zone`` None means the local zone."""

    hour: int
    minute: int
    zone: tzinfo | None
    utc_restated: tuple[int, int] | None

    def instant(self, day: date, local_zone: tzinfo) -> datetime:
        """The UTC instant on ``day``; a UTC restatement such as "(GMT1400)" wins."""
        reading = local_instant(day, self.zone or local_zone, self.hour, self.minute)
        if self.utc_restated is None:
            return reading
        hour, minute = self.utc_restated
        candidates = (
            datetime.combine(reading.date() + timedelta(days=shift), time(hour, minute), UTC)
            for shift in (-1, 0, 1)
        )
        return min(candidates, key=lambda candidate: abs(candidate - reading))


@dataclass(frozen=True)
class Reading:
    """A resolved expression at ``[start, end)`` of the text.

    ``day`` is the local day of a day-level reading and ``clock`` a time of day read
    without a date: the finder joins the two when they stand side by side.
    ``open_bounds`` says whether "before"/"since"/... may turn it into an open interval.
    """

    start: int
    end: int
    start_at: datetime | None
    end_at: datetime | None
    precision: TimePrecision
    day: date | None = None
    clock: Clock | None = None
    open_bounds: bool = True


Rule = Callable[[re.Match[str], Anchor, TimeVocabulary], Reading | None]
"""One kind of expression: a regex match in, a ``Reading`` out, or None when the match turns
out not to be a time expression (an impossible date, "May" the verb)."""


def span_reading(match: re.Match[str], span: Span | None, precision: TimePrecision) -> Reading:
    """A reading of the whole match; no span (no publication time to resolve against) makes
    it vague."""
    if span is None:
        return Reading(*match.span(), None, None, TimePrecision.VAGUE)
    return Reading(*match.span(), span[0], span[1], precision)


def day_reading(match: re.Match[str], day: date | None, zone: tzinfo) -> Reading:
    if day is None:
        return span_reading(match, None, TimePrecision.DAY)
    return Reading(*match.span(), *day_span(day, zone), TimePrecision.DAY, day=day)


def lead_in_word(match: re.Match[str]) -> str | None:
    """The word right before the match, lower-cased ("in" for "in May")."""
    found = _WORD_BEFORE.search(match.string, max(0, match.start() - 20), match.start())
    return found.group(1).lower() if found else None
