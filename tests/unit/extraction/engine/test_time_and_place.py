"""When and where: the time of the trigger's own clause, the place it happens at."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

from schemas import Article, DiplomaticEvent, EventStatus, PloverRoot, TimePrecision
from services.extraction import ExtractionEngine

Code = Callable[[str], list[DiplomaticEvent]]


def _consults(events: list[DiplomaticEvent]) -> list[DiplomaticEvent]:
    return [e for e in events if e.event_type is PloverRoot.CONSULT]


def test_time_of_the_events_own_clause(code: Code) -> None:
    events = _consults(code("On Monday, Japan said that it met India on February 20."))
    assert events
    time = events[0].time
    assert time is not None and time.start == datetime(2025, 2, 20, tzinfo=UTC)


def test_time_of_the_statement_is_not_the_events(code: Code) -> None:
    events = _consults(code("Japan said on Monday that India had met Brazil."))
    assert events and all(e.time is None for e in events)


def test_occurred_event_without_time_keeps_none(code: Code) -> None:
    events = _consults(code("Japan met India in Delhi."))
    assert events and events[0].status is EventStatus.OCCURRED and events[0].time is None


def test_later_mention_gives_a_finer_time(code: Code) -> None:
    text = "Japan and India will talk by phone this evening. The call will start at 8 pm."
    events = _consults(code(text))
    assert len(events) == 1
    assert events[0].time is not None and events[0].time.precision is TimePrecision.MINUTE


def test_place_of_the_event(code: Code) -> None:
    events = _consults(code("Japan met India in Delhi on Friday."))
    assert events and events[0].location is not None
    assert events[0].location.country == "IND"


def _code_at(engine: ExtractionEngine, text: str, published_at: datetime) -> list[DiplomaticEvent]:
    return engine.extract(Article(id="unit-time", text=text, published_at=published_at))


def _of_type(events: list[DiplomaticEvent], root: PloverRoot) -> list[DiplomaticEvent]:
    return [e for e in events if e.event_type is root]


def _day_of(event: DiplomaticEvent) -> date | None:
    return event.time.start.date() if event.time and event.time.start else None


# A Wednesday, just after midnight: the dateline's day is still Tuesday 11 March.
_AFTER_MIDNIGHT = datetime(2025, 3, 12, 0, 20, tzinfo=UTC)


def test_relative_days_count_from_the_dateline_not_the_publication(
    engine: ExtractionEngine,
) -> None:
    text = "OSLO, March 11 (Sample Wire) - Norway and Sweden held talks today."
    events = _consults(_code_at(engine, text, _AFTER_MIDNIGHT))
    assert events and _day_of(events[0]) == date(2025, 3, 11)


def test_past_clause_takes_the_last_weekday_future_clause_the_next(code: Code) -> None:
    # Published on Monday 3 March 2025: "Wednesday" is 26 February or 5 March by tense.
    met = _consults(code("Japan met India on Wednesday."))
    will_meet = _consults(code("Japan will meet India on Wednesday."))
    assert met and _day_of(met[0]) == date(2025, 2, 26)
    assert will_meet and _day_of(will_meet[0]) == date(2025, 3, 5)


def test_events_without_a_time_of_their_own_take_the_story_day(engine: ExtractionEngine) -> None:
    text = (
        "OSLO, March 11 (Sample Wire) - Norway and Sweden held talks on Monday. \n\n"
        "Norway also accused Russia of spying."
    )
    accusations = _of_type(_code_at(engine, text, _AFTER_MIDNIGHT), PloverRoot.ACCUSE)
    assert accusations and _day_of(accusations[0]) == date(2025, 3, 10)


def test_a_bare_clock_time_is_read_where_the_story_is_datelined(engine: ExtractionEngine) -> None:
    text = "MOSCOW, March 11 (Sample Wire) - Russia will hold talks with Iran at 5 pm."
    events = _consults(_code_at(engine, text, datetime(2025, 3, 11, 9, 0, tzinfo=UTC)))
    assert events and events[0].time is not None
    assert events[0].time.start == datetime(2025, 3, 11, 14, 0, tzinfo=UTC)


def test_an_announced_measure_under_way_takes_the_announcements_day(code: Code) -> None:
    events = code("Norway announced on Friday that it was expelling two Russian diplomats.")
    sanctions = _of_type(events, PloverRoot.SANCTION)
    assert sanctions and _day_of(sanctions[0]) == date(2025, 2, 28)


def _places(events: list[DiplomaticEvent]) -> list[str | None]:
    return [e.location.country if e.location else None for e in events]


def test_the_visited_place_is_where_the_visits_events_happen(code: Code) -> None:
    events = _consults(
        code(
            "The Norwegian prime minister paid an official visit to Chile, where he held "
            "talks with Boric. The Danish premier arrived in Lima and met Peru's president."
        )
    )
    assert len(events) >= 3
    assert set(_places(events)) == {"CHL", "PER"}


def test_the_dateline_places_only_what_happens_there(engine: ExtractionEngine) -> None:
    text = (
        "OSLO, March 11 (Sample Wire) - Norway accused Russia of spying on Tuesday. "
        "Japan and India held talks on Tuesday."
    )
    events = _code_at(engine, text, _AFTER_MIDNIGHT)
    assert _places(_of_type(events, PloverRoot.ACCUSE)) == ["NOR"]
    assert _places(_consults(events)) == [None]


def test_a_threat_made_now_is_not_dated_by_the_day_it_threatens(code: Code) -> None:
    events = code("Chile will expel two Peruvian diplomats on Tuesday.")
    threats = [e for e in events if e.event_type is PloverRoot.THREATEN]
    expulsions = [e for e in events if e.event_type is PloverRoot.SANCTION]
    assert threats and expulsions
    assert expulsions[0].time is not None and expulsions[0].time.start is not None
    assert all(
        t.time is None or t.time.start is None or t.time.start < expulsions[0].time.start
        for t in threats
    )
