"""The tense of a clause, as ``TimeFinder.find(..., tense=...)`` wants it.

Only the direction matters: future ("will meet", "is going to meet", "is due to meet") or
past ("met", "had met", "has met", "was held"). Anything else -- a bare present, a modal
like "would" -- is None, and the finder falls back to the nearest reading.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from services.extraction.data_files import load_yaml_mapping
from services.extraction.timex.calendar import Tense
from services.extraction.timex.vocabulary import DATA_DIR

_AUXILIARY_DEPS = frozenset({"aux", "auxpass"})
# A noun trigger takes the tense of the verb it is the subject or object of.
_ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "attr"})


@dataclass(frozen=True)
class TenseCues:
    """The words that point a clause forward or back, read from ``tense.yaml``."""

    future_auxiliaries: frozenset[str]
    future_lead_ins: frozenset[str]
    past_auxiliaries: frozenset[str]


def load_tense_cues() -> TenseCues:
    """Read the tense cues; the engine's data loader calls this once."""
    data = load_yaml_mapping(DATA_DIR / "tense.yaml")
    return TenseCues(
        frozenset(data["future_auxiliaries"]),
        frozenset(data["future_lead_ins"]),
        frozenset(data["past_auxiliaries"]),
    )


def _governing_verb(token: Token) -> Token:
    if token.pos_ in ("NOUN", "PROPN") and token.dep_ in _ARGUMENT_DEPS:
        return token.head
    return token


def clause_tense(token: Token, cues: TenseCues) -> Tense | None:
    """Which way the clause of ``token`` (a verb, or a noun trigger) points from now."""
    verb = _governing_verb(token)
    # "going to meet" / "due to meet": the tense sits on the verb that governs the infinitive.
    if verb.dep_ == "xcomp" and verb.head.lower_ in cues.future_lead_ins:
        return "future"
    auxiliaries = {child.lower_ for child in verb.children if child.dep_ in _AUXILIARY_DEPS}
    if auxiliaries & cues.future_auxiliaries:
        return "future"
    if verb.tag_ == "VBD" or auxiliaries & cues.past_auxiliaries:
        return "past"
    return None
