"""Fixtures of the actor tests: the shipped gazetteer, and a helper that codes a sentence."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.language import Language

from services.extraction.actors import ActorGazetteer, ActorMention, find_actor_mentions

Find = Callable[[str], list[ActorMention]]


@pytest.fixture(scope="session")
def gazetteer() -> ActorGazetteer:
    return ActorGazetteer.load()


@pytest.fixture(scope="session")
def find(nlp: Language, gazetteer: ActorGazetteer) -> Find:
    def run(text: str) -> list[ActorMention]:
        return find_actor_mentions(nlp(text), gazetteer)

    return run


def by_text(mentions: list[ActorMention], text: str) -> ActorMention:
    """The one mention written exactly ``text``."""
    found = [m for m in mentions if m.actor.text == text]
    assert len(found) == 1, [m.actor.text for m in mentions]
    return found[0]
