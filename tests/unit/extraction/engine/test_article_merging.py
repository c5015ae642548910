"""One event per real event across the article: mentions of one meeting in several sentences,
by other names of the same countries, merge; background events and a visit's own talks do not."""

from __future__ import annotations

from collections.abc import Callable

from schemas import DiplomaticEvent, PloverRoot

Code = Callable[[str], list[DiplomaticEvent]]


def _consults(events: list[DiplomaticEvent]) -> list[DiplomaticEvent]:
    return [event for event in events if event.event_type is PloverRoot.CONSULT]


def test_a_meeting_told_twice_by_other_names_is_one_event(code: Code) -> None:
    text = (
        "Bolivian officials met Peruvian diplomats in La Paz on Monday. "
        "Peru and Bolivia held the talks to settle a water dispute."
    )
    [meeting] = _consults(code(text))
    assert meeting.mentions.count == 2
    assert {meeting.source.country, meeting.target and meeting.target.country} == {"BOL", "PER"}


def test_an_undated_meeting_is_not_merged_with_a_dated_background_one(code: Code) -> None:
    text = "Peru and Bolivia held talks on water rights. Peru and Bolivia last held talks in 2019."
    assert len(_consults(code(text))) == 2


def test_a_visit_and_the_talks_held_during_it_are_two_events(code: Code) -> None:
    text = (
        "The Kenyan president arrived in Oslo on Sunday for a state visit. "
        "He held talks with the Norwegian prime minister on Monday."
    )
    modes = sorted(str(event.event_mode) for event in _consults(code(text)))
    assert modes == ["None", "visit"]


def test_accusations_in_both_directions_stay_two_events(code: Code) -> None:
    events = code("Argentina accused Chile of spying. Chile also accused Argentina of spying.")
    accusations = [event for event in events if event.event_type is PloverRoot.ACCUSE]
    assert {(e.source.country, e.target and e.target.country) for e in accusations} == {
        ("ARG", "CHL"),
        ("CHL", "ARG"),
    }
