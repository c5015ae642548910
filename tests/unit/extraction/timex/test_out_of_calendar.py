"""Expressions the calendar cannot hold are left unresolved, never raised."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from schemas import TimePrecision
from services.extraction.timex import TimeFinder
from services.extraction.timex.vocabulary import load_vocabulary

# Built once per module: compiling the patterns is the costly part.
find_times = TimeFinder(load_vocabulary()).find


@pytest.mark.parametrize(
    "text", ["The fort stood there 3000 years ago.", "The rock will erode in 10000 years."]
)
def test_far_counted_time_is_unresolved(text: str) -> None:
    mentions = find_times(text, datetime(2024, 6, 3, tzinfo=UTC))
    assert len(mentions) == 1
    time = mentions[0].time
    assert (time.start, time.end, time.precision) == (None, None, TimePrecision.VAGUE)


@pytest.mark.parametrize(
    "published_at",
    [
        datetime(9999, 12, 31, 22, 0, tzinfo=timezone(timedelta(hours=-5))),
        datetime(1, 1, 1, 0, 1, tzinfo=timezone(timedelta(hours=5))),
    ],
)
def test_publication_at_the_calendars_edge_leaves_relative_times_unresolved(
    published_at: datetime,
) -> None:
    text = "The envoys met on Monday at 5 pm, two days ago, and will meet again next year."
    mentions = find_times(text, published_at)
    assert [mention.time.text for mention in mentions] == [
        "Monday",
        "5 pm",
        "two days ago",
        "next year",
    ]
    assert mentions[0].time.start is None
