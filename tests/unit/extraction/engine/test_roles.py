"""Who acts and who is acted upon."""

from __future__ import annotations

from collections.abc import Callable

from schemas import DiplomaticEvent, EventStatus, PloverRoot

Code = Callable[[str], list[DiplomaticEvent]]


def _dyads(events: list[DiplomaticEvent]) -> set[tuple[str, str | None]]:
    return {(e.source.name, e.target.name if e.target else None) for e in events}


def test_active_voice_subject_acts_on_object(code: Code) -> None:
    events = code("Germany praised France for its leadership.")
    assert ("Germany", "France") in _dyads(events)


def test_passive_voice_agent_is_the_source(code: Code) -> None:
    events = code("France was praised by Germany for its leadership.")
    assert ("Germany", "France") in _dyads(events)
    assert ("France", "Germany") not in _dyads(events)


def test_conjoined_subjects_make_one_reciprocal_event(code: Code) -> None:
    events = [e for e in code("Japan and India held talks in Delhi on Friday.") if e.reciprocal]
    assert len(events) == 1
    assert {events[0].source.name, events[0].target.name if events[0].target else None} == {
        "Japan",
        "India",
    }


def test_reported_speech_codes_the_reported_event(code: Code) -> None:
    events = code("Japan said that India will meet with Brazil next week.")
    consults = [e for e in events if e.event_type is PloverRoot.CONSULT]
    assert ("India", "Brazil") in _dyads(consults)
    assert all(e.source.name != "Japan" for e in consults)
    assert any(e.reported_by is not None and e.reported_by.name == "Japan" for e in consults)


def test_governing_verb_lends_its_subject(code: Code) -> None:
    events = code("Canada hopes to meet Mexico soon.")
    intended = [e for e in events if e.status is EventStatus.INTENDED]
    assert ("Canada", "Mexico") in _dyads(intended)


def test_that_clause_subjects_are_each_a_target(code: Code) -> None:
    events = code("Germany proposed that Poland and Austria hold talks on energy.")
    from_germany = {e.target.name for e in events if e.source.name == "Germany" and e.target}
    assert {"Poland", "Austria"} <= from_germany


def test_possessive_owns_the_nominal_event(code: Code) -> None:
    events = code("Chile's criticism of Peru angered many.")
    assert ("Chile", "Peru") in _dyads(events)


def test_a_dateline_read_as_a_second_subject_does_not_act(code: Code) -> None:
    events = code(
        "LA PAZ, March 3 (Desk Wire) - Bolivia and Chile have agreed to reopen their main "
        "border crossing, ending a month of closures."
    )
    assert events
    assert all(e.source.name in ("Bolivia", "Chile") for e in events)


def test_the_capital_a_reaction_is_given_in_is_not_its_target(code: Code) -> None:
    events = code("In Ankara, the foreign ministry condemned the raids as a grave violation.")
    assert events
    assert all(e.source.country == "TUR" for e in events)
    assert all(e.target is None or e.target.text != "Ankara" for e in events)


def test_the_partner_of_a_call_hangs_on_its_means(code: Code) -> None:
    events = code("The Kenyan president spoke by telephone with Emmanuel Macron on Sunday.")
    consults = [e for e in events if e.event_type is PloverRoot.CONSULT]
    assert {(e.source.country, e.target.country if e.target else None) for e in consults} == {
        ("KEN", "FRA")
    }


def test_a_condemned_act_targets_who_carried_it_out(code: Code) -> None:
    events = code("Norway condemned the raids carried out by Serbian police near the border.")
    assert ("NOR", "SRB") in {
        (e.source.country, e.target.country if e.target else None) for e in events
    }


def test_a_rejected_list_of_demands_targets_who_made_them(code: Code) -> None:
    events = code("Cuba rejected a list of nine demands drawn up by Panama on Tuesday.")
    assert ("CUB", "PAN") in {
        (e.source.country, e.target.country if e.target else None) for e in events
    }


def test_a_purpose_clause_is_addressed_to_the_object_of_its_verb(code: Code) -> None:
    events = code("Kenya summoned the Ugandan envoy on Friday to complain about the border raid.")
    accusations = [e for e in events if e.event_type is PloverRoot.ACCUSE]
    assert accusations
    assert all(e.target is not None and e.target.country == "UGA" for e in accusations)


def test_a_warning_targets_only_a_foreign_subject_of_its_clause(code: Code) -> None:
    abroad = code("Canada warned that Denmark would face tariffs on its exports.")
    at_home = code("The Canadian minister warned that Canada would retaliate against the duties.")
    threats = {e.target.country if e.target else None: e for e in abroad + at_home}
    assert ("Canada", "Denmark") in _dyads(
        [e for e in abroad if e.event_type is PloverRoot.THREATEN]
    )
    assert "CAN" not in threats


def test_the_place_of_a_meeting_does_not_stand_in_for_who_met(code: Code) -> None:
    events = code("Leaders adopted a joint statement at their summit in Hanoi on Saturday.")
    assert all(e.source.country != "VNM" for e in events)
