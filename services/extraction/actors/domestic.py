"""Domestic actors named without a country: "police", "protesters", "the government", "President
Charles Taylor" in a story filed from Monrovia.

In a news story such a phrase is of the place its clause is set in ("protesters marched in
Tbilisi") or, failing that, of the country the story is filed from ("CAIRO, May 2 - Police
fired tear gas"); a titled person the gazetteer does not know, of the country the story is
filed from only (wire style names a foreign leader with a nationality: "Mongolian Prime
Minister ..."). Which roles are domestic is data (``domestic`` in roles.yaml): troops,
envoys and embassies are often foreign, so they are never placed this way. Mentions that refer
back to another actor, or that name a country of their own, are left as they are.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from spacy.tokens import Doc, Token

from schemas.vocabulary import ActorKind
from services.extraction.actors.actor_mention import ActorMention

# Organisations have codes of their own ("UN", "NATO"); states have ISO alpha-3 codes.
_STATE_CODE_LENGTH = 3


def place_domestic(
    doc: Doc,
    mentions: Sequence[ActorMention],
    dateline_country: str | None,
    domestic_roles: frozenset[str],
) -> list[ActorMention]:
    """The mentions, domestic role phrases without a country placed by clause or dateline."""
    states = {
        m.head: m.actor.country
        for m in mentions
        if m.actor.kind is ActorKind.STATE and m.actor.country
    }
    placed = []
    for mention in mentions:
        if (
            mention.nominal
            and mention.antecedent is None
            and mention.actor.country is None
            and mention.role in domestic_roles
        ):
            country = _clause_place(doc[mention.head], states) or dateline_country
            mention = _in_country(mention, country)
        placed.append(mention)
    return placed


def place_people(
    doc: Doc,
    mentions: Sequence[ActorMention],
    dateline_country: str | None,
    domestic_roles: frozenset[str],
) -> list[ActorMention]:
    """Titled people the gazetteer does not know: of the dateline's country ("MONROVIA -
    President Charles Taylor"), else of the one country their sentence names ("President
    Ana Ruiz imposed a curfew in Lima"). Never by where the clause is set alone, since people
    travel; run before coreference, so "Taylor" and "he" follow."""
    placed = []
    for mention in mentions:
        if (
            mention.actor.kind is ActorKind.PERSON
            and not mention.nominal
            and mention.actor.country is None
            and mention.role in domestic_roles
        ):
            country = dateline_country or _sole_country(doc[mention.head], mentions)
            mention = _in_country(mention, country)
        placed.append(mention)
    return placed


def _sole_country(person: Token, mentions: Sequence[ActorMention]) -> str | None:
    """The one country a person's sentence names, by its states and the groups coded to them;
    not another person's ("Mitterand welcomed South African leader de Klerk"), nor where the
    person's own verb goes or happens ("arrived in Lima")."""
    sentence = person.sent
    countries = {
        m.actor.country
        for m in mentions
        if sentence.start <= m.start < sentence.end
        and m.actor.kind is not ActorKind.PERSON
        and not (m.actor.kind is ActorKind.STATE and _on_the_verb_of(person, person.doc[m.head]))
        and m.actor.country
        and len(m.actor.country) == _STATE_CODE_LENGTH
    }
    return countries.pop() if len(countries) == 1 else None


def _on_the_verb_of(person: Token, place: Token) -> bool:
    """ "Ruiz arrived in Lima", "flew to Lima": a place the person's own verb goes to."""
    return place.dep_ == "pobj" and place.head.head == person.head


def _in_country(mention: ActorMention, country: str | None) -> ActorMention:
    if country is None:
        return mention
    return replace(mention, actor=mention.actor.model_copy(update={"country": country}))


def _clause_place(head: Token, states: Mapping[int, str | None]) -> str | None:
    """The country of an "in <place>" phrase on the mention's verb: "protested in Tbilisi",
    "thousands of people marched in Minsk"."""
    verb = _verb_of(head)
    if verb is None:
        return None
    for preposition in verb.subtree:
        if preposition.lower_ != "in" or preposition.dep_ != "prep":
            continue
        if _verb_of(preposition) != verb:
            continue  # "in" within a clause of its own
        for place in preposition.children:
            country = states.get(place.i) if place.dep_ == "pobj" else None
            if country is not None:
                return country
    return None


def _verb_of(token: Token) -> Token | None:
    return next((t for t in token.ancestors if t.pos_ in ("VERB", "AUX")), None)
