"""Actor phrases the parse split or hung apart: where a role phrase is written, and titles
before a name that the parse made mentions of their own."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from schemas.vocabulary import ActorKind
from services.extraction.actors.actor_mention import ActorMention

# Modifiers through which the parse hangs names before a role noun ("Kaduna State police").
MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "npadvmod"})
_PLACING_PREPOSITIONS = frozenset({"in", "from"})


def titles_lend_affiliation(mentions: list[ActorMention]) -> list[ActorMention]:
    """A phrase the parse split describes one actor: with nothing between them, a country
    before a role ("U.S." "Secretary of State") and a role before a name ("Secretary of State"
    "Warren Christopher") give the later one the country and sector it lacks."""
    result: list[ActorMention] = []
    for mention in mentions:
        before = result[-1] if result else None
        actor = mention.actor
        if before is not None and before.end == mention.start and actor.country is None:
            lent = before.actor
            titled = actor.kind is ActorKind.PERSON and before.nominal
            if lent.country is not None and (mention.nominal or titled):
                update = {"country": lent.country, "sector": actor.sector or lent.sector}
                role = mention.role or (before.role if titled else None)
                mention = replace(mention, actor=actor.model_copy(update=update), role=role)
        result.append(mention)
    return result


def written_span(
    doc: Doc, head: int, start: int, end: int, written: tuple[int, int] | None
) -> tuple[int, int]:
    """Where a role phrase is written: its own words, the names the parse hangs before it
    ("the Uttar Pradesh government") and the affiliation or place stated outside them."""
    low, high = start, end
    for token in reversed(doc[doc[head].left_edge.i : start]):
        if token.dep_ not in MODIFIER_DEPS or token.pos_ != "PROPN":
            break
        low = token.i
    if written is not None:
        low, high = min(low, written[0]), max(high, written[1])
    elif end < len(doc) and doc[end].lower_ in _PLACING_PREPOSITIONS and doc[end].head.i == head:
        # "police in Lagos": a place the gazetteer does not know still says whose they are.
        place = next((c for c in doc[end].children if c.dep_ == "pobj"), None)
        if place is not None and place.pos_ == "PROPN":
            high = place.i + 1
    return low, high
