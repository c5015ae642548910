"""Whether the event happened, will happen, or was denied or refused."""

from __future__ import annotations

from collections.abc import Callable

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


def test_hoping_makes_it_intended(code: Code) -> None:
    assert _statuses(code("Japan wants to meet India."), PloverRoot.CONSULT) == {
        EventStatus.INTENDED
    }


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


def test_refusal_codes_a_refused_event_and_a_rejection(code: Code) -> None:
    events = code("Japan refused to discuss the plan with India.")
    assert _statuses(events, PloverRoot.CONSULT) == {EventStatus.REFUSED}
    assert EventStatus.OCCURRED in _statuses(events, PloverRoot.REJECT)


def test_future_date_makes_an_uncued_event_scheduled(code: Code) -> None:
    events = code("Japan and India hold talks on March 20.")
    assert _statuses(events, PloverRoot.CONSULT) == {EventStatus.SCHEDULED}


def test_will_not_is_a_refusal_and_a_rejection(code: Code) -> None:
    events = code("Japan will not meet India.")
    assert _statuses(events, PloverRoot.CONSULT) == {EventStatus.REFUSED}
    rejections = [e for e in events if e.event_type is PloverRoot.REJECT]
    assert rejections and rejections[0].status is EventStatus.OCCURRED
    assert rejections[0].confidence > max(
        e.confidence for e in events if e.event_type is PloverRoot.CONSULT
    )


def test_past_negation_is_a_denial(code: Code) -> None:
    events = code("Japan did not meet India.")
    assert _statuses(events, PloverRoot.CONSULT) == {EventStatus.DENIED}
