"""Days counted from the date the sentence has just told, not from publication."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from schemas import TimePrecision
from services.extraction.timex import TimeFinder
from services.extraction.timex.vocabulary import load_vocabulary

find_times = TimeFinder(load_vocabulary()).find
PUBLISHED = datetime(2025, 5, 19, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Chile shelled the port on March 3, and Peru struck back the next day.", 4),
        ("Quito closed its embassy on March 10; Lima followed two days later.", 12),
        ("Envoys met on March 8 after talks had stalled the day before.", 7),
        ("The strike came at 0400 GMT on March 5 and the ceasefire a day later.", 6),
    ],
)
def test_counted_from_the_date_before(text: str, day: int) -> None:
    last = find_times(text, PUBLISHED)[-1].time
    assert last.start == datetime(2025, 3, day, tzinfo=UTC)
    assert last.precision is TimePrecision.DAY


def test_no_date_before_leaves_it_alone() -> None:
    mentions = find_times("Peru struck back the next day.", PUBLISHED)
    assert mentions == []
