"""Coding actor phrases: "Russian President Vladimir Putin" is one person, RUS GOV.

The pieces of a phrase (see :mod:`elements`) are grouped by the noun chunk they sit in; a
possessive "'s" starts a new group ("Russia's foreign minister" is Russia, then its minister).
The last piece of a group is its head, and the pieces before it say whom the head belongs to
(demonyms, countries, metonyms, organisations) and what it does (role nouns).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span

from schemas.event import Actor
from schemas.vocabulary import ActorKind
from services.extraction.actors.actor_mention import ActorMention
from services.extraction.actors.adjacency import (
    MODIFIER_DEPS,
    titles_lend_affiliation,
    written_span,
)
from services.extraction.actors.affiliation import Affiliation, Affiliations
from services.extraction.actors.elements import Element, ElementKind
from services.extraction.actors.entries import EntryForm
from services.extraction.actors.gazetteer import Role

_PLURAL_TAGS = frozenset({"NNS", "NNPS"})
_JOINING_MARKS = frozenset({"-", "/", "\u2013"})
_LEADING_DROPS = frozenset({"DET", "PRON", "PART", "PUNCT"})
_FORMER_WORDS = frozenset({"former", "ex"})
_OFFICE_SECTORS = frozenset({"GOV", "MIL", "JUD", "LEG", "COP", "IGO"})


@dataclass
class _Group:
    """Pieces of one noun-chunk segment; ``root`` is None outside any noun chunk."""

    elements: list[Element]
    root: int | None
    key: tuple[int, int] | None = None
    owner_key: tuple[int, int] | None = None


def code_phrases(
    doc: Doc, elements: list[Element], is_honorific: Callable[[str], bool]
) -> list[ActorMention]:
    """One mention per actor phrase (more for "Hungarian and Romanian officials"), in order."""
    coder = _Coder(doc, elements)
    mentions: list[ActorMention] = []
    owners: dict[tuple[int, int], ActorMention] = {}
    for group in _groups(doc, elements):
        owner = owners.get(group.owner_key) if group.owner_key else None
        coded = coder.code_group(group, owner)
        if coded and group.key is not None:
            owners[group.key] = coded[-1]
        mentions.extend(coded)
    return titles_lend_affiliation(doc, mentions, is_honorific)


def _groups(doc: Doc, elements: list[Element]) -> list[_Group]:
    chunk_at: dict[int, Span] = {}
    for noun_chunk in doc.noun_chunks:
        for index in range(noun_chunk.start, noun_chunk.end):
            chunk_at[index] = noun_chunk
    groups: list[_Group] = []
    keyed: dict[tuple[int, int], _Group] = {}
    for element in elements:
        chunk = chunk_at.get(element.head_index)
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


class _Coder:
    """Codes the groups of one document, with the affiliations its known names give."""

    def __init__(self, doc: Doc, elements: list[Element]) -> None:
        self._doc = doc
        self._affiliations = Affiliations(doc, elements)

    def code_group(self, group: _Group, owner: ActorMention | None) -> list[ActorMention]:
        elements = list(group.elements)
        while elements and not self._stands_as_actor(elements, group.root):
            elements.pop()
        coded = self._code_elements(elements, owner) if elements else []
        return [
            self._as_former(mention) if self._is_former(mention) else mention for mention in coded
        ]

    def _is_former(self, mention: ActorMention) -> bool:
        """ "former President Bill Clinton", "ex-minister": no longer in office."""
        leading = self._doc[self._doc[mention.head].left_edge.i : mention.end]
        return mention.actor.sector in _OFFICE_SECTORS and any(
            token.lower_ in _FORMER_WORDS for token in leading
        )

    @staticmethod
    def _as_former(mention: ActorMention) -> ActorMention:
        """CAMEO codes former office-holders as elites (ELI), not as the office."""
        return replace(mention, actor=mention.actor.model_copy(update={"sector": "ELI"}))

    def _code_elements(
        self, elements: list[Element], owner: ActorMention | None
    ) -> list[ActorMention]:
        doc = self._doc
        head, modifiers = elements[-1], elements[:-1]
        conjunction = _last_conjunction(doc, elements)
        if head.kind is not ElementKind.ROLE and conjunction is not None:
            # "Turkish and Greek sides": each side is its own actor; a role noun instead
            # distributes over its coordinated affiliations (see _code_role_head).
            before = [e for e in elements if e.end <= conjunction]
            after = [e for e in elements if e.start > conjunction]
            return self._code_elements(before, owner) + self._code_elements(after, owner)
        affiliations = [a for a in (self._affiliations.of(m) for m in modifiers) if a is not None]
        if not affiliations and owner is not None and owner.actor.country is not None:
            written = (owner.start, owner.end)
            affiliations = [
                Affiliation(owner.actor.country, None, head.start, head.start, written=written)
            ]
        role = next((m.role for m in reversed(modifiers) if m.role is not None), None)
        role_name = role.role if role else None
        start, end, text = elements[0].start, head.end, doc[head.start : head.end].text

        if head.kind is ElementKind.KNOWN and head.entry is not None:
            entry = head.entry
            if head.role is not None and affiliations and affiliations[-1].country != entry.country:
                return self._code_role_head(head, head.role, affiliations, start)
            plural = doc[head.head_index].tag_ in _PLURAL_TAGS
            kind = ActorKind.GROUP if entry.form is EntryForm.DEMONYM and plural else entry.kind
            name, country = entry.name, entry.country
            if self._affiliations.is_ethnic(head):
                # "ethnic Albanians in Serbia": a people, coded where they live, not a state.
                where = self._affiliations.after(head) or self._affiliations.around(head)
                name, country = text, where[0].country if where else None
            actor = _actor(doc, start, end, name, country, entry.sector, kind)
            return [ActorMention(start, end, head.head_index, actor, role=entry.role)]
        if head.kind is ElementKind.ROLE and head.role is not None:
            if not affiliations:
                affiliations = self._affiliations.after(head)
            if not affiliations and any(self._affiliations.is_ethnic(m) for m in modifiers):
                affiliations = self._affiliations.around(head)
            return self._code_role_head(head, head.role, affiliations, start)
        if head.kind is ElementKind.PERSON and not affiliations:
            affiliations = self._affiliations.after(head)  # "King Hassan of Morocco"
        last = affiliations[-1] if affiliations else None
        country = last.country if last else None
        sector = _sector(role.sector if role else None, last)
        if head.kind is ElementKind.PERSON:
            actor = _actor(doc, start, end, text, country, sector, ActorKind.PERSON)
            return [ActorMention(start, end, head.head_index, actor, role=role_name)]
        if head.kind is ElementKind.ORG:
            name = _name(doc, start, end)
            actor = _actor(doc, start, end, name, country, sector, ActorKind.ORGANISATION)
            return [ActorMention(start, end, head.head_index, actor, role=role_name)]
        if doc[head.head_index].pos_ not in ("NOUN", "PROPN"):
            return []  # "Himalayan region": a nationality adjective alone names no one
        actor = _actor(doc, start, end, text, country, None, ActorKind.GROUP)
        return [ActorMention(start, end, head.head_index, actor)]

    def _code_role_head(
        self, head: Element, role: Role, affiliations: list[Affiliation], span_start: int
    ) -> list[ActorMention]:
        """A role noun coded from its affiliations; coordinated ones make one mention each."""
        doc = self._doc
        plural = doc[head.head_index].tag_ in _PLURAL_TAGS
        kind = ActorKind.GROUP if plural and role.kind is ActorKind.PERSON else role.kind
        coordinated = any(a.coordinated for a in affiliations)
        targets: list[Affiliation | None] = list(
            affiliations if coordinated else affiliations[-1:]
        ) or [None]
        mentions = []
        for number, affiliation in enumerate(targets):
            is_last = number == len(targets) - 1
            start = affiliation.start if len(targets) > 1 and affiliation else span_start
            end = head.end if is_last or affiliation is None else affiliation.end
            country = affiliation.country if affiliation else None
            sector = _sector(role.sector, affiliation)
            actor = _actor(doc, start, end, _name(doc, start, end), country, sector, kind)
            if len(targets) == 1:
                written = affiliation.written if affiliation else None
                low, high = written_span(doc, head.head_index, start, end, written)
                actor = actor.model_copy(update={"text": doc[low:high].text})
            head_index = head.head_index if is_last else end - 1
            mentions.append(
                ActorMention(start, end, head_index, actor, role=role.role, nominal=True)
            )
        return mentions

    def _stands_as_actor(self, elements: list[Element], root: int | None) -> bool:
        """A role noun modifying a non-actor noun ("press conference") is not an actor, unless
        it is a proper title or has an affiliation ("a U.S. Supreme Court ruling")."""
        last = elements[-1]
        head_token = self._doc[last.head_index]
        at_head = (
            last.head_index == root if root is not None else head_token.dep_ not in MODIFIER_DEPS
        )
        if at_head or last.kind is not ElementKind.ROLE:
            return True
        if any(token.pos_ == "PROPN" for token in self._doc[last.start : last.end]):
            return True
        return any(self._affiliations.of(other) is not None for other in elements[:-1])


def _sector(own: str | None, affiliation: Affiliation | None) -> str | None:
    """A UN official is IGO, a White House aide GOV; UN troops stay MIL."""
    lent = affiliation.lent_sector if affiliation else None
    return lent if lent and own in (None, "GOV") else own


def _last_conjunction(doc: Doc, elements: list[Element]) -> int | None:
    """The last "and", "or" or joining hyphen ("Russia-Ukraine talks") before the head."""
    head = elements[-1]
    between = doc[elements[0].end : head.start]
    joins = (t.i for t in reversed(between) if t.dep_ == "cc" or t.text in _JOINING_MARKS)
    return next(joins, None)


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
