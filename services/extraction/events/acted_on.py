"""Whom an event acts on when its object names no actor: who did the thing it acts on, or
whom the verb it is the purpose of addresses."""

from __future__ import annotations

from spacy.tokens import Token

from services.extraction.actors import ActorMention
from services.extraction.actors.index import ActorIndex
from services.extraction.parse_paths import prepositional_objects


def purpose_addressees(verb: Token, actors: ActorIndex) -> list[ActorMention]:
    """Whom a purpose clause is addressed to: the object of the verb it is the purpose of
    ("summoned the ambassador to protest", "invited the envoy to explain the raid")."""
    purpose = verb.dep_ in ("xcomp", "advcl") and any(
        child.dep_ == "aux" and child.lower_ == "to" for child in verb.children
    )
    if not purpose:
        return []
    return [
        mention
        for child in verb.head.children
        if child.dep_ == "dobj"
        for mention in actors.in_phrase(child)
    ]


def doers_of(thing: Token, actors: ActorIndex) -> list[ActorMention]:
    """Who did a thing, by the agent of a participle describing it or what it is "of":
    "condemned the sentences handed down by Cuban courts" acts on the courts, "rejected a list
    of demands put forward by its neighbours" on the neighbours, "the missiles fired by the
    army struck" are the army's."""
    things = [thing, *prepositional_objects(thing, {"of"})]
    return [
        mention
        for described in things
        for clause in described.children
        if clause.dep_ == "acl" and clause.tag_ == "VBN"
        for agent in clause.children
        if agent.dep_ == "agent"
        for mention in actors.objects_of(agent)
    ]
