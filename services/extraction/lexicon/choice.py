"""Chooses the one trigger that types a sentence's event."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from schemas import PloverRoot
from services.extraction.lexicon.matcher import TriggerMatch

# Dependencies of an infinitive of purpose under its verb ("called ... to apologize").
PURPOSE_DEPS = ("xcomp", "advcl")


def best_trigger(sentence: Doc | Span, matches: Sequence[TriggerMatch]) -> TriggerMatch | None:
    """The trigger nearest the root of the sentence's main clause.

    A verb that governs another trigger decides the event ("refused to meet" is a refusal, "urged
    them to attack" a request), so the shallowest head wins. Ties go to the longer, then the more
    specific match, then the earlier one. One exception: a consultation made for a purpose
    ("called him to congratulate him") is coded by its purpose, as PLOVER codes a summoned envoy
    by the complaint. Negation is ignored here: modality.recode_for_modality handles it.
    """
    span = sentence[:] if isinstance(sentence, Doc) else sentence
    inside = [match for match in matches if span.start <= match.head < span.end]
    if not inside:
        return None
    doc = span.doc
    chosen = min(
        inside,
        key=lambda match: (
            _depth(doc[match.head]),
            match.start - match.end,
            -len(match.code.code),
            match.start,
        ),
    )
    if chosen.code.plover_root is PloverRoot.CONSULT:
        purposes = [match for match in inside if _is_purpose_of(doc[match.head], chosen.head)]
        if purposes:
            return purposes[0]
    return chosen


def _is_purpose_of(token: Token, head: int) -> bool:
    return (
        token.dep_ in PURPOSE_DEPS
        and token.head.i == head
        and any(child.lower_ == "to" for child in token.children)
    )


def _depth(token: Token) -> int:
    # spaCy makes a new Token object on each access, so compare indices, not identities.
    depth = 0
    while token.head.i != token.i:
        token = token.head
        depth += 1
    return depth
