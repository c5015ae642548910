"""Days, weekdays, parts of the day and weeks relative to publication."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from schemas import EventTime, TimePrecision
from services.extraction.timex import TimeFinder
from services.extraction.timex.calendar import Tense
from services.extraction.timex.vocabulary import load_vocabulary

# Built once per module: compiling the patterns is the costly part.
find_times = TimeFinder(load_vocabulary()).find

# A Monday morning.
PUBLISHED = datetime(2025, 5, 19, 9, 0, tzinfo=UTC)


def at(day: int, hour: int = 0, month: int = 5) -> datetime:
    return datetime(2025, month, day, hour, tzinfo=UTC)


def only(text: str, tense: Tense | None = None) -> EventTime:
    mentions = find_times(text, PUBLISHED, tense=tense)
    assert len(mentions) == 1, mentions
    return mentions[0].time


def test_weekday_with_part_of_day_is_an_hour_range_on_publication_monday() -> None:
    time = only("The two ministers will meet on Monday evening.")
    assert (time.start, time.end, time.precision) == (at(19, 18), at(19, 22), TimePrecision.HOUR)
    assert time.text == "Monday evening"


def test_bare_weekday_without_tense_is_the_nearest_within_three_days() -> None:
    assert only("The envoy arrives Thursday.").start == at(22)
    assert only("The envoy left Saturday.").start == at(17)


def test_tense_decides_which_weekday() -> None:
    assert only("The envoy arrives on Friday.", tense="future").start == at(23)
    assert only("The envoy arrived on Friday.", tense="past").start == at(16)


def test_last_and_next_weekday_skip_publication_day() -> None:
    assert only("They spoke last Monday.").start == at(12)
    assert only("They speak next Monday.").start == at(26)


def test_yesterday_today_tomorrow() -> None:
    found = find_times("Talks began yesterday, resume today and end tomorrow.", PUBLISHED)
    assert [m.time.start for m in found] == [at(18), at(19), at(20)]
    assert all(m.time.precision is TimePrecision.DAY for m in found)


def test_last_night_runs_from_yesterday_evening_into_the_morning() -> None:
    time = only("Drones struck the port last night.")
    assert (time.start, time.end) == (at(18, 22), at(19, 6))


def test_weeks_are_iso_weeks() -> None:
    found = find_times("Not last week, not this week, but next week.", PUBLISHED)
    assert [(m.time.start, m.time.end) for m in found] == [
        (at(12), at(19)),
        (at(19), at(26)),
        (at(26), at(2, month=6)),
    ]
    assert all(m.time.precision is TimePrecision.WEEK for m in found)


def test_earlier_this_month_ends_at_publication() -> None:
    time = only("The sanctions took effect earlier this month.")
    assert (time.start, time.end, time.precision) == (at(1), PUBLISHED, TimePrecision.MONTH)


def test_at_the_weekend_is_saturday_and_sunday() -> None:
    time = only("Protesters gathered at the weekend.")
    assert (time.start, time.end, time.text) == (at(17), at(19), "at the weekend")


def test_counted_days_ago_and_weeks_ahead() -> None:
    found = find_times("Two days ago they agreed to meet in two weeks.", PUBLISHED)
    assert [m.time.text for m in found] == ["Two days ago", "in two weeks"]
    assert (found[0].time.start, found[0].time.precision) == (at(17), TimePrecision.DAY)
    assert (found[1].time.start, found[1].time.end) == (at(2, month=6), at(9, month=6))
    assert found[1].time.precision is TimePrecision.WEEK


def test_relative_expressions_without_publication_time_are_vague() -> None:
    mentions = find_times("They met yesterday and last week.", None)
    assert [(m.time.start, m.time.end, m.time.precision) for m in mentions] == [
        (None, None, TimePrecision.VAGUE),
        (None, None, TimePrecision.VAGUE),
    ]


def test_offsets_point_into_the_text() -> None:
    text = "Officials said on Tuesday morning that talks would continue."
    mention = find_times(text, PUBLISHED)[0]
    assert text[mention.start : mention.end] == "Tuesday morning"


def test_first_time_in_years_is_a_duration_not_a_date() -> None:
    assert find_times("The first summit in seven years ended.", PUBLISHED) == []


def test_naive_publication_time_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        find_times("They met yesterday.", datetime(2025, 5, 19, 9))


def test_end_of_the_year_and_of_next_week() -> None:
    text = "A deal is due by the end of the year, talks at the end of next week."
    deadline, talks = find_times(text, PUBLISHED)
    assert (deadline.time.text, deadline.time.start, deadline.time.end) == (
        "by the end of the year",
        None,
        datetime(2026, 1, 1, tzinfo=UTC),
    )
    assert (talks.time.start, talks.time.end) == (at(30), at(2, month=6))


def test_overnight_and_weeks_ago() -> None:
    found = find_times("Drones struck overnight; a truce failed weeks ago.", PUBLISHED)
    assert [m.time.text for m in found] == ["overnight", "weeks ago"]
    assert found[0].time.start == at(18, 22)
    assert found[1].time.precision is TimePrecision.VAGUE
