"""One event per real event across the article: mentions of one meeting in several sentences,
by other names of the same countries, merge; background events and a visit's own talks do not."""

from __future__ import annotations

from collections.abc import Callable

from schemas import Actor, ActorKind, DiplomaticEvent, PloverRoot
from services.extraction import ExtractionEngine
from services.extraction.actors import ActorMention
from services.extraction.events.dyads import one_per_referent
from services.extraction.events.roles import Arguments

KIND = ActorKind.PERSON

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


def test_two_sides_agreeing_on_what_their_officials_will_do_is_one_agreement(code: Code) -> None:
    events = code("Peru and Chile agreed that Peruvian diplomats and Chilean officials would meet.")
    [agreement] = [event for event in events if event.event_type is PloverRoot.AGREE]
    assert agreement.reciprocal
    assert {agreement.source.country, agreement.target and agreement.target.country} == {
        "PER",
        "CHL",
    }


def test_a_title_and_the_name_beside_it_are_one_actor(engine: ExtractionEngine) -> None:
    doc = engine.nlp("Chile's envoy, Ana Ruiz, met Peruvian officials.")
    envoy = next(token for token in doc if token.text == "envoy")
    ruiz = next(token for token in doc if token.text == "Ruiz")
    title = ActorMention(1, 2, envoy.i, Actor(text="envoy", name="envoy", country="CHL", kind=KIND))
    name = ActorMention(6, 8, ruiz.i, Actor(text="Ana Ruiz", name="Ana Ruiz", kind=KIND))
    arguments = one_per_referent(doc, Arguments(sources=(title, name), targets=(), path="subject"))
    assert arguments.sources == (title,)


def test_two_countries_named_side_by_side_stay_two_sides(code: Code) -> None:
    [talks] = _consults(code("Peru-Chile talks were held in Lima on Monday."))
    assert {talks.source.country, talks.target and talks.target.country} == {"PER", "CHL"}
