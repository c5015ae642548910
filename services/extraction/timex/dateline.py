"""The dateline of a story ("BEIJING, Oct 26 (Example Wire) -", "Rome, 13 March 2020."): the
place it was filed from and the day it speaks of.

The dateline's day, not the publication time, is what the story's "on Monday" and "today"
count from: a story datelined Aug 11 and published just after midnight still tells of Aug 11.
The dateline itself dates the report, never one of its events.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from schemas import TimePrecision
from services.extraction.timex.finder import TimeFinder

# The dateline ends at the dash after the agency ("- ", "-- ", en or em dash) or, for a
# readout's first line ("Rome, 13 March 2020."), at its full stop.
_DASHED = re.compile(r"\s(?:-{1,2}|\u2013|\u2014)\s")
_DOTTED = re.compile(r"\.[ \t]*(?:\n|$)")
_AGENCY = re.compile(r"\s*\([^()\n]{1,60}\)\s*$")
# A place: up to four capitalised words ("UNITED NATIONS", "Rome"), or a city and its state.
_PLACE_PART = re.compile(r"[^\W\d_][^\W\d_'\u2019.-]*(?:[ '\u2019.-]+[^\W\d_]+){0,3}")
_LONGEST = 100
_PARAGRAPH_BREAK = "\n\n"
# A dateline more than this far from the publication day is a misreading, not a dateline.
_REACH = timedelta(days=3)


@dataclass(frozen=True)
class Dateline:
    place: str
    day: date | None
    end: int  # character offset just past the dateline


def _head(text: str) -> tuple[str, int] | None:
    """The dateline's text, without the agency, and where the story proper starts."""
    first_line = text[:_LONGEST].split("\n", 1)[0]
    dash = _DASHED.search(first_line)
    if dash is not None:
        return _AGENCY.sub("", first_line[: dash.start()]), dash.end()
    dot = _DOTTED.search(text, 0, len(first_line) + 1)
    if dot is not None and "," in first_line:
        return first_line[: dot.start()], dot.end()
    return None


def _date_part(
    text: str, published_at: datetime | None, finder: TimeFinder
) -> tuple[bool, date | None]:
    """Whether a part of the dateline is its date, and the day it names if that is near
    enough to publication to be believed."""
    found = finder.find(text, published_at)
    if len(found) != 1 or found[0].end - found[0].start != len(text):
        return False, None
    time = found[0].time
    if published_at is None or time.precision is not TimePrecision.DAY or time.start is None:
        return True, None
    day = time.start.astimezone(published_at.tzinfo).date()
    return True, day if abs(day - published_at.date()) <= _REACH else None


def read_dateline(text: str, published_at: datetime | None, finder: TimeFinder) -> Dateline | None:
    """The dateline that opens ``text``, or None when the story has none."""
    head = _head(text.lstrip())
    if head is None:
        return None
    words, end = head
    end += len(text) - len(text.lstrip())
    parts = [part.strip() for part in words.split(",")]
    dated, day = _date_part(parts[-1], published_at, finder) if len(parts) > 1 else (False, None)
    place_parts = parts[:-1] if dated else parts
    if not place_parts or len(place_parts) > 2:
        return None
    if not all(_PLACE_PART.fullmatch(part) for part in place_parts):
        return None
    # Without a date, only a wire dateline in capitals ("KABUL -") is told from a title.
    if not dated and not place_parts[0].isupper():
        return None
    return Dateline(", ".join(place_parts), day, end)


def lead_end(text: str, start: int = 0) -> int:
    """Where the lead paragraph that begins at ``start`` (just past the dateline) ends."""
    found = text.find(_PARAGRAPH_BREAK, start + 1)
    return len(text) if found < 0 else found
