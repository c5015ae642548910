"""A source for the sentence's own event when no actor the gazetteer knows performs it.

The parse often names who acts without the gazetteer knowing it ("Haaretz conducted an
investigation", "protesters blocked the road"): a subject phrase headed by a role noun or a
proper noun is then the source, coded by what its words say. A trigger without such a subject
lends the event to the first actor its sentence names, unless that actor only reports it.
"""

from __future__ import annotations

from spacy.tokens import Token

from schemas import Actor, ActorKind
from services.extraction.actor_index import ActorIndex
from services.extraction.actors import ActorMention
from services.extraction.cues import Cues
from services.extraction.roles import OBJECT_DEPS, SUBJECT_DEPS, subject_of

# What an unknown named entity is, by its spaCy label.
_ENTITY_KINDS = {
    "PERSON": ActorKind.PERSON,
    "GPE": ActorKind.STATE,
    "ORG": ActorKind.ORGANISATION,
    "NORP": ActorKind.GROUP,
}
_LEADING_DROPS = frozenset({"DET", "PUNCT"})


def fallback_source(
    head: Token, nominal: bool, actors: ActorIndex, cues: Cues
) -> ActorMention | None:
    """The subject phrase of the trigger's clause, else the first actor of its sentence that
    does not only report it ("..., he said"); None when neither names anyone."""
    verb = head.head if nominal and head.dep_ in OBJECT_DEPS else head
    subject, _ = subject_of(verb)
    if subject is not None:
        named = actors.in_phrase(subject)
        if named:
            return named[0]
        return actor_phrase(subject, actors)
    sentence = head.sent
    inside = [
        mention
        for mention in actors.mentions
        if sentence.start <= mention.start < sentence.end
        and not _reports(sentence.doc[mention.head], cues)
    ]
    return inside[0] if inside else None


def _reports(noun: Token, cues: Cues) -> bool:
    return noun.dep_ in SUBJECT_DEPS and cues.is_reporting(noun.head)


def actor_phrase(noun: Token, actors: ActorIndex) -> ActorMention | None:
    """The role phrase headed by ``noun`` ("local police"), or a proper noun phrase as an actor
    of unknown country; None for any other noun ("a weaker yen")."""
    if noun.i in actors.vague:
        return actors.vague[noun.i]
    if noun.pos_ != "PROPN":
        return None
    start = noun.left_edge.i
    while start < noun.i and noun.doc[start].pos_ in _LEADING_DROPS:
        start += 1
    name = noun.doc[start : noun.i + 1].text
    kind = _ENTITY_KINDS.get(noun.ent_type_, ActorKind.GROUP)
    actor = Actor(text=noun.doc[noun.left_edge.i : noun.i + 1].text, name=name, kind=kind)
    return ActorMention(noun.left_edge.i, noun.i + 1, noun.i, actor, nominal=True)
