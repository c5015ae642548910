"""Fixtures of the actor tests: the shipped gazetteer and its matcher, as the engine's data
loader reads them, and a helper that codes a sentence."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.language import Language

from services.extraction.actors import (
    ActorGazetteer,
    ActorMatcher,
    ActorMention,
    find_actor_mentions,
)
from services.extraction.data_loader import EngineData

Find = Callable[[str], list[ActorMention]]


@pytest.fixture(scope="session")
def gazetteer(engine_data: EngineData) -> ActorGazetteer:
    return engine_data.actors


@pytest.fixture(scope="session")
def matcher(nlp: Language, gazetteer: ActorGazetteer) -> ActorMatcher:
    return ActorMatcher(gazetteer, nlp.vocab)


@pytest.fixture(scope="session")
def find(nlp: Language, matcher: ActorMatcher) -> Find:
    def run(text: str) -> list[ActorMention]:
        return find_actor_mentions(nlp(text), matcher)

    return run


def by_text(mentions: list[ActorMention], text: str) -> ActorMention:
    """The one mention written exactly ``text``."""
    found = [m for m in mentions if m.actor.text == text]
    assert len(found) == 1, [m.actor.text for m in mentions]
    return found[0]
