"""How engine actors are laid over gold actors."""

from __future__ import annotations

from schemas import Actor, ActorKind
from services.evaluation.items import GoldActor
from services.evaluation.scoring import actor_matches


def test_resolved_pronoun_matches_the_gold_it_stands_for() -> None:
    pronoun = Actor(text="it", name="Taliban", country="AFG", kind=ActorKind.GROUP)
    assert actor_matches(pronoun, GoldActor("The Taliban"))


def test_unrelated_actor_does_not_match() -> None:
    other = Actor(text="they", name="Rebel fighters", kind=ActorKind.GROUP)
    assert not actor_matches(other, GoldActor("the police"))
    assert not actor_matches(None, GoldActor("the police"))


def test_a_possessor_matches_the_phrase_it_owns() -> None:
    owner = Actor(text="Brazil", name="Brazil", country="BRA", kind=ActorKind.STATE)
    assert actor_matches(owner, GoldActor("Brazil's truck drivers"))
