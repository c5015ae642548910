"""Days counted from a date the sentence has just told ("invaded on February 24, and the EU
answered the next day"): the anchor is that date, not the day of publication, which would put
the answer months off."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from schemas import EventTime, TimePrecision
from services.extraction.timex.vocabulary import TimeVocabulary

_DAY_OR_FINER = frozenset({TimePrecision.MINUTE, TimePrecision.HOUR, TimePrecision.DAY})


def anchored_times(
    text: str, found: Sequence[tuple[int, int, EventTime]], vocab: TimeVocabulary
) -> list[tuple[int, int, EventTime]]:
    """The (start, end, time) of each anchored phrase of ``text`` that follows a dated mention
    of day precision or finer among ``found`` (start, end, time), in order of the text."""
    if not vocab.anchored_days:
        return []
    anchored = []
    for match in vocab.anchored_pattern.finditer(text):
        if any(start < match.end() and match.start() < end for start, end, _ in found):
            continue
        before = [
            time
            for _, end, time in found
            if end <= match.start() and time.precision in _DAY_OR_FINER and time.start is not None
        ]
        if not before or before[-1].start is None:
            continue
        shift = timedelta(days=vocab.anchored_days[match.group(0).lower()])
        anchor = before[-1].start
        if before[-1].precision is not TimePrecision.DAY:
            # A clock time: count from the start of its day.
            anchor = anchor.replace(hour=0, minute=0, second=0, microsecond=0)
        start = anchor + shift
        time = EventTime(
            start=start,
            end=start + timedelta(days=1),
            precision=TimePrecision.DAY,
            text=match.group(0),
        )
        anchored.append((match.start(), match.end(), time))
    return anchored
