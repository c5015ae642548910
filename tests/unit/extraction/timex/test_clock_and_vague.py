"""Clock times with zones and offsets, and vague expressions."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from schemas import TimePrecision
from services.extraction.timex import TimeFinder
from services.extraction.timex.vocabulary import load_vocabulary

# Built once per module: compiling the patterns is the costly part.
find_times = TimeFinder(load_vocabulary()).find

PUBLISHED = datetime(2025, 5, 19, 9, 0, tzinfo=UTC)


def instant(text: str, local_zone: ZoneInfo | None = None) -> datetime | None:
    (mention,) = find_times(text, PUBLISHED, local_zone=local_zone)
    assert mention.time.start == mention.time.end
    assert mention.time.precision is TimePrecision.MINUTE
    return mention.time.start


def test_named_zone_converts_to_utc() -> None:
    assert instant("The vote closes at 8 pm Moscow time.") == datetime(2025, 5, 19, 17, tzinfo=UTC)


def test_utc_restatement_wins_over_the_named_zone() -> None:
    # The restatement deliberately disagrees with Moscow time to show which one counts.
    text = "Voting opens at 5 pm Moscow time (GMT1300)."
    assert instant(text) == datetime(2025, 5, 19, 13, tzinfo=UTC)
    assert instant("Voting opens at 5 p.m. (GMT 14:00).") == datetime(2025, 5, 19, 14, tzinfo=UTC)


def test_gmt_clock_and_explicit_offset() -> None:
    assert instant("Flights resume at 14:00 GMT.") == datetime(2025, 5, 19, 14, tzinfo=UTC)
    assert instant("Flights resume at 14:00 UTC+3.") == datetime(2025, 5, 19, 11, tzinfo=UTC)


def test_explicit_offset_wins_over_named_zone() -> None:
    text = "Flights resume at 10:00 Kyiv time (UTC+2)."
    assert instant(text) == datetime(2025, 5, 19, 8, tzinfo=UTC)


def test_eastern_time_follows_daylight_saving() -> None:
    assert instant("He speaks at 9:30 a.m. ET.") == datetime(2025, 5, 19, 13, 30, tzinfo=UTC)


def test_local_time_uses_the_callers_zone() -> None:
    beijing = ZoneInfo("Asia/Shanghai")
    found = instant("The parade starts at 10 am local time.", local_zone=beijing)
    assert found == datetime(2025, 5, 19, 2, tzinfo=UTC)


def test_date_and_clock_side_by_side_are_one_mention() -> None:
    (mention,) = find_times("They will talk on Wednesday at 3 pm Beijing time.", PUBLISHED)
    assert mention.time.text == "Wednesday at 3 pm Beijing time"
    assert mention.time.start == datetime(2025, 5, 21, 7, tzinfo=UTC)


def test_vague_words_get_a_window_from_the_data_file() -> None:
    found = find_times("A deal may come very soon, in the coming days.", PUBLISHED)
    assert [m.time.text for m in found] == ["very soon", "in the coming days"]
    assert all(m.time.precision is TimePrecision.VAGUE for m in found)
    assert found[0].time.start == PUBLISHED
    assert found[0].time.end is not None and found[0].time.end > PUBLISHED


def test_recently_looks_back() -> None:
    (mention,) = find_times("The envoy recently visited.", PUBLISHED)
    assert mention.time.end == PUBLISHED
    assert mention.time.start is not None and mention.time.start < PUBLISHED


def test_as_soon_as_a_condition_is_not_a_time() -> None:
    assert find_times("They will sign as soon as the text is ready.", PUBLISHED) == []


def test_wire_style_clock() -> None:
    assert instant("The deadline passed at 1400 GMT.") == datetime(2025, 5, 19, 14, tzinfo=UTC)
