"""Whose an actor phrase is: the country, organisation or group that affiliates a role or an
unknown name, said before it ("Kenyan police"), after it ("police in Kenya") or, for an ethnic
people, by the state its sentence names."""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Doc

from schemas.vocabulary import ActorKind
from services.extraction.actors.elements import Element
from services.extraction.actors.entries import EntryForm
from services.extraction.parse_paths import prepositional_objects

_AFFILIATING_PREPOSITIONS = frozenset({"in", "from", "of", "for", "at", "throughout", "across"})


@dataclass(frozen=True)
class Affiliation:
    """Whose a role or unknown name is (a country, organisation or group), where it is said,
    and the sector an organisation or seat of government lends to those working for it."""

    country: str | None
    lent_sector: str | None
    start: int
    end: int
    coordinated: bool = False
    # Where the affiliation is written when it stands outside the role's own words ("Kenya's
    # police", "police in Kenya"): the mention as written then covers it.
    written: tuple[int, int] | None = None


class Affiliations:
    """The affiliations the known names of one document give."""

    def __init__(self, doc: Doc, elements: list[Element]) -> None:
        self._doc = doc
        self._known_at = {
            index: element
            for element in elements
            if element.entry is not None
            for index in range(element.start, element.end)
        }

    def after(self, head: Element) -> list[Affiliation]:
        """Whose a role is, said after it: "police in Kenya", "a spokesman for Putin",
        "the Ministry of Foreign Affairs of Ukraine" (one "of" phrase may follow another)."""
        objects = list(prepositional_objects(self._doc[head.head_index], _AFFILIATING_PREPOSITIONS))
        nested = (o for p in objects for o in prepositional_objects(p, _AFFILIATING_PREPOSITIONS))
        for phrase in [*objects, *nested]:
            # The nearest known name in the object's phrase: "the premier of Canada's
            # Alberta province", "the chairman of the African Union Commission".
            for token in reversed(self._doc[phrase.left_edge.i : phrase.i + 1]):
                element = self._known_at.get(token.i)
                affiliation = self.of(element) if element else None
                if affiliation is not None:
                    written = (affiliation.start, affiliation.end)
                    return [replace(affiliation, start=head.start, end=head.start, written=written)]
        return []

    def around(self, head: Element) -> list[Affiliation]:
        """The first state its sentence names: where an ethnic people the phrase does not
        place lives ("ethnic Turks began a hunger strike against Sweden's decision")."""
        sentence = self._doc[head.head_index].sent
        for index in range(sentence.start, sentence.end):
            element = self._known_at.get(index)
            entry = element.entry if element else None
            if element and entry and entry.kind is ActorKind.STATE and not self.is_ethnic(element):
                affiliation = self.of(element)
                if affiliation is not None:
                    return [replace(affiliation, start=head.start, end=head.start)]
        return []

    def is_ethnic(self, element: Element) -> bool:
        """A demonym after "ethnic" names a people, not the state of that name."""
        return element.start > 0 and self._doc[element.start - 1].lower_ == "ethnic"

    def of(self, element: Element) -> Affiliation | None:
        """The affiliation a known name lends to the role or name it modifies."""
        entry = element.entry
        if entry is None or entry.country is None or self.is_ethnic(element):
            return None
        # Organisations and seats of government lend their sector to whoever works for them.
        lends_sector = entry.kind is ActorKind.ORGANISATION or entry.form is EntryForm.METONYM
        coordinated = (
            self._doc[element.head_index].dep_ == "conj" and entry.kind is not ActorKind.PERSON
        )
        return Affiliation(
            entry.country,
            entry.sector if lends_sector else None,
            element.start,
            element.end,
            coordinated,
        )
