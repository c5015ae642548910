"""Chooses the one trigger that types a sentence's event."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from schemas import PloverRoot
from services.extraction.triggers.matcher import TriggerMatch
from services.extraction.triggers.modality import (
    ModalityRules,
    decision_governor,
    recode_for_modality,
)

# A bare commitment ("agreed to", "is willing to") is coded by what is promised, when that is a
# trigger: "is ready to withdraw" is intent to de-escalate, "is prepared to use force" a threat.
GENERIC_COMMITMENT = "030"
# Sending or giving is coded by its purpose when that is a trigger ("sent experts to investigate").
GENERIC_AID = "070"
# Dependencies of an infinitive of purpose under its verb ("called ... to apologize").
PURPOSE_DEPS = ("xcomp", "advcl")


def best_trigger(
    sentence: Doc | Span, matches: Sequence[TriggerMatch], modality: ModalityRules
) -> TriggerMatch | None:
    """The trigger nearest the root of the sentence's main clause.

    A verb that governs another trigger decides the event ("refused to meet" is a refusal, "urged
    them to attack" a request), so the shallowest head wins. Ties go to the longer, then the more
    specific match, then the earlier one. One exception: a consultation made for a purpose
    ("called him to congratulate him") is coded by its purpose, as PLOVER codes a summoned envoy
    by the complaint; and a bare commitment is coded by what is promised (see GENERIC_COMMITMENT),
    a conflictual act it decides as that act.
    Negation is ignored here: pass the result to modality.recode_for_modality for that.
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
    if chosen.code.plover_root is PloverRoot.CONSULT or chosen.code.code == GENERIC_AID:
        purposes = [match for match in inside if _is_purpose_of(doc[match.head], chosen.head)]
        if purposes:
            return purposes[0]
    if chosen.code.code == GENERIC_COMMITMENT:
        promised = [match for match in inside if _is_complement_of(doc[match.head], chosen.head)]
        if promised and decision_governor(doc, promised[0], modality) is not None:
            return promised[0]
        if promised:
            recoded = recode_for_modality(doc, promised[0], modality)
            if recoded.code != promised[0].code:
                return recoded
    return chosen


def _is_complement_of(token: Token, head: int) -> bool:
    # "agreed to withdraw": "withdraw" hangs from "agreed"; in "is willing to withdraw" it hangs
    # from "willing", whose head is the trigger "is".
    governor = token.head
    return token.dep_ == "xcomp" and (
        governor.i == head or (governor.head.i == head and governor.dep_ == "acomp")
    )


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
