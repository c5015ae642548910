"""Dates, months, years, holidays and open intervals."""

from __future__ import annotations

from datetime import UTC, datetime

from schemas import TimePrecision
from services.extraction.timex import TimeFinder
from services.extraction.timex.vocabulary import load_vocabulary

# Built once per module: compiling the patterns is the costly part.
find_times = TimeFinder(load_vocabulary()).find

PUBLISHED = datetime(2025, 5, 19, 9, 0, tzinfo=UTC)


def utc(year: int, month: int = 1, day: int = 1) -> datetime:
    return datetime(year, month, day, tzinfo=UTC)


def test_month_day_takes_the_publication_year() -> None:
    (mention,) = find_times("The ceasefire was signed on March 18.", PUBLISHED)
    assert (mention.time.start, mention.time.end) == (utc(2025, 3, 18), utc(2025, 3, 19))
    assert (mention.time.precision, mention.time.text) == (TimePrecision.DAY, "March 18")


def test_future_looking_date_in_past_tense_moves_to_last_year() -> None:
    (mention,) = find_times("They last met on 3 October.", PUBLISHED, tense="past")
    assert mention.time.start == utc(2024, 10, 3)


def test_tense_keeps_a_month_long_gone_in_its_own_year() -> None:
    # Seven months back in a past clause, seven months ahead in a future one: the tense, not
    # the distance, says which year.
    autumn = datetime(2025, 11, 20, 9, 0, tzinfo=UTC)
    (past,) = find_times("The envoy toured the Gulf in April.", autumn, tense="past")
    (ahead,) = find_times(
        "The envoy tours the Gulf in August.", PUBLISHED.replace(month=1), tense="future"
    )
    assert (past.time.start, ahead.time.start) == (utc(2025, 4), utc(2025, 8))


def test_date_far_ahead_without_tense_moves_to_last_year() -> None:
    (mention,) = find_times("The accord dates from December 28.", PUBLISHED)
    assert mention.time.start == utc(2024, 12, 28)


def test_full_date_resolves_even_without_publication_time() -> None:
    (mention,) = find_times("The summit opened on March 18, 2025.", None)
    assert (mention.time.start, mention.time.precision) == (utc(2025, 3, 18), TimePrecision.DAY)


def test_impossible_date_is_not_a_mention() -> None:
    assert find_times("Exhibit February 31 was filed.", PUBLISHED) == []


def test_month_with_year_is_month_precision() -> None:
    (mention,) = find_times("In December 2021 the offer was made.", PUBLISHED)
    assert (mention.time.start, mention.time.end) == (utc(2021, 12), utc(2022))
    assert (mention.time.precision, mention.time.text) == (TimePrecision.MONTH, "December 2021")


def test_may_is_a_month_only_after_a_lead_in_word() -> None:
    assert find_times("Diplomats May travel soon.", None)[0].time.text == "soon"
    (mention,) = find_times("Elections are due in May.", PUBLISHED)
    assert (mention.time.start, mention.time.precision) == (utc(2025, 5), TimePrecision.MONTH)


def test_year_alone_and_after_in() -> None:
    mentions = find_times("The 2022 accord expired in 2024.", PUBLISHED)
    assert [(m.time.text, m.time.start, m.time.end) for m in mentions] == [
        ("2022", utc(2022), utc(2023)),
        ("2024", utc(2024), utc(2025)),
    ]


def test_percentages_and_counts_are_not_years() -> None:
    assert find_times("Turnout was 2,019 votes, or 2020% of quota.", PUBLISHED) == []


def test_early_and_late_narrow_to_a_third() -> None:
    early, late = find_times("From early March until late 2026.", PUBLISHED)
    assert (early.time.start, early.time.end) == (utc(2025, 3, 1), utc(2025, 3, 11))
    assert late.time.text == "until late 2026"
    assert (late.time.start, late.time.end) == (None, utc(2027))


def test_before_a_year_is_open_at_the_start() -> None:
    (mention,) = find_times("Moscow tried diplomacy before 2022.", PUBLISHED)
    assert (mention.time.start, mention.time.end) == (None, utc(2022))
    assert (mention.time.precision, mention.time.text) == (TimePrecision.YEAR, "before 2022")


def test_since_a_year_runs_to_publication() -> None:
    (mention,) = find_times("The border has been closed since 2014.", PUBLISHED)
    assert (mention.time.start, mention.time.end) == (utc(2014), PUBLISHED)


def test_after_a_date_is_open_at_the_end() -> None:
    (mention,) = find_times("Nothing moved after March 18.", PUBLISHED)
    assert (mention.time.start, mention.time.end) == (utc(2025, 3, 19), None)


def test_may_holidays_are_the_first_eleven_days_of_may() -> None:
    (mention,) = find_times("He stayed home during the May holidays.", PUBLISHED)
    assert (mention.time.start, mention.time.end) == (utc(2025, 5, 1), utc(2025, 5, 12))
    assert mention.time.precision is TimePrecision.DAY


def test_iso_date() -> None:
    (mention,) = find_times("Filed 2024-02-29 in court.", None)
    assert mention.time.start == utc(2024, 2, 29)


def test_weekday_restated_as_a_date_is_one_mention() -> None:
    (mention,) = find_times("The vote is on Friday, May 30, 2025.", PUBLISHED)
    assert mention.time.text == "Friday, May 30, 2025"
    assert (mention.time.start, mention.time.precision) == (utc(2025, 5, 30), TimePrecision.DAY)


def test_two_separate_dates_stay_apart() -> None:
    found = find_times("It met on March 3 and on March 18.", PUBLISHED)
    assert [m.time.text for m in found] == ["March 3", "March 18"]


def test_a_list_of_dates_stays_apart() -> None:
    found = find_times("Rounds were held on March 3, March 10.", PUBLISHED)
    assert [m.time.text for m in found] == ["March 3", "March 10"]


def test_last_and_next_month_name() -> None:
    last, upcoming = find_times("Unlike last June, next March is busy.", PUBLISHED)
    assert (last.time.text, last.time.start) == ("last June", utc(2024, 6))
    assert (upcoming.time.text, upcoming.time.start) == ("next March", utc(2026, 3))


def test_a_count_before_a_plural_noun_is_not_a_year() -> None:
    assert find_times("Rebels held 2000 hostages.", PUBLISHED) == []
    assert find_times("Rebels held 2000 people.", PUBLISHED) == []
    (mention,) = find_times("Rebels held hostages in 2000.", PUBLISHED)
    assert mention.time.start == utc(2000)


def test_sentence_full_stop_stays_out_of_the_date() -> None:
    (mention,) = find_times("The mandate ends on 31 December.", PUBLISHED)
    assert mention.time.text == "31 December"


def test_seasons() -> None:
    found = find_times(
        "Unlike last summer, in the spring of 2023 and this winter, prices fall.", PUBLISHED
    )
    assert [m.time.text for m in found] == ["last summer", "the spring of 2023", "this winter"]
    assert (found[0].time.start, found[0].time.end) == (utc(2024, 6), utc(2024, 9))
    assert (found[1].time.start, found[1].time.end) == (utc(2023, 3), utc(2023, 6))
    # In May, the nearer winter is the one just over.
    assert (found[2].time.start, found[2].time.end) == (utc(2024, 12), utc(2025, 3))


def test_year_before_a_plural_after_a_determiner_is_a_year() -> None:
    (mention,) = find_times("They disputed the 2016 elections.", PUBLISHED)
    assert mention.time.text == "2016"


def test_day_ranges() -> None:
    first, second = find_times("Sessions run May 1-11 and 18 to 20 June 2024.", None)
    assert (first.time.start, first.time.end) == (None, None)
    assert (second.time.start, second.time.end) == (utc(2024, 6, 18), utc(2024, 6, 21))
    (dated,) = find_times("Sessions run May 1-11.", PUBLISHED)
    assert (dated.time.start, dated.time.end) == (utc(2025, 5, 1), utc(2025, 5, 12))


def test_year_ranges_and_two_separate_years() -> None:
    found = find_times("Between 2014 and 2016, and in 2019-21.", PUBLISHED)
    assert [(m.time.start, m.time.end) for m in found] == [
        (utc(2014), utc(2017)),
        (utc(2019), utc(2022)),
    ]
    assert len(find_times("Elections in 2014 and 2016.", PUBLISHED)) == 2


def test_decades() -> None:
    whole, early = find_times("In the 1990s, and again in the early 2000s.", None)
    assert (whole.time.start, whole.time.end) == (utc(1990), utc(2000))
    assert (early.time.start, early.time.end) == (utc(2000), utc(2004))
