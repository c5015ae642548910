"""Statements that commit to nothing, conditions on a main clause, reported plans, and "no X".

"Would neither confirm nor deny reports of X" denies nothing and states no X; "will close the
strait if attacked" is a threat made about a hypothetical closure; "said the envoy would travel"
is a stated plan, not a conditional.
"""

from __future__ import annotations

from collections.abc import Callable

from schemas import DiplomaticEvent, EventStatus, PloverRoot

Code = Callable[[str], list[DiplomaticEvent]]


def _statuses(events: list[DiplomaticEvent], root: PloverRoot) -> set[EventStatus]:
    return {e.status for e in events if e.event_type is root}


def test_neither_confirming_nor_denying_states_no_event(code: Code) -> None:
    events = code("Oslo would neither confirm nor deny reports of talks between Chile and Peru.")
    assert events == []


def test_declining_to_comment_on_a_report_states_no_event(code: Code) -> None:
    events = code("The ministry declined to comment on reports that Egypt had shelled Libya.")
    assert events == []


def test_a_plain_denial_still_denies(code: Code) -> None:
    events = code("Chile denied reports that its navy had shelled Peru.")
    assert _statuses(events, PloverRoot.ASSAULT) == {EventStatus.DENIED}


def test_conditional_main_clause_is_a_threat_made_of_a_hypothetical_act(code: Code) -> None:
    events = code("Iran will close the Strait of Hormuz if Israel attacks its reactors.")
    assert _statuses(events, PloverRoot.THREATEN) == {EventStatus.OCCURRED}
    assert _statuses(events, PloverRoot.COERCE) == {EventStatus.HYPOTHETICAL}


def test_threat_with_a_condition_in_the_past_was_made(code: Code) -> None:
    events = code("North Korea threatened to strike Japan if the drills went ahead.")
    assert _statuses(events, PloverRoot.THREATEN) == {EventStatus.OCCURRED}


def test_would_after_a_past_report_is_a_stated_plan(code: Code) -> None:
    events = code("Kenya said that Uganda would expel two Somali diplomats.")
    assert _statuses(events, PloverRoot.SANCTION) == {EventStatus.INTENDED}


def test_agreeing_to_visit_makes_the_visit_intended(code: Code) -> None:
    events = code("The Chilean president agreed to visit Peru in the spring.")
    assert EventStatus.INTENDED in _statuses(events, PloverRoot.CONSULT)
    assert EventStatus.OCCURRED not in _statuses(events, PloverRoot.CONSULT)


def test_no_call_being_prepared_is_no_scheduled_call(code: Code) -> None:
    events = code("Ankara said no call between Erdogan and Macron is being prepared yet.")
    statuses = _statuses(events, PloverRoot.CONSULT)
    assert statuses and statuses.isdisjoint({EventStatus.SCHEDULED, EventStatus.OCCURRED})
    assert _statuses(events, PloverRoot.REJECT) == set()


def test_agreeing_to_a_sanction_is_the_sanction_intended(code: Code) -> None:
    # An actor deciding its own measure makes no threat and no promise to cooperate.
    events = code("Japan agreed to ban imports of fish from South Korea.")
    assert _statuses(events, PloverRoot.SANCTION) == {EventStatus.INTENDED}
    assert _statuses(events, PloverRoot.THREATEN) == set()
    assert _statuses(events, PloverRoot.AGREE) == set()


def test_only_a_decided_conflict_loses_its_agreement_or_threat(code: Code) -> None:
    # Cooperation agreed to is still an agreement, and a vowed measure still a threat.
    agreed = code("Chile agreed to send food aid to Bolivia.")
    vowed = code("Japan vowed to ban imports of fish from South Korea.")
    assert (_statuses(agreed, PloverRoot.AGREE), _statuses(vowed, PloverRoot.THREATEN)) == (
        {EventStatus.OCCURRED},
        {EventStatus.OCCURRED},
    )
