"""Whether the event happened, will happen, or was denied or refused."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from schemas import DiplomaticEvent, EventStatus, PloverRoot

Code = Callable[[str], list[DiplomaticEvent]]


def _statuses(events: list[DiplomaticEvent], root: PloverRoot) -> set[EventStatus]:
    return {e.status for e in events if e.event_type is root}


def test_past_tense_meeting_occurred(code: Code) -> None:
    assert _statuses(code("Japan met India in Tokyo."), PloverRoot.CONSULT) == {
        EventStatus.OCCURRED
    }


def test_will_makes_it_scheduled(code: Code) -> None:
    assert _statuses(code("Japan will meet India in Tokyo."), PloverRoot.CONSULT) == {
        EventStatus.SCHEDULED
    }


def test_wanting_a_meeting_is_one_intended_agreement(code: Code) -> None:
    # The manual codes future cooperation AGREE; the status says the meeting has not happened.
    events = code("Japan wants to meet India.")
    assert [(e.event_type, e.status) for e in events] == [(PloverRoot.AGREE, EventStatus.INTENDED)]


def test_condition_makes_it_hypothetical(code: Code) -> None:
    events = code("If Japan met India, the markets would calm.")
    assert _statuses(events, PloverRoot.CONSULT) == {EventStatus.HYPOTHETICAL}


def test_potential_meeting_is_hypothetical(code: Code) -> None:
    events = code("Analysts discussed a potential meeting between Japan and India.")
    assert EventStatus.HYPOTHETICAL in _statuses(events, PloverRoot.CONSULT)


def test_denied_report_is_never_an_occurrence(code: Code) -> None:
    events = code("Japan denied reports that the Chinese army attacked India in May.")
    visits = [e for e in events if e.event_type is PloverRoot.ASSAULT]
    assert visits
    assert {e.status for e in visits} == {EventStatus.DENIED}


def test_refusal_is_one_rejection_of_the_refused_act(code: Code) -> None:
    events = code("Japan refused to discuss the plan with India.")
    assert [(e.event_type, e.status) for e in events] == [(PloverRoot.REJECT, EventStatus.OCCURRED)]
    assert events[0].target is not None and events[0].target.country == "IND"


def test_future_date_makes_an_uncued_event_scheduled(code: Code) -> None:
    events = code("Japan and India hold talks on March 20.")
    assert _statuses(events, PloverRoot.CONSULT) == {EventStatus.SCHEDULED}


def test_will_not_is_one_rejection(code: Code) -> None:
    events = code("Japan will not meet India.")
    assert [(e.event_type, e.status) for e in events] == [(PloverRoot.REJECT, EventStatus.OCCURRED)]


def test_past_negation_is_a_denial(code: Code) -> None:
    events = code("Japan did not meet India.")
    assert _statuses(events, PloverRoot.CONSULT) == {EventStatus.DENIED}


@pytest.mark.parametrize(
    ("text", "root", "status"),
    [
        # Being on a visit: under way; having been on one: over.
        (
            "The Chilean foreign minister is on an official visit to Peru.",
            PloverRoot.CONSULT,
            EventStatus.ONGOING,
        ),
        (
            "The Chilean foreign minister was on an official visit to Peru last week.",
            PloverRoot.CONSULT,
            EventStatus.OCCURRED,
        ),
        # A present perfect counted from a start is still under way.
        (
            "Since January, Chilean forces have launched dozens of attacks on Peruvian posts.",
            PloverRoot.ASSAULT,
            EventStatus.ONGOING,
        ),
        # A verb joined to a denial is an act beside it, not denied by it.
        (
            "Lima has denied any role in the riot and has accused Santiago of lying.",
            PloverRoot.ACCUSE,
            EventStatus.OCCURRED,
        ),
    ],
)
def test_status_of_the_clause(code: Code, text: str, root: PloverRoot, status: EventStatus) -> None:
    assert _statuses(code(text), root) == {status}


def test_what_a_demand_asks_for_is_no_event_of_its_own(code: Code) -> None:
    events = code("Chile called on Peru to release the detained fishermen.")
    assert [e.event_type for e in events] == [PloverRoot.REQUEST]


def test_an_act_asked_of_someone_is_only_proposed(code: Code) -> None:
    events = code("Chile asked Peru to extradite the former minister.")
    assert [e.event_type for e in events] == [PloverRoot.REQUEST]
