"""Chooses the one trigger that types a sentence's event."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from services.extraction.lexicon.matcher import TriggerMatch


def best_trigger(sentence: Doc | Span, matches: Sequence[TriggerMatch]) -> TriggerMatch | None:
    """The trigger nearest the root of the sentence's main clause.

    A verb that governs another trigger decides the event ("refused to meet" is a refusal, "urged
    them to attack" a request), so the shallowest head wins. Ties go to the longer, then the more
    specific match, then the earlier one. Negation is ignored here: it changes the status of the
    event, not its type.
    """
    span = sentence[:] if isinstance(sentence, Doc) else sentence
    inside = [match for match in matches if span.start <= match.head < span.end]
    if not inside:
        return None
    doc = span.doc
    return min(
        inside,
        key=lambda match: (
            _depth(doc[match.head]),
            match.start - match.end,
            -len(match.code.code),
            match.start,
        ),
    )


def _depth(token: Token) -> int:
    # spaCy makes a new Token object on each access, so compare indices, not identities.
    depth = 0
    while token.head.i != token.i:
        token = token.head
        depth += 1
    return depth
