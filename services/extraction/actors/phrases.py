"""Coding actor phrases: "Russian President Vladimir Putin" is one person, RUS GOV.

The pieces of a phrase (see :mod:`elements`) are grouped by the noun chunk they sit in; a
possessive "'s" starts a new group ("Russia's foreign minister" is Russia, then its minister).
The last piece of a group is its head, and the pieces before it say whom the head belongs to
(demonyms, countries, metonyms, organisations) and what it does (role nouns).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from schemas.event import Actor
from schemas.vocabulary import ActorKind
from services.extraction.actors.elements import Element, ElementKind
from services.extraction.actors.gazetteer import EntryForm
from services.extraction.actors.mention import ActorMention

_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "npadvmod"})
_PLURAL_TAGS = frozenset({"NNS", "NNPS"})
_LEADING_DROPS = frozenset({"DET", "PRON", "PART", "PUNCT"})


@dataclass
class _Group:
    """Pieces of one noun-chunk segment; ``root`` is None outside any noun chunk."""

    elements: list[Element]
    root: int | None
    key: tuple[int, int] | None = None
    owner_key: tuple[int, int] | None = None


@dataclass(frozen=True)
class _Affiliation:
    """Whose a role or unknown name is: a country, organisation or group, from a modifier."""

    country: str | None
    organisation_sector: str | None
    start: int
    end: int
    coordinated: bool = field(default=False)


def code_phrases(doc: Doc, elements: list[Element]) -> list[ActorMention]:
    """One mention per actor phrase (more for "Hungarian and Romanian officials"), in order."""
    mentions: list[ActorMention] = []
    owners: dict[tuple[int, int], Actor] = {}
    for group in _groups(doc, elements):
        owner = owners.get(group.owner_key) if group.owner_key else None
        coded = _code_group(doc, group, owner)
        if coded and group.key is not None:
            owners[group.key] = coded[-1].actor
        mentions.extend(coded)
    return mentions


def _groups(doc: Doc, elements: list[Element]) -> list[_Group]:
    chunk_at: dict[int, Span] = {}
    for noun_chunk in doc.noun_chunks:
        for index in range(noun_chunk.start, noun_chunk.end):
            chunk_at[index] = noun_chunk
    groups: list[_Group] = []
    keyed: dict[tuple[int, int], _Group] = {}
    for element in elements:
        chunk = chunk_at.get(element.last)
        if chunk is None:
            groups.append(_Group([element], None))
            continue
        markers = [t.i for t in chunk if t.tag_ == "POS"]
        segment = sum(1 for marker in markers if marker < element.start)
        key = (chunk.start, segment)
        if key not in keyed:
            root = markers[segment] - 1 if segment < len(markers) else chunk.root.i
            owner_key = (chunk.start, segment - 1) if segment else None
            keyed[key] = _Group([], root, key, owner_key)
            groups.append(keyed[key])
        keyed[key].elements.append(element)
    return groups


def _code_group(doc: Doc, group: _Group, owner: Actor | None) -> list[ActorMention]:
    elements = list(group.elements)
    while elements and not _stands_as_actor(doc, elements, group.root):
        elements.pop()
    return _code_elements(doc, elements, owner) if elements else []


def _code_elements(doc: Doc, elements: list[Element], owner: Actor | None) -> list[ActorMention]:
    head, modifiers = elements[-1], elements[:-1]
    conjunction = _last_conjunction(doc, elements)
    if head.kind is not ElementKind.ROLE and conjunction is not None:
        # "Turkish and Greek sides": each side is its own actor; a role noun instead
        # distributes over its coordinated affiliations (see _code_role_head).
        before = [e for e in elements if e.end <= conjunction]
        after = [e for e in elements if e.start > conjunction]
        return _code_elements(doc, before, owner) + _code_elements(doc, after, owner)
    affiliations = [a for a in (_affiliation(doc, m) for m in modifiers) if a is not None]
    if not affiliations and owner is not None and owner.country is not None:
        affiliations = [_Affiliation(owner.country, None, head.start, head.start)]
    role = next((m.role for m in reversed(modifiers) if m.role is not None), None)
    role_name = role.role if role else None
    span_start = elements[0].start
    text = doc[head.start : head.end].text

    if head.kind is ElementKind.KNOWN and head.entry is not None:
        entry = head.entry
        plural = doc[head.last].tag_ in _PLURAL_TAGS
        kind = ActorKind.GROUP if entry.form is EntryForm.DEMONYM and plural else entry.kind
        actor = _actor(doc, span_start, head.end, entry.name, entry.country, entry.sector, kind)
        return [ActorMention(span_start, head.end, head.last, actor, role=entry.role)]
    if head.kind is ElementKind.ROLE and head.role is not None:
        plural = doc[head.last].tag_ in _PLURAL_TAGS
        kind = ActorKind.GROUP if plural and head.role.kind is ActorKind.PERSON else head.role.kind
        return _code_role_head(
            doc, head, affiliations, span_start, head.role.sector, kind, head.role.role
        )
    last = affiliations[-1] if affiliations else None
    country = last.country if last else None
    if head.kind is ElementKind.PERSON:
        sector = role.sector if role else (last.organisation_sector if last else None)
        actor = _actor(doc, span_start, head.end, text, country, sector, ActorKind.PERSON)
        return [ActorMention(span_start, head.end, head.last, actor, role=role_name)]
    if head.kind is ElementKind.ORG:
        sector = role.sector if role else None
        actor = _actor(doc, span_start, head.end, text, country, sector, ActorKind.ORGANISATION)
        return [ActorMention(span_start, head.end, head.last, actor, role=role_name)]
    actor = _actor(doc, span_start, head.end, text, country, None, ActorKind.GROUP)
    return [ActorMention(span_start, head.end, head.last, actor)]


def _code_role_head(
    doc: Doc,
    head: Element,
    affiliations: list[_Affiliation],
    span_start: int,
    sector: str,
    kind: ActorKind,
    role: str,
) -> list[ActorMention]:
    """A role noun coded from its affiliations; coordinated ones make one mention each."""
    coordinated = [a for a in affiliations if a.coordinated]
    shared = affiliations[-1:] if not coordinated else affiliations
    mentions = []
    for number, affiliation in enumerate(shared):
        is_last = number == len(shared) - 1
        start = span_start if len(shared) == 1 else affiliation.start
        end = head.end if is_last else affiliation.end
        coded_sector = (affiliation.organisation_sector if sector == "GOV" else None) or sector
        name = _name(doc, start, end)
        actor = _actor(doc, start, end, name, affiliation.country, coded_sector, kind)
        mentions.append(
            ActorMention(
                start, end, head.last if is_last else end - 1, actor, role=role, nominal=True
            )
        )
    if not shared:
        actor = _actor(
            doc, span_start, head.end, _name(doc, span_start, head.end), None, sector, kind
        )
        mentions.append(
            ActorMention(span_start, head.end, head.last, actor, role=role, nominal=True)
        )
    return mentions


def _last_conjunction(doc: Doc, elements: list[Element]) -> int | None:
    """The last "and"/"or" between the first piece and the head, if any."""
    head = elements[-1]
    between = doc[elements[0].end : head.start]
    return next((t.i for t in reversed(between) if t.dep_ == "cc"), None)


def _stands_as_actor(doc: Doc, elements: list[Element], root: int | None) -> bool:
    """A role noun modifying a non-actor noun ("press conference") is not an actor, unless
    it is a proper title or has an affiliation ("a U.S. Supreme Court ruling")."""
    last = elements[-1]
    head_token = doc[last.last]
    at_head = last.last == root if root is not None else head_token.dep_ not in _MODIFIER_DEPS
    if at_head or last.kind is not ElementKind.ROLE:
        return True
    if any(token.pos_ == "PROPN" for token in doc[last.start : last.end]):
        return True
    return any(_affiliation(doc, other) is not None for other in elements[:-1])


def _affiliation(doc: Doc, element: Element) -> _Affiliation | None:
    entry = element.entry
    if entry is None or entry.country is None:
        return None
    organisation_sector = entry.sector if entry.kind is ActorKind.ORGANISATION else None
    coordinated = doc[element.last].dep_ == "conj" and entry.kind is not ActorKind.PERSON
    return _Affiliation(entry.country, organisation_sector, element.start, element.end, coordinated)


def _name(doc: Doc, start: int, end: int) -> str:
    """A role phrase's own words, without leading articles: "Russian Foreign Ministry"."""
    while start < end - 1 and doc[start].pos_ in _LEADING_DROPS:
        start += 1
    return doc[start:end].text


def _actor(
    doc: Doc,
    start: int,
    end: int,
    name: str,
    country: str | None,
    sector: str | None,
    kind: ActorKind,
) -> Actor:
    return Actor(text=doc[start:end].text, name=name, country=country, sector=sector, kind=kind)
