"""Words that describe rather than report: no event is built from them."""

from __future__ import annotations

from collections.abc import Callable

from schemas import DiplomaticEvent, PloverRoot

Code = Callable[[str], list[DiplomaticEvent]]


def _roots(events: list[DiplomaticEvent]) -> set[PloverRoot]:
    return {event.event_type for event in events}


def test_a_question_states_no_event(code: Code) -> None:
    assert code("Will Chile sign the fisheries accord with Peru?") == []


def test_the_question_put_to_a_spokesman_is_no_event(code: Code) -> None:
    text = "Asked whether Peruvian envoys would travel to Santiago, the spokeswoman said nothing."
    assert code(text) == []


def test_what_analysts_expect_is_no_event(code: Code) -> None:
    assert code("Analysts said Bolivia would expel the Chilean consul within weeks.") == []


def test_a_habit_told_in_a_relative_clause_is_no_event(code: Code) -> None:
    events = code("Norway, which hosts thousands of Polish workers, recalled its envoy from Minsk.")
    assert PloverRoot.CONSULT not in _roots(events)
    assert events


def test_an_occupation_named_after_an_act_is_no_event(code: Code) -> None:
    events = code("Two aid agencies in Honduras reported long queues at the border crossing.")
    assert PloverRoot.AID not in _roots(events)


def test_an_accusation_told_in_a_relative_clause_stays(code: Code) -> None:
    text = "Ecuador, which Colombia accuses of sheltering rebels, closed its northern border."
    assert PloverRoot.ACCUSE in _roots(code(text))


def test_an_officials_report_stays(code: Code) -> None:
    events = code("Officials said Bolivia expelled the Chilean consul on Monday.")
    assert any(event.source.country == "BOL" for event in events)


def test_what_an_act_was_for_is_no_event_of_its_own(code: Code) -> None:
    events = code("The Peruvian army shelled the border post to warn Chile.")
    assert [e.event_type for e in events] == [PloverRoot.ASSAULT]
