"""Actor phrases the parse split or hung apart: where a role phrase is written, and titles
before a name that the parse made mentions of their own."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from spacy.tokens import Doc

from schemas.vocabulary import ActorKind
from services.extraction.actors.actor_mention import ActorMention

# Modifiers through which the parse hangs names before a role noun ("Kaduna State police").
MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "npadvmod"})
_PLACING_PREPOSITIONS = frozenset({"in", "from"})
# "His Excellency", "Her Majesty": a possessive that is part of the honorific after it.
_OWNING_HONORIFIC = frozenset({"his", "her"})


def titles_lend_affiliation(
    doc: Doc, mentions: list[ActorMention], is_honorific: Callable[[str], bool]
) -> list[ActorMention]:
    """A phrase the parse split describes one actor. A title just before a name ("Secretary of
    State" "Colin Powell", "Vice Premier" "His Excellency Mr" "Zhang Wei") is one mention with
    it, the name's coding completed by the title's country, sector and role; with nothing
    between them, a country before a role ("U.S." "Secretary of State") gives the role the
    country and sector it lacks."""
    result: list[ActorMention] = []
    for mention in mentions:
        before = result[-1] if result else None
        if before is not None and _titles(doc, before, mention, is_honorific):
            result[-1] = _titled(doc, before, mention)
            continue
        actor = mention.actor
        if before is not None and before.end == mention.start and actor.country is None:
            lent = before.actor
            if lent.country is not None and mention.nominal:
                update = {"country": lent.country, "sector": actor.sector or lent.sector}
                mention = replace(mention, actor=actor.model_copy(update=update))
        result.append(mention)
    return result


def _titles(
    doc: Doc, title: ActorMention, name: ActorMention, is_honorific: Callable[[str], bool]
) -> bool:
    """Whether a one-person role phrase is the title of the name right after it, with at most
    honorifics between ("His Excellency", "Mr")."""
    if not title.nominal or title.actor.kind is not ActorKind.PERSON:
        return False
    if name.nominal or name.actor.kind is not ActorKind.PERSON or title.end > name.start:
        return False
    gap = doc[title.end : name.start]
    return all(
        is_honorific(token.text) or (token.lower_ in _OWNING_HONORIFIC and token.i + 1 < name.start)
        for token in gap
    )


def _titled(doc: Doc, title: ActorMention, name: ActorMention) -> ActorMention:
    """The name coded with what its title adds: "Secretary of State Colin Powell". The country
    the title states wins over one a name the gazetteer does not know took from the words
    after it ("Chinese Vice Premier Zhang Wei in Seoul")."""
    actor, lent = name.actor, title.actor
    update = {
        "text": doc[title.start : name.end].text,
        "country": lent.country or actor.country,
        "sector": actor.sector or lent.sector,
    }
    return replace(
        name,
        start=title.start,
        actor=actor.model_copy(update=update),
        role=name.role or title.role,
    )


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
