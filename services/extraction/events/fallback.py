"""Stand-ins for the actors of an event when the parse finds none the gazetteer knows.

The parse often names who acts without the gazetteer knowing it ("Haaretz conducted an
investigation", "protesters blocked the road"): a subject phrase headed by a role noun, a
proper noun or a noun a place affiliates is then the source of the sentence's own event, coded
by what its words say; without one, the first actor its sentence names that does not only
report it. Likewise the target is an actor among the trigger's objects, else the thing it acts
on ("condemned the attacks"): what PLOVER codes as the target when no one is named.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from spacy.tokens import Doc, Token

from schemas import Actor, ActorKind
from services.extraction.actors import ActorMention
from services.extraction.actors.index import ActorIndex
from services.extraction.actors.setting import opening_setting
from services.extraction.events.acted_on import doers_of
from services.extraction.events.roles import (
    OBJECT_DEPS,
    PASSIVE_SUBJECT_DEPS,
    SUBJECT_DEPS,
    TARGET_PREPOSITIONS,
    subject_of,
)
from services.extraction.parse_paths import prepositional_objects
from services.extraction.sentences.dateline import dateline_end
from services.extraction.status.cues import Cues

# What an unknown named entity is, by its spaCy label.
_ENTITY_KINDS = {
    "PERSON": ActorKind.PERSON,
    "GPE": ActorKind.STATE,
    "ORG": ActorKind.ORGANISATION,
    "NORP": ActorKind.GROUP,
}
_LEADING_DROPS = frozenset({"DET", "PUNCT"})
# Modifiers through which a place or organisation affiliates a common noun ("Kansas woman").
_AFFILIATING_DEPS = frozenset({"compound", "amod", "nmod", "poss"})
# Entity labels of words that say when or how much, never who.
_NOT_ACTORS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})
# Prepositions whose object an event acts on ("sanctions on", "an inquiry into", "withdrew from").
_TARGET_PREPOSITIONS = TARGET_PREPOSITIONS | {"of", "in", "from"}
# A preposition that says where or when ("respond at a time of his choosing"): its object may
# be an actor, never the thing acted on. ("in" stays: "a curfew in the town" acts on the town.)
_SETTING_PREPOSITIONS = frozenset({"at"})
# Prepositions of a place an event happens in, whose object is no stand-in for who acts.
_WHERE_PREPOSITIONS = frozenset({"in", "at"})
# Clauses whose objects are what a trigger acts on: "agreed to open", "is willing to provide".
_CLAUSE_DEPS = frozenset({"xcomp", "acomp"})


def fallback_source(
    head: Token, nominal: bool, actors: ActorIndex, cues: Cues, targets: Sequence[ActorMention]
) -> ActorMention | None:
    """The subject phrase of the trigger's clause; for a passive without agent, the country
    it happens in ("was arrested in Rwanda"); else the first actor of its sentence that is
    neither a target nor only reports it ("..., he said"); None when none names anyone."""
    if nominal and head.i in actors.vague:
        return actors.vague[head.i]  # "protesters burned the flag": the protest is theirs
    verb = head.head if nominal and head.dep_ in OBJECT_DEPS else head
    subject, _ = subject_of(verb)
    sentence = head.sent
    if subject is not None:
        # "the missiles fired by the army struck": who fired them acts.
        agents = doers_of(subject, actors)
        if agents:
            return agents[0]
    if any(child.dep_ in PASSIVE_SUBJECT_DEPS for child in verb.children):
        places = [
            mention
            for pobj in prepositional_objects(verb, {"in"})
            for mention in actors.first_within(pobj)
            if mention.actor.kind is ActorKind.STATE
        ]
        if places:
            return places[0]
    if subject is not None and subject.pos_ == "PRON":
        subject = _speaker_of(subject) or subject
    if subject is not None and subject.i >= dateline_end(sentence):
        named = actors.in_phrase(subject)
        if named:
            return named[0]
        found = actor_phrase(subject, actors) or _members_of(subject, actors)
        if found is not None or subject.pos_ != "PRON":
            return found
    inside = [
        mention
        for mention in actors.starting_within(sentence.start, sentence.end)
        if not _reports(sentence.doc[mention.head], head, cues)
        and not _where(mention, sentence.doc)
        and all(mention.actor != target.actor for target in targets)
    ]
    return inside[0] if inside else None


def _where(mention: ActorMention, doc: Doc) -> bool:
    """Whether a city is named only as where something is: "their summit in Hanoi", "talks
    at Geneva" say where the leaders met, not that Vietnam or Switzerland acted. (A country
    after "in" more often stands for its government: "protests in Iran".)"""
    place = doc[mention.head]
    return (
        mention.actor.kind is ActorKind.STATE
        and mention.actor.text != mention.actor.name
        and place.dep_ == "pobj"
        and place.head.lower_ in _WHERE_PREPOSITIONS
    )


def _members_of(noun: Token, actors: ActorIndex) -> ActorMention | None:
    """The people a quantity counts ("thousands of students", "hundreds of relatives"): a
    counted crowd acts, whatever noun names it."""
    for pobj in prepositional_objects(noun, {"of"}):
        if pobj.tag_ in ("NNS", "NNPS"):
            return actor_phrase(pobj, actors, common=True)
    return None


def _speaker_of(pronoun: Token) -> Token | None:
    """Who a pronoun subject of reported speech stands for: "the group said it will release
    them" is the group's own promise."""
    clause = pronoun.head
    if clause.dep_ != "ccomp":
        return None
    return next((c for c in clause.head.children if c.dep_ in SUBJECT_DEPS), None)


def _reports(noun: Token, trigger: Token, cues: Cues) -> bool:
    """Whether an actor only reports the trigger's event: the subject of a reporting verb,
    unless the event is that verb's own object ("she announced a package of aid")."""
    verb = noun.head
    if noun.dep_ not in SUBJECT_DEPS or not cues.is_reporting(verb):
        return False
    objects = (child for child in verb.children if child.dep_ == "dobj")
    return not any(child.left_edge.i <= trigger.i <= child.right_edge.i for child in objects)


def fallback_target(
    head: Token,
    span: tuple[int, int],
    actors: ActorIndex,
    sources: Sequence[ActorMention],
    things: bool,
) -> ActorMention | None:
    """What the trigger acts on when the parse gives no actor target: the first actor among its
    objects and prepositional objects ("provided aid to the Palestinians", "condemned a U.S.
    court decision" targets the US); with ``things``, failing an actor, the first thing acted on
    ("condemned the attacks"). Dates and amounts are never targets."""
    taken = {index for source in sources for index in range(source.start, source.end)}
    # "In Tripoli, the minister welcomed ...": where the reaction was given, not its target.
    setting = opening_setting(head)
    phrases = [
        phrase
        for phrase in _object_phrases(head, span)
        if phrase.i not in taken
        and phrase != setting
        and phrase.pos_ in ("NOUN", "PROPN")
        and phrase.ent_type_ not in _NOT_ACTORS
    ]
    # What the source owns ("withdraw its troops from Lebanon") is rarely whom it acts on.
    others = [phrase for phrase in phrases if not owned_by_pronoun(phrase)]
    for phrase in others:
        named = [m for m in actors.first_within(phrase) if m.start not in taken]
        if named:
            return named[0]
    for phrase in others:
        found = actor_phrase(phrase, actors)
        if found is not None:
            return found
    # The trigger's own object is part of what it says ("lifted the ban"), not what it acts on.
    acted_on = [
        phrase
        for phrase in [*others, *(p for p in phrases if p not in others)]
        if phrase.head.lower_ not in _SETTING_PREPOSITIONS
        and not span[0] <= phrase.i < span[1]
        and not _manner(phrase)
    ]
    if things and acted_on:
        return actor_phrase(acted_on[0], actors, common=True)
    return None


def _manner(noun: Token) -> bool:
    """A bare noun after "in" says how, not what: "agreed in principle", "in response"."""
    bare = not any(child.dep_ in ("det", "poss", "amod", "compound") for child in noun.children)
    return noun.head.lower_ == "in" and noun.pos_ == "NOUN" and noun.tag_ == "NN" and bare


def owned_by_pronoun(noun: Token) -> bool:
    """Whether a noun has a pronoun possessor ("its troops", "their demands")."""
    return any(child.dep_ == "poss" and child.pos_ == "PRON" for child in noun.children)


def _object_phrases(head: Token, span: tuple[int, int]) -> Iterator[Token]:
    """Objects of the trigger in the order they name a target: direct objects (an object
    inside the trigger's own words after what it is "on", "from" or "against"), the subject or
    object of a small clause in the trigger ("found the minister guilty"), then prepositional
    objects, then the objects of a "to" clause ("agreed to open its borders")."""
    start, end = span
    yield from (child for child in head.children if child.dep_ in PASSIVE_SUBJECT_DEPS)
    for child in head.children:
        if child.dep_ in OBJECT_DEPS:
            if start <= child.i < end:
                yield from _prepositional_objects(child)
                for clause in child.children:
                    if clause.dep_ == "acl":
                        yield from _prepositional_objects(clause)
            yield child
        elif child.dep_ in ("ccomp", "xcomp") and start <= child.i < end:
            # "found the minister guilty", "let free the prisoners"
            yield from (c for c in child.children if c.dep_ in SUBJECT_DEPS or c.dep_ == "dobj")
    yield from _prepositional_objects(head)
    clauses = [c for c in head.children if c.dep_ in _CLAUSE_DEPS]
    clauses += [g for c in clauses for g in c.children if g.dep_ in _CLAUSE_DEPS]
    for clause in clauses:
        yield from (c for c in clause.children if c.dep_ in OBJECT_DEPS)
        yield from _prepositional_objects(clause)


def _prepositional_objects(token: Token) -> Iterator[Token]:
    return prepositional_objects(token, _TARGET_PREPOSITIONS, ("prep", "dative"))


def actor_phrase(noun: Token, actors: ActorIndex, common: bool = False) -> ActorMention | None:
    """The role phrase headed by ``noun`` ("local police"), or a proper noun phrase, or a
    noun phrase affiliated by the name of a place or organisation ("US Jewish organisations",
    "a Kansas woman"), as an actor of unknown country; any noun phrase when ``common`` (what
    an event acts on need not be an actor); None otherwise ("a weaker yen" does not act)."""
    if noun.i in actors.vague:
        return actors.vague[noun.i]
    if noun.ent_type_ in _NOT_ACTORS:
        return None  # "on Saturday", "70 million dollars"
    # An acronym the tagger takes for a common noun ("ICE returned ...") is a name.
    proper = noun.pos_ == "PROPN" or (noun.is_upper and len(noun) > 1 and noun.is_alpha)
    affiliated = any(
        child.dep_ in _AFFILIATING_DEPS and child.ent_type_ in ("GPE", "ORG")
        for child in noun.children
    )
    if not (proper or affiliated) and not (common and noun.pos_ == "NOUN"):
        return None
    start = noun.left_edge.i
    while start < noun.i and noun.doc[start].pos_ in _LEADING_DROPS:
        start += 1
    name = noun.doc[start : noun.i + 1].text
    kind = _ENTITY_KINDS.get(noun.ent_type_, ActorKind.GROUP)
    actor = Actor(text=noun.doc[noun.left_edge.i : noun.i + 1].text, name=name, kind=kind)
    return ActorMention(noun.left_edge.i, noun.i + 1, noun.i, actor, nominal=True)


def names_someone(mention: ActorMention, doc: Doc) -> bool:
    """Whether an actor mention says who acts: a country or organisation code, or a proper name
    outside the dateline ("Robertson", "the FBI"); "the cabinet", "leaders", "he" do not."""
    if mention.actor.country:
        return True
    head = doc[mention.head]
    return head.pos_ == "PROPN" and not mention.nominal and mention.start >= dateline_end(head.sent)
