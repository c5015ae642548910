"""Reading the dateline that opens a story: its place, its day, where the story starts."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from services.extraction.timex import TimeFinder
from services.extraction.timex.dateline import read_dateline
from services.extraction.timex.vocabulary import load_vocabulary

PUBLISHED = datetime(2019, 8, 12, 0, 30, tzinfo=UTC)
FINDER = TimeFinder(load_vocabulary())


@pytest.mark.parametrize(
    ("text", "place", "day", "rest"),
    [
        ("OSLO, Aug 11 (Sample Wire) - Norway said ...", "OSLO", date(2019, 8, 11), "Norway"),
        (
            "SAN JOSE, Costa Rica, Aug 12 (Desk) -- Rain ...",
            "SAN JOSE, Costa Rica",
            date(2019, 8, 12),
            "Rain",
        ),
        ("Lima, 12 August 2019.\n\nThe ministry ...", "Lima", date(2019, 8, 12), "\nThe"),
        ("KABUL (Sample Wire) - Talks resumed ...", "KABUL", None, "Talks"),
    ],
)
def test_dateline(text: str, place: str, day: date | None, rest: str) -> None:
    dateline = read_dateline(text, PUBLISHED, FINDER)
    assert dateline is not None
    assert (dateline.place, dateline.day) == (place, day)
    assert text[dateline.end :].startswith(rest)


@pytest.mark.parametrize(
    "text",
    [
        "The minister said on Monday - in a short note - that talks resumed.",
        "Press Note No 7, issued on August 12, 2019.\n\nThe ministry ...",
        "Norway and Sweden held talks on Monday.",
    ],
)
def test_no_dateline(text: str) -> None:
    assert read_dateline(text, PUBLISHED, FINDER) is None


def test_a_date_far_from_publication_is_not_a_dateline_day() -> None:
    dateline = read_dateline("OSLO, March 2 (Sample Wire) - Norway said ...", PUBLISHED, FINDER)
    assert dateline is not None and dateline.day is None
