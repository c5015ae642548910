"""Pronouns: whom "he", "they", "it" and "its" stand for, by the rules of :mod:`coreference`."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Token

from schemas.vocabulary import ActorKind
from services.extraction.actors.actor_mention import ActorMention
from services.extraction.actors.referents import Slot

_SINGULAR_PRONOUNS = frozenset({"he", "him", "she", "her"})
_PLURAL_PRONOUNS = frozenset({"they", "them"})
PRONOUNS = _SINGULAR_PRONOUNS | _PLURAL_PRONOUNS | {"it"}
_OBJECT_DEPS = frozenset({"dobj", "dative", "pobj", "iobj"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_PEOPLE = frozenset({ActorKind.PERSON})
_INSTITUTIONS = frozenset({ActorKind.ORGANISATION, ActorKind.STATE})
# "It seems", "it remains to be seen": "it" stands for no one.
_EXPLETIVE_VERBS = frozenset({"seem", "appear", "remain", "take", "matter"})
_CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "csubj", "advcl"})


def affiliate_by_possessive(doc: Doc, slot: Slot, window: list[Slot]) -> None:
    """ "Russia will withdraw its troops", "Putin and his spokesman": the owner's country."""
    mention = slot.mention
    if not mention.nominal or mention.actor.country is not None:
        return
    owner = next((c for c in doc[mention.head].children if c.tag_ == "PRP$"), None)
    referents = _pronoun_referents(doc, owner, window) if owner is not None else []
    countries = {root.mention.actor.country for r in referents for root in r.referents()}
    if len(countries) == 1 and None not in countries:
        actor = mention.actor.model_copy(update={"country": countries.pop()})
        slot.mention = replace(mention, actor=actor)


def resolve_pronoun(doc: Doc, pronoun: Token, window: list[Slot]) -> Slot | None:
    """A new mention for a pronoun that refers to actors of ``window``; None if none fits."""
    if pronoun.tag_ == "PRP$":
        return None
    referents = _pronoun_referents(doc, pronoun, window)
    if not referents:
        return None
    actor = referents[0].mention.actor.model_copy(update={"text": pronoun.text})
    slot = Slot(ActorMention(pronoun.i, pronoun.i + 1, pronoun.i, actor))
    slot.refer_to(referents)
    return slot


def _pronoun_referents(doc: Doc, pronoun: Token, window: list[Slot]) -> list[Slot]:
    word = pronoun.lower_
    if word in _PLURAL_PRONOUNS or word == "their":
        return plural_antecedent(doc, window)
    if word in ("it", "its"):
        return _institution_antecedent(doc, pronoun, window)
    if word in _SINGULAR_PRONOUNS or word == "his":
        return _singular_antecedent(doc, pronoun, window, _PEOPLE)
    return []


def _institution_antecedent(doc: Doc, pronoun: Token, window: list[Slot]) -> list[Slot]:
    """ "The ministry said it would respond": only a subject of the same sentence, since "it"
    far more often stands for a thing than for a state or an organisation."""
    if _is_expletive(pronoun):
        return []
    same_sentence = [s for s in window if s.mention.start >= pronoun.sent.start]
    found = _singular_antecedent(doc, pronoun, same_sentence, _INSTITUTIONS)
    return [s for s in found if doc[s.mention.head].dep_ in _SUBJECT_DEPS]


def _is_expletive(pronoun: Token) -> bool:
    """ "It seems", "it is unclear whether ...": an "it" that stands for no one."""
    verb = pronoun.head
    if pronoun.dep_ == "expl" or verb.lemma_ in _EXPLETIVE_VERBS:
        return True
    if verb.lemma_ != "be":
        return False
    complements = [verb, *(c for c in verb.children if c.dep_ in ("acomp", "attr"))]
    return any(c.dep_ in _CLAUSE_DEPS for word in complements for c in word.children)


def _singular_antecedent(
    doc: Doc, pronoun: Token, window: list[Slot], kinds: frozenset[ActorKind]
) -> list[Slot]:
    candidates = [
        s
        for s in reversed(window)
        if len(s.referents()) == 1 and s.referents()[0].mention.actor.kind in kinds
    ]
    if pronoun.dep_ in _OBJECT_DEPS:
        # "Putin relies on him": the verb of a prepositional object is the preposition's head.
        verb = pronoun.head.head if pronoun.dep_ == "pobj" else pronoun.head
        subject = {s.referents()[0] for s in candidates if _subject_of(doc, s, verb)}
        candidates = [s for s in candidates if s.referents()[0] not in subject]
    subjects = [s for s in candidates if doc[s.mention.head].dep_ in _SUBJECT_DEPS]
    chosen = subjects or candidates
    return chosen[:1]


def plural_antecedent(doc: Doc, window: list[Slot]) -> list[Slot]:
    by_head = {s.mention.head: s for s in window}
    for slot in reversed(window):
        if len(slot.referents()) > 1:
            return [slot]
        head = doc[slot.mention.head]
        partner = by_head.get(head.head.i) if head.dep_ == "conj" else None
        if partner is not None:
            return [partner, slot]
        if slot.mention.actor.kind is ActorKind.GROUP and slot.mention.nominal:
            return [slot]
    return []


def _subject_of(doc: Doc, slot: Slot, verb: Token) -> bool:
    head = doc[slot.mention.head]
    return head.head.i == verb.i and head.dep_ in _SUBJECT_DEPS
