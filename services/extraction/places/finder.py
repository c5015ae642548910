"""Find the places a parsed article names and resolve each to a ``Location``."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from schemas import Location
from services.extraction.places.disambiguation import (
    PlaceContext,
    choose,
    evident_country,
    evident_us_state,
)
from services.extraction.places.gazetteer import Candidate, PlaceGazetteer, read_word_list

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Organisations are never places, with one exception: a landmark the text puts something
# at ("met at the Kremlin"); "the Kremlin said" stays an actor.
_LANDMARK_LABELS = frozenset({"ORG"})
# The tagger sometimes calls a town a nationality ("in Samarra" as NORP); after a locative
# preposition or in "the town of ...", a NORP that is no demonym but a known place is taken
# as that place. Elsewhere it stays a group of people ("rights of Roma" is not Rome).
_MISTAGGED_PLACE_LABELS = frozenset({"NORP"})
_CONTEXT_LABELS = frozenset({"GPE", "LOC", "FAC", "NORP"})


@dataclass(frozen=True)
class PlaceMention:
    start: int
    end: int
    location: Location


@dataclass(frozen=True)
class PlaceWords:
    """The word lists that tell a place from its surroundings, read once by the engine."""

    locative_prepositions: frozenset[str]
    qualifiers: frozenset[str]
    settlement_nouns: frozenset[str]
    destination_words: frozenset[str]


def load_place_words() -> PlaceWords:
    """Read the place word lists; the engine's data loader calls this once."""
    return PlaceWords(
        read_word_list("locative_prepositions.yaml"),
        read_word_list("place_qualifiers.yaml"),
        read_word_list("settlement_nouns.yaml"),
        read_word_list("destination_words.yaml"),
    )


def _names_a_settlement(token: Token, words: PlaceWords) -> bool:
    """ "the town of Samarra" """
    return (
        token.dep_ == "pobj"
        and token.head.lower_ == "of"
        and token.head.head.lemma_.lower() in words.settlement_nouns
    )


def _candidates(span: Span, gazetteer: PlaceGazetteer, words: PlaceWords) -> list[Candidate]:
    """The places a name may be; "western Cambodia" falls back to "Cambodia"."""
    found = gazetteer.candidates(span.text)
    start = span.start
    while not found and start < span.end - 1 and span.doc[start].lower_ in words.qualifiers:
        start += 1
        found = gazetteer.candidates(span.doc[start : span.end].text)
    return list(found)


def is_locative_object(token: Token, words: PlaceWords) -> bool:
    """Whether the token is the object of "in", "at", ... ("held in Geneva")."""
    return token.dep_ == "pobj" and token.head.lower_ in words.locative_prepositions


def _name_parts(span: Span) -> Iterator[str]:
    """The name, and for "Russia-Ukraine" each side of the hyphen."""
    yield span.text
    if "-" in span.text:
        yield from span.text.split("-")


def _context(
    doc: Doc, gazetteer: PlaceGazetteer
) -> tuple[dict[int, frozenset[str]], frozenset[str], frozenset[str]]:
    """Countries named per sentence (keyed by sentence start) and in the article."""
    per_sentence: dict[int, set[str]] = {}
    us_states: set[str] = set()
    for entity in doc.ents:
        if entity.label_ not in _CONTEXT_LABELS:
            continue
        found = per_sentence.setdefault(entity.sent.start, set())
        for part in _name_parts(entity):
            demonym = gazetteer.demonym_country(part)
            candidates = gazetteer.candidates(part)
            country = demonym or evident_country(candidates)
            if country is not None:
                found.add(country)
            state = None if demonym or not candidates else evident_us_state(candidates)
            if state is not None:
                us_states.add(state)
    article = frozenset(code for codes in per_sentence.values() for code in codes)
    sentences = {start: frozenset(codes) for start, codes in per_sentence.items()}
    return sentences, article, frozenset(us_states)


def _without_determiner(span: Span) -> Span:
    start = span.start
    while start < span.end - 1 and span.doc[start].dep_ == "det":
        start += 1
    return span.doc[start : span.end]


def _place_entities(
    doc: Doc, gazetteer: PlaceGazetteer, words: PlaceWords
) -> Iterable[tuple[Span, list[Candidate]]]:
    for entity in doc.ents:
        if gazetteer.demonym_country(entity.text) is not None:
            continue
        if entity.label_ in PLACE_LABELS:
            candidates = _candidates(entity, gazetteer, words)
        elif entity.label_ in _LANDMARK_LABELS and is_locative_object(entity.root, words):
            candidates = [c for c in gazetteer.candidates(entity.text) if c.kind == "landmark"]
        elif entity.label_ in _MISTAGGED_PLACE_LABELS and (
            is_locative_object(entity.root, words) or _names_a_settlement(entity.root, words)
        ):
            candidates = _candidates(entity, gazetteer, words)
        else:
            continue
        if candidates:
            yield _without_determiner(entity), candidates


def find_places(doc: Doc, gazetteer: PlaceGazetteer, words: PlaceWords) -> list[PlaceMention]:
    """Every place the article names, in order; actors like "Washington said" included --
    ``place_of_event`` decides which one is where an event happens."""
    sentences, article, us_states = _context(doc, gazetteer)
    mentions = []
    for span, candidates in _place_entities(doc, gazetteer, words):
        context = PlaceContext(sentences.get(span.sent.start, frozenset()), article, us_states)
        chosen = choose(candidates, context)
        if chosen is not None:
            mentions.append(PlaceMention(span.start_char, span.end_char, chosen.location()))
    return mentions
