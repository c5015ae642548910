"""The place a sentence opens with: "In Tripoli, the foreign minister said ..." is Libya's.

Wire reports gather reactions country by country, each opened by where it was given ("In
Damascus, the foreign ministry denied ..."); the capital or country there places the clause's
subject when its own words name no country. Only a subject that holds an office or names a
person is placed so (a role phrase, or a person the gazetteer does not know), and only by a
capital, a seat of government or a country: "In Geneva, the negotiators ..." stays unplaced.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Token

from schemas.vocabulary import ActorKind
from services.extraction.actors.referents import Slot

_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_PLACED_KINDS = frozenset({ActorKind.PERSON, ActorKind.ORGANISATION, ActorKind.GROUP})


def opening_setting(verb: Token) -> Token | None:
    """The object of an "In <place>," phrase opening the clause of ``verb``, if any."""
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ == "in" and _opens_clause(child, verb):
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def _opens_clause(preposition: Token, verb: Token) -> bool:
    """A fronted phrase: before the verb's subject and set off by a comma."""
    subject = next((c for c in verb.children if c.dep_ in _SUBJECT_DEPS), None)
    after = preposition.right_edge.i + 1
    comma = after < len(preposition.doc) and preposition.doc[after].text == ","
    return comma and subject is not None and preposition.i < subject.left_edge.i


def place_by_setting(doc: Doc, slot: Slot, window: list[Slot]) -> None:
    """Give an unplaced subject the country of the capital or country its clause opens with."""
    mention = slot.mention
    head = doc[mention.head]
    if mention.actor.country is not None or mention.actor.kind not in _PLACED_KINDS:
        return
    if head.dep_ not in _SUBJECT_DEPS or not (mention.nominal or head.pos_ == "PROPN"):
        return
    place = opening_setting(head.head)
    if place is None:
        return
    for other in window:
        coded = other.mention
        if coded.head == place.i and coded.actor.kind is ActorKind.STATE and coded.actor.country:
            actor = mention.actor.model_copy(update={"country": coded.actor.country})
            slot.mention = replace(mention, actor=actor)
            return
