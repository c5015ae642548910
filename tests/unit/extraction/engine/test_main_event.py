"""Each sentence's main event: the trigger that states it, coded by its modality, ranked first,
and kept when no known actor performs it."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from schemas import DiplomaticEvent, EventStatus, PloverRoot

Code = Callable[[str], list[DiplomaticEvent]]


def _top(events: list[DiplomaticEvent]) -> DiplomaticEvent:
    assert events
    return max(events, key=lambda event: event.confidence)


def test_negated_cooperation_is_one_rejection(code: Code) -> None:
    events = code("Officials in Ruritania said the government will not lift the curfew.")
    assert [(e.event_type, e.status) for e in events] == [(PloverRoot.REJECT, EventStatus.OCCURRED)]


def test_announced_meeting_is_an_intent_beside_the_scheduled_meeting(code: Code) -> None:
    events = code("Norway will host the two delegations next month.")
    assert _top(events).event_type is PloverRoot.AGREE
    assert any(
        e.event_type is PloverRoot.CONSULT and e.status is EventStatus.SCHEDULED for e in events
    )


def test_announced_cooperation_without_a_date_is_one_intended_agreement(code: Code) -> None:
    events = code("Chile would send engineers to Peru, the ministry said.")
    assert [(e.event_type, e.status) for e in events] == [(PloverRoot.AGREE, EventStatus.INTENDED)]


def test_pledged_cooperation_is_an_agreement_beside_the_intended_act(code: Code) -> None:
    events = code("Chile pledged to send engineers to Peru.")
    pairs = {(e.event_type, e.status) for e in events}
    assert (PloverRoot.AGREE, EventStatus.OCCURRED) in pairs
    assert any(
        root is not PloverRoot.AGREE and status is EventStatus.INTENDED for root, status in pairs
    )


def test_an_intended_trip_given_a_week_is_scheduled(code: Code) -> None:
    events = code("The Chilean envoy would travel to Lima next week, the ministry said.")
    assert EventStatus.SCHEDULED in {e.status for e in events if e.event_type is PloverRoot.CONSULT}


def test_past_exchange_under_a_future_review_stays_past(code: Code) -> None:
    text = "The envoys will discuss the prisoner exchange that Japan and Peru carried out in May."
    events = code(text)
    exchanges = [e for e in events if "exchange" in e.evidence.triggers[0].text]
    assert exchanges
    assert all(e.event_type is not PloverRoot.AGREE for e in exchanges)


def test_bare_role_noun_subject_is_the_source_with_its_sector(code: Code) -> None:
    top = _top(code("Villagers accused the army of burning their crops."))
    assert top.event_type is PloverRoot.ACCUSE
    assert top.source.text == "Villagers" and top.source.sector == "CVL"


def test_unknown_proper_noun_subject_is_the_source(code: Code) -> None:
    top = _top(code("Zembla Watch condemned the arrests."))
    assert top.event_type is PloverRoot.ACCUSE
    assert top.source.name == "Zembla Watch" and top.source.country is None


def test_common_noun_subject_acts_for_no_one(code: Code) -> None:
    assert code("A weaker currency helped exporters in the quarter.") == []


def test_object_without_an_actor_is_the_target(code: Code) -> None:
    top = _top(code("The ministry condemned the shelling of a school."))
    assert top.target is not None and "shelling" in top.target.text


def test_actor_inside_the_object_is_the_target(code: Code) -> None:
    top = _top(code("The ministry condemned a Chilean court ruling."))
    assert top.target is not None and top.target.country == "CHL"


def test_dateline_place_never_acts(code: Code) -> None:
    top = _top(code("OSLO (Wire) - Police arrested two protesters near the port."))
    assert top.source.text == "Police" and top.source.sector == "COP"
    assert top.target is not None and top.target.sector == "CVL"


def test_role_owned_by_a_country_is_written_with_it(code: Code) -> None:
    top = _top(code("Chile's government rejected the Peruvian offer."))
    assert top.source.text == "Chile's government" and top.source.country == "CHL"


def test_what_is_withdrawn_from_is_the_target(code: Code) -> None:
    top = _top(code("Peru withdrew its observers from the disputed valley."))
    assert top.target is not None and "valley" in top.target.text


def test_pronoun_in_reported_speech_is_the_speaker(code: Code) -> None:
    # No actor is found for the acronym, so "it" is resolved through the reporting verb.
    top = _top(code("The KPLA announced that it would free the abducted surveyor."))
    assert top.event_type is PloverRoot.AGREE
    assert top.source.name == "KPLA"


def test_acronym_subject_is_a_name(code: Code) -> None:
    top = _top(code("ZFA returned the seized paintings to the museum."))
    assert top.source.name == "ZFA"


@pytest.mark.parametrize(
    ("text", "sector"),
    [
        # The subject of a verdict's small clause.
        ("The court found the former minister guilty of fraud.", "ELI"),
        # The recipient before the thing given.
        ("Norway provided blankets and tents to the refugees.", "REF"),
    ],
)
def test_the_party_acted_on_is_the_target(code: Code, text: str, sector: str) -> None:
    top = _top(code(text))
    assert top.target is not None and top.target.sector == sector


def test_joined_sources_without_a_target_face_each_other(code: Code) -> None:
    top = _top(code("Peru and Chile failed to reach agreement on a fishing deal."))
    assert top.event_type is PloverRoot.REJECT
    assert {top.source.name, top.target.name if top.target else None} == {"Peru", "Chile"}


def test_a_date_is_never_the_target(code: Code) -> None:
    top = _top(code("The court rejected the appeal on Thursday."))
    assert top.target is not None and "Thursday" not in top.target.text


def test_a_passive_without_agent_happens_at_the_hands_of_its_country(code: Code) -> None:
    top = _top(code("A well-known blogger was arrested in Peru for insulting officials."))
    assert top.event_type is PloverRoot.COERCE
    assert top.source.country == "PER"
    assert top.target is not None and "blogger" in top.target.text


def test_what_the_source_owns_is_not_its_target(code: Code) -> None:
    top = _top(code("Chile is prepared to withdraw its soldiers from Peru."))
    assert top.target is not None and top.target.country == "PER"


def test_when_an_event_happens_is_not_what_it_acts_on(code: Code) -> None:
    top = _top(code("The prime minister vowed to respond at a time of his choosing."))
    assert top.target is None


def test_who_fired_the_weapons_acts(code: Code) -> None:
    top = _top(code("The missiles fired by the Chilean navy struck a depot."))
    assert top.event_type is PloverRoot.ASSAULT and top.source.country == "CHL"


def test_a_protest_noun_naming_its_crowd_is_their_protest(code: Code) -> None:
    top = _top(code("Protesters in the town burned the flag."))
    assert top.event_type is PloverRoot.PROTEST and top.source.sector == "CVL"


def test_dismissing_a_filed_complaint_is_a_rejection(code: Code) -> None:
    # Not a denial of a report: "filed by" describes the complaint, it tells no content.
    top = _top(code("The court has dismissed the complaint filed by the opposition."))
    assert top.event_type is PloverRoot.REJECT


def test_a_noun_affiliated_by_a_place_acts(code: Code) -> None:
    top = _top(code("An Ohio teacher began a hunger strike outside the courthouse."))
    assert top.event_type is PloverRoot.PROTEST and "Ohio teacher" in top.source.text


def test_a_quantity_of_people_acts_as_those_people(code: Code) -> None:
    top = _top(code("Tens of thousands of students across Chile staged demonstrations."))
    assert top.event_type is PloverRoot.PROTEST
    assert top.source.sector == "EDU" and top.source.country == "CHL"


def test_an_obligation_reported_is_the_speakers_demand(code: Code) -> None:
    top = _top(code("Peru says Chile must end the blockade of the port."))
    assert top.event_type is PloverRoot.REQUEST and top.status is EventStatus.OCCURRED
    assert top.source.name == "Peru"
    assert top.target is not None and top.target.name == "Chile"


def test_a_counted_crowd_acts_whatever_noun_names_it(code: Code) -> None:
    top = _top(code("Hundreds of relatives of the hostages rallied outside the ministry."))
    assert top.event_type is PloverRoot.PROTEST and "relatives" in top.source.text


def test_dates_and_manner_words_are_never_actors(code: Code) -> None:
    events = code("On Sunday the Nordic ministers agreed in principle to assist Latvia.")
    assert events
    for event in events:
        assert event.source.text != "Sunday"
        assert event.target is None or event.target.text not in ("principle", "Sunday")


def test_of_after_a_possessed_noun_names_the_target(code: Code) -> None:
    top = _top(code("Peru mounted its long-planned invasion of Chile."))
    assert top.source.name == "Peru"
    assert top.target is not None and top.target.name == "Chile"


def test_what_a_complaint_is_over_is_a_target(code: Code) -> None:
    events = code("Peru complained to the United Nations over two Chilean air raids.")
    assert any(
        e.event_type is PloverRoot.ACCUSE and e.target and e.target.country == "CHL" for e in events
    )
