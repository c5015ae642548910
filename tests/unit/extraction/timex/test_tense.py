"""Reading the tense of a trigger's clause off the parse."""

from __future__ import annotations

import pytest
from spacy.language import Language

from services.extraction.timex import Tense, clause_tense
from services.extraction.timex.tense import load_tense_cues


@pytest.mark.parametrize(
    ("text", "word", "tense"),
    [
        ("The envoys will meet on Friday.", "meet", "future"),
        ("The envoys are going to meet on Friday.", "meet", "future"),
        ("The envoys met on Friday.", "met", "past"),
        ("The envoys have met twice.", "met", "past"),
        ("The talks were held on Friday.", "talks", "past"),
        ("The envoys would prefer a delay.", "prefer", None),
        ("The envoys meet every week.", "meet", None),
    ],
)
def test_clause_tense(nlp: Language, text: str, word: str, tense: Tense | None) -> None:
    doc = nlp(text)
    token = next(token for token in doc if token.text == word)
    assert clause_tense(token, load_tense_cues()) == tense
