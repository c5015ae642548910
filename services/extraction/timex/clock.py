"""Times of day: "5 pm Moscow time (GMT1400)", "14:00 GMT", "1400 GMT", "10 am local time",
"noon"."""

from __future__ import annotations

import re
from datetime import timedelta, timezone, tzinfo

from schemas import TimePrecision
from services.extraction.timex.calendar import Anchor
from services.extraction.timex.patterns import OFFSET
from services.extraction.timex.reading import Clock, Reading
from services.extraction.timex.vocabulary import TimeVocabulary

_OFFSET = re.compile(OFFSET)


def _zone(text: str | None, vocab: TimeVocabulary) -> tzinfo | None:
    """The zone a clock time names; explicit offsets ("UTC+3") are read as written."""
    if text is None or text.lower().replace(" ", "") == "localtime":
        return None
    offset = _OFFSET.fullmatch(text)
    if offset is not None:
        sign = 1 if offset["sign"] == "+" else -1
        hours, minutes = int(offset["off_h"]), int(offset["off_m"] or 0)
        return timezone(sign * timedelta(hours=hours, minutes=minutes))
    normalised = text[: -len("Time")] + "time" if text.endswith("Time") else text
    return vocab.zones.get(normalised) or vocab.zones.get(text)


def clock(match: re.Match[str], anchor: Anchor, vocab: TimeVocabulary) -> Reading | None:
    """A time of day, read on the publication day until the finder joins it with a date.

    An offset in brackets wins over a named zone, and a UTC restatement wins over both.
    """
    if match["word"]:
        hour, minute = vocab.clock_words[match["word"].lower()], 0
    elif match["ampm"]:
        hour, minute = int(match["h12"]) % 12, int(match["m12"] or 0)
        hour += 12 if match["ampm"].lower() == "p" else 0
    elif match["h4"]:
        hour, minute = int(match["h4"]), int(match["m4"])
    else:
        hour, minute = int(match["h24"]), int(match["m24"])
    utc_hour, utc_minute = match["utc_h"] or match["utc_h2"], match["utc_m"] or match["utc_m2"]
    restated = (int(utc_hour), int(utc_minute)) if utc_hour and utc_minute else None
    zone = _zone(match["paren_offset"], vocab) or _zone(match["zone"], vocab)
    reading = Clock(hour, minute, zone, restated)
    if anchor.published_at is None:
        return Reading(*match.span(), None, None, TimePrecision.VAGUE, clock=reading)
    day = anchor.published_at.astimezone(zone or anchor.clock_zone).date()
    instant = reading.instant(day, anchor.clock_zone)
    return Reading(*match.span(), instant, instant, TimePrecision.MINUTE, clock=reading)
