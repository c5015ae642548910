"""Fixtures of the trigger lexicon tests: one lexicon and one matcher for the session."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.language import Language

from services.extraction.data_loader import EngineData
from services.extraction.triggers import TriggerLexicon, TriggerMatch, TriggerMatcher, best_trigger


@pytest.fixture(scope="session")
def lexicon(engine_data: EngineData) -> TriggerLexicon:
    return engine_data.triggers


@pytest.fixture(scope="session")
def matcher(lexicon: TriggerLexicon, nlp: Language) -> TriggerMatcher:
    return lexicon.matcher(nlp.vocab)


@pytest.fixture(scope="session")
def best(
    nlp: Language, matcher: TriggerMatcher, engine_data: EngineData
) -> Callable[[str], TriggerMatch | None]:
    """The chosen trigger of a one-sentence text."""

    def choose(text: str) -> TriggerMatch | None:
        doc = nlp(text)
        return best_trigger(doc, matcher.find(doc), engine_data.modality)

    return choose
