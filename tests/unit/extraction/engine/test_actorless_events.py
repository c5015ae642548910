"""A side event whose two sides are neither known nor named is noise, not an event.

"the ministers praised the figures" beside the sentence's own event names no one: nobody could
code it. A named side ("Robertson") or a known country keeps the event.
"""

from __future__ import annotations

from collections.abc import Callable

from schemas import DiplomaticEvent, PloverRoot

Code = Callable[[str], list[DiplomaticEvent]]


def test_side_event_between_unnamed_actors_is_dropped(code: Code) -> None:
    events = code("Chile expelled two Peruvian diplomats after the ministers praised the figures.")
    assert [e.event_type for e in events] == [PloverRoot.SANCTION]


def test_side_event_of_a_cabinet_about_an_abstract_noun_is_dropped(code: Code) -> None:
    events = code("The Chilean navy shelled the port while the cabinet praised the crews' courage.")
    assert PloverRoot.SUPPORT not in {e.event_type for e in events}


def test_named_people_without_a_known_country_still_act(code: Code) -> None:
    events = code("Robertson held talks with Trajkovski in Skopje last week.")
    assert [e.event_type for e in events] == [PloverRoot.CONSULT]
