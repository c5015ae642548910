"""Which of the places a name may stand for the article means.

Order of evidence: a landmark, a region or a country by that name; a US state only when the article
names somewhere else in that state; among cities, one in a country the same sentence, then
the article, names -- unless another candidate dwarfs it -- then capitals, then population.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from services.extraction.places.gazetteer import Candidate

# A city in a country the article names loses only to a namesake this many times bigger:
# "Paris" in an article that mentions the US is still Paris, France (86x Paris, Texas),
# while "Tripoli" next to "Lebanese" is Tripoli, Lebanon (Libya's is under 6x bigger).
DOMINANCE = 20
# The US is named in most international news as an actor, so naming it says little about
# which "Geneva" is meant; US towns are told apart by their state ("Geneva, Illinois").
_WEAK_CONTEXT = frozenset({"USA"})
# A US state beats a namesake city unless the city is a capital or at least this big
# ("Washington" is the capital, "New York" the city).
_MAJOR_CITY = 1_000_000


@dataclass(frozen=True)
class PlaceContext:
    """Countries (ISO3) named near a mention, and US states the article places things in."""

    sentence_countries: frozenset[str]
    article_countries: frozenset[str]
    us_states: frozenset[str]


def evident_country(candidates: Sequence[Candidate]) -> str | None:
    """The country a name points to whatever it turns out to be, if that is clear."""
    if any(candidate.kind == "state" for candidate in candidates):
        return None
    countries = {candidate.country for candidate in candidates if candidate.kind == "country"}
    if not countries:
        countries = {candidate.country for candidate in candidates}
    return next(iter(countries)) if len(countries) == 1 else None


def evident_us_state(candidates: Sequence[Candidate]) -> str | None:
    """The US state a name lies in, when every reading of it agrees (not "Georgia")."""
    if any(candidate.kind == "country" for candidate in candidates):
        return None
    states = {candidate.us_state for candidate in candidates}
    return next(iter(states)) if len(states) == 1 else None


def _prominence(candidate: Candidate) -> tuple[bool, int]:
    return candidate.capital, candidate.population


def _choose_city(cities: Sequence[Candidate], context: PlaceContext) -> Candidate:
    in_named_state = [city for city in cities if city.us_state in context.us_states]
    if in_named_state:
        return max(in_named_state, key=_prominence)
    prominent = max(cities, key=_prominence)
    for named in (context.sentence_countries, context.article_countries):
        local = [
            city for city in cities if city.country in named and city.country not in _WEAK_CONTEXT
        ]
        if not local:
            continue
        best = max(local, key=_prominence)
        if prominent.country in named or prominent.population < DOMINANCE * best.population:
            return best
        return prominent
    return prominent


def choose(candidates: Sequence[Candidate], context: PlaceContext) -> Candidate | None:
    """The candidate the mention most likely means, or None when there is none."""
    by_kind: dict[str, list[Candidate]] = {}
    for candidate in candidates:
        by_kind.setdefault(candidate.kind, []).append(candidate)
    states = by_kind.get("state", [])
    named_state = next((state for state in states if state.us_state in context.us_states), None)
    for unique_kind in ("landmark", "region"):
        if unique_kind in by_kind:
            return by_kind[unique_kind][0]
    if "country" in by_kind:
        country = by_kind["country"][0]
        mentioned = context.sentence_countries | context.article_countries
        if named_state is not None and country.country not in mentioned:
            return named_state
        return country
    cities = by_kind.get("city", [])
    city = _choose_city(cities, context) if cities else None
    if states and (city is None or not (city.capital or city.population >= _MAJOR_CITY)):
        return named_state or states[0]
    return city
