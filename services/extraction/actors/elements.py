"""The pieces an actor phrase is made of: known names, role nouns and unknown named entities."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from spacy.tokens import Doc, Span

from schemas.vocabulary import ActorKind
from services.extraction.actors.entries import EntryForm, GazetteerEntry
from services.extraction.actors.gazetteer import Role
from services.extraction.actors.matcher import ActorMatcher, NameMatch

# Named entities the gazetteer does not know that still name an actor.
_ACTOR_ENTITY_LABELS = frozenset({"PERSON", "ORG", "NORP"})
_EDGE_POS = frozenset({"DET", "PUNCT", "ADP", "CCONJ"})
_DATELINE_PUNCT = frozenset({"-", "--", "\u2014", "\u2013", "(", ":", ","})
_SURNAME_KINDS = frozenset({ActorKind.PERSON, ActorKind.STATE})
_HYPHENS = frozenset({"-", "\u2010", "\u2011"})
# Entity labels of geographic names ("the South China Sea"); facilities are left out, since
# "the Chinese Embassy" is China's.
_PLACE_LABELS = frozenset({"LOC"})
_PLACE_PART_FORMS = frozenset({EntryForm.NAME, EntryForm.DEMONYM})
_PLACE_PART_KINDS = frozenset({ActorKind.STATE, ActorKind.GROUP})
# Entity labels of names of things (forums, buildings, laws) that a region's name may open: "the
# Asia-Europe Meeting". A country inside such a name often is the actor ("the Russian Foreign
# Ministry"), a region seldom is.
_THING_LABELS = frozenset({"EVENT", "FAC", "ORG", "LAW", "WORK_OF_ART"})


class ElementKind(StrEnum):
    """What a piece of a phrase is."""

    KNOWN = "known"  # a gazetteer spelling
    ROLE = "role"  # a role noun or title
    PERSON = "person"  # an unknown person's name
    ORG = "org"  # an unknown organisation's name
    NORP = "norp"  # an unknown nationality, religious or political group


@dataclass(frozen=True)
class Element:
    """One piece at tokens [start, end); ``entry`` is set for KNOWN, ``role`` for ROLE and for
    the names of organisations that are also role nouns ("Security Council").

    ``head_index`` is the token the parse makes the piece's head: "Ministry" in "Ministry of
    Defence", "Putin" in "Vladimir Putin".
    """

    start: int
    end: int
    kind: ElementKind
    head_index: int
    entry: GazetteerEntry | None = None
    role: Role | None = None


_Claim = Callable[[Element], None]


@dataclass(frozen=True)
class Elements:
    """The pieces of a document, and the country of its dateline ("CAIRO, May 2 -"), if any."""

    pieces: list[Element]
    dateline_country: str | None


def find_elements(doc: Doc, matcher: ActorMatcher, on: date | None = None) -> Elements:
    """Every piece in the document, in order, none overlapping another.

    Known spellings come first, then role nouns on the words left over, then the parts of
    PERSON, ORG and NORP entities that neither covers.
    """
    covered = [False] * len(doc)
    elements: list[Element] = []
    dateline_country: str | None = None

    def claim(element: Element) -> None:
        elements.append(element)
        for index in range(element.start, element.end):
            covered[index] = True

    dateline_end: int | None = None
    places = _place_names(doc)
    names = matcher.names(doc, on)
    named = {index for name in names for index in range(name.start, name.end)}
    for name in names:
        if _someone_else_with_the_surname(doc, name, matcher) or _inside_place(name, places):
            continue
        if _opens_a_proper_name(doc, name, named):
            continue
        if _is_dateline(doc, name, dateline_end):
            covered[name.start : name.end] = [True] * (name.end - name.start)
            # The story's own dateline opens it; "LA PAZ, Bolivia": the country named last.
            if name.entry.kind is ActorKind.STATE and (name.start == 0 or dateline_country):
                dateline_country = name.entry.country
            dateline_end = name.end
            continue
        words = doc[name.start : name.end]
        # "Security Council" names the UN's, but "Russia's Security Council" is Russia's own.
        also = matcher.role_of(words) if name.entry.kind is ActorKind.ORGANISATION else None
        claim(Element(name.start, name.end, ElementKind.KNOWN, words.root.i, name.entry, also))
    for match in matcher.roles(doc):
        if not any(covered[match.start : match.end]):
            root = doc[match.start : match.end].root.i
            claim(Element(match.start, match.end, ElementKind.ROLE, root, role=match.role))
    for entity in doc.ents:
        if entity.label_ not in _ACTOR_ENTITY_LABELS:
            continue
        kind = ElementKind(entity.label_.lower())
        run_start: int | None = None
        for index in range(entity.start, entity.end + 1):
            free = index < entity.end and not covered[index]
            if free and run_start is None:
                run_start = index
            elif not free and run_start is not None:
                _claim_run(doc, run_start, index, kind, claim)
                run_start = None
    return Elements(sorted(elements, key=lambda element: element.start), dateline_country)


def _claim_run(doc: Doc, start: int, end: int, kind: ElementKind, claim: _Claim) -> None:
    """Keep the uncovered part of an entity if it still holds a proper name."""
    while start < end and (doc[start].pos_ in _EDGE_POS or doc[start].lower_ == "the"):
        start += 1
    while end > start and doc[end - 1].pos_ in _EDGE_POS | {"PART"}:
        end -= 1
    if start == 0 and _capitals_before_dateline_mark(doc, start, end):
        return  # "ANNAPOLIS, Maryland, Nov 27 (AP) -": where the story was filed
    if start < end and (kind is ElementKind.NORP or any(t.pos_ == "PROPN" for t in doc[start:end])):
        claim(Element(start, end, kind, doc[start:end].root.i))


def _capitals_before_dateline_mark(doc: Doc, start: int, end: int) -> bool:
    words = [token for token in doc[start:end] if token.is_alpha]
    capitals = bool(words) and all(token.text.isupper() and len(token) > 1 for token in words)
    return capitals and end < len(doc) and doc[end].text in _DATELINE_PUNCT


def _place_names(doc: Doc) -> dict[int, Span]:
    """The proper names of several words of places ("the South China Sea", "the Gulf of Oman")
    and things ("the Asia-Europe Meeting"), by token."""
    found: dict[int, Span] = {}
    for entity in doc.ents:
        if entity.label_ in _PLACE_LABELS | _THING_LABELS and entity.root.pos_ == "PROPN":
            for index in range(entity.start, entity.end):
                found[index] = entity
    return found


def _inside_place(name: NameMatch, places: dict[int, Span]) -> bool:
    """A country or people named inside a longer place name is no actor: "the South China Sea"
    is not China, "the Gulf of Oman" not Oman, "the Korean Peninsula" not Korea."""
    place = places.get(name.start)
    if place is None or name.entry.form not in _PLACE_PART_FORMS:
        return False
    if place.label_ in _THING_LABELS and (
        name.entry.kind is not ActorKind.GROUP or name.entry.form is not EntryForm.NAME
    ):
        return False  # "European Trade Commissioner X" still says whose the title is
    proper_words = [t for t in place if t.pos_ == "PROPN" and not name.start <= t.i < name.end]
    return bool(proper_words) and name.entry.kind in _PLACE_PART_KINDS


def _opens_a_proper_name(doc: Doc, name: NameMatch, named: set[int]) -> bool:
    """A region modifying a proper name nobody's gazetteer holds names a forum or a place, not
    an actor: "the Asia-Europe Meeting", "the Africa Cup", even when the parser finds no
    entity there ("Asia" hangs on "Europe", "Europe" on "Meeting")."""
    if name.entry.kind is not ActorKind.GROUP or name.entry.form is not EntryForm.NAME:
        return False
    current = doc[name.end - 1]
    while current.dep_ == "compound" and current.head.i != current.i:
        current = current.head
        if current.i not in named:
            return current.pos_ == "PROPN" and current.text[:1].isupper()
    return False


def _is_dateline(doc: Doc, name: NameMatch, previous_end: int | None) -> bool:
    """ "MOSCOW -- ...", "Washington - ...", "LA PAZ, Bolivia -- ...": where a story was filed.

    A city opening the article, or a place in capitals opening a sentence, followed by a dash,
    a bracket, a colon or a comma; a country after the comma of a dateline is part of it.
    """
    start, end = name.start, name.end
    if end >= len(doc) or doc[end].text not in _DATELINE_PUNCT:
        return False
    if previous_end is not None and start == previous_end + 1 and doc[previous_end].text == ",":
        return True
    words = doc[start:end]
    capitals = all(token.text.isupper() for token in words if token.is_alpha)
    city = name.entry.form is EntryForm.METONYM
    return (start == 0 and city) or (capitals and start == words.sent.start)


def _someone_else_with_the_surname(doc: Doc, name: NameMatch, matcher: ActorMatcher) -> bool:
    """ "Hillary Clinton" is not Bill Clinton, "Michael Jordan" not a country: the person the
    parser found has another first name."""
    if name.entry.kind not in _SURNAME_KINDS or name.end - name.start != 1:
        return False
    if name.entry.kind is ActorKind.PERSON and _hyphenated(doc, name.start):
        return True  # "Park Yoon-joo" is not Yoon Suk Yeol, "Roed-Larsen" not a Larsen
    if name.start == 0:
        return False
    before, surname = doc[name.start - 1], doc[name.start]
    return (
        surname.ent_iob_ == "I"
        and surname.ent_type_ == "PERSON"
        and before.pos_ == "PROPN"
        and not matcher.is_title_word(before)
    )


def _hyphenated(doc: Doc, index: int) -> bool:
    """Whether a word is joined by a hyphen to the word before or after it."""
    joined_after = (
        index + 2 < len(doc) and not doc[index].whitespace_ and doc[index + 1].text in _HYPHENS
    )
    joined_before = (
        index >= 2 and doc[index - 1].text in _HYPHENS and not doc[index - 2].whitespace_
    )
    return joined_after or joined_before
