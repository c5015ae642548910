"""Pair references: "the two sides", "both governments", "the parties", "their leaders" stand
for the two actors just named, by the rules of :mod:`coreference`.

News states an exchange between two parties and then goes on about "the two sides": who they
are is not in the phrase but in the sentences before it. The two are the nearest earlier actors
of two different countries, reading back from the phrase over its sentence and the two before,
less whoever the phrase's own clause names beside it ("China called on both sides": China is
not a side) and the places where things happen ("a conference in Dhaka").
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from services.extraction.actors.actor_mention import ActorMention
from services.extraction.actors.pronouns import plural_antecedent
from services.extraction.actors.referents import Slot

# Nouns that, made definite and plural, name the two parties of an exchange and nothing more.
_PARTY_NOUNS = frozenset({"side", "party", "country", "nation"})
# "The sides", "the parties" stand for the two parties; "the countries" may be any number.
_PARTY_NOUNS_WITH_THE = frozenset({"side", "party"})
_PAIR_WORDS = frozenset({"two", "both"})
_STATE_NOUNS = frozenset({"country", "nation"})
_INTERNATIONAL = "IGO"
_PLURAL_TAGS = frozenset({"NNS", "NNPS"})
# "A conference in Dhaka": a place where something happens is not a party to it.
_PLACING_PREPOSITIONS = frozenset({"in", "at", "near", "inside", "outside", "within", "across"})
_QUALIFYING_DEPS = frozenset({"amod", "compound", "nmod", "poss"})


def is_pair_phrase(token: Token) -> bool:
    """Whether a noun names the two parties just stated: "the two sides", "both parties"."""
    if token.tag_ not in _PLURAL_TAGS or token.lemma_.lower() not in _PARTY_NOUNS:
        return False
    words = {child.lower_ for child in token.children if child.i < token.i}
    qualified = any(
        child.dep_ in _QUALIFYING_DEPS or (child.dep_ == "prep" and child.lower_ == "of")
        for child in token.children
    )
    if qualified:
        return False  # "both sides of the border", "the two opposition parties"
    if words & _PAIR_WORDS:
        return True
    return "the" in words and token.lemma_.lower() in _PARTY_NOUNS_WITH_THE


def names_a_pair(token: Token) -> bool:
    """Whether a plural role noun is said of two parties: "the two leaders", "both ministers"."""
    words = {child.lower_ for child in token.children if child.i < token.i}
    return token.tag_ in _PLURAL_TAGS and bool(words & _PAIR_WORDS)


def resolve_pair(doc: Doc, head: Token, window: list[Slot]) -> Slot | None:
    """A new mention for "the two sides" that refers to the two actors just named, if found."""
    referents = pair_referents(doc, head, window)
    if not referents:
        return None
    first = referents[0].mention.actor
    actor = first.model_copy(update={"text": head.text})
    slot = Slot(ActorMention(head.i, head.i + 1, head.i, actor, nominal=True))
    slot.refer_to(referents)
    return slot


def pair_referents(doc: Doc, head: Token, window: list[Slot]) -> list[Slot]:
    """The two nearest earlier actors of different countries, not arguments of the phrase's own
    verb; none unless there are two."""
    verb = _governing_verb(head)
    beside = {
        root
        for slot in window
        if verb is not None and _governing_verb(doc[slot.mention.head]) == verb
        for root in slot.referents()
    }
    # "The two countries" are states: not the UN or the EU named between them.
    states_only = head.lemma_.lower() in _STATE_NOUNS
    found: list[Slot] = []
    countries: set[str] = set()
    for slot in reversed(window):
        if slot.mention.start >= head.i:
            continue
        for root in slot.referents():
            country = root.mention.actor.country
            if root in beside or country is None or country in countries or _placed(doc, slot):
                continue
            if states_only and root.mention.actor.sector == _INTERNATIONAL:
                continue
            found.append(root)
            countries.add(country)
    # In the order they were named, so "both sides" reads as "India and Pakistan".
    return sorted(found[:2], key=lambda root: root.mention.start) if len(found) >= 2 else []


def their_referents(doc: Doc, head: Token, window: list[Slot]) -> list[Slot]:
    """ "Their governments", "their leaders": the actors "their" stands for, when they are two
    or more of different countries."""
    if head.tag_ not in _PLURAL_TAGS or not any(c.lower_ == "their" for c in head.children):
        return []
    roots = [root for slot in plural_antecedent(doc, window) for root in slot.referents()]
    countries = {root.mention.actor.country for root in roots}
    distinct = len(roots) > 1 and None not in countries and len(countries) == len(roots)
    return roots if distinct else []


def _placed(doc: Doc, slot: Slot) -> bool:
    head = doc[slot.mention.head]
    return head.dep_ == "pobj" and head.head.lower_ in _PLACING_PREPOSITIONS


def _governing_verb(token: Token) -> Token | None:
    """The nearest verb above a noun, through prepositions ("called on both sides")."""
    current = token
    while current.head.i != current.i:
        current = current.head
        if current.pos_ in ("VERB", "AUX"):
            return current
    return None
