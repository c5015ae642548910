"""Which word types an event: what a body adopts, whom a country expels."""

from __future__ import annotations

from collections.abc import Callable

from schemas import DiplomaticEvent, PloverRoot

Code = Callable[[str], list[DiplomaticEvent]]


def _roots(events: list[DiplomaticEvent]) -> set[PloverRoot]:
    return {event.event_type for event in events}


def test_an_adopted_resolution_is_what_it_demands(code: Code) -> None:
    events = code(
        "The Security Council adopted a resolution demanding that Peru withdraw its troops."
    )
    assert PloverRoot.AGREE not in _roots(events)
    assert PloverRoot.REQUEST in _roots(events)


def test_expelling_a_consul_is_a_sanction(code: Code) -> None:
    events = code("Peru expelled the Chilean consul on Monday.")
    assert [e.event_type for e in events] == [PloverRoot.SANCTION]


def test_hosting_a_base_is_no_visit_but_hosting_a_leader_is(code: Code) -> None:
    based = code("Djibouti hosts a large French naval base near its port.")
    visited = code("Djibouti hosted the French defence minister on Friday.")
    assert (_roots(based), _roots(visited)) == (set(), {PloverRoot.CONSULT})
