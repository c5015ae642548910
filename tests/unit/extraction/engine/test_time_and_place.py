"""When and where: the time of the trigger's own clause, the place it happens at."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from schemas import DiplomaticEvent, EventStatus, PloverRoot, TimePrecision

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
