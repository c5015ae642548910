"""The mentions coreference has resolved so far, indexed by the questions it asks of them.

Each mention looks back at those before it: for the first mention of the same person, for the
nearest holders of a role, for the actors of the last sentences. Asked of a plain list, each
question reads every earlier mention, so an article's time grew with the square of its length
(a 200 kB article took minutes); these indexes give the same answers in near-constant time.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Iterator, Sequence

from schemas.vocabulary import ActorKind
from services.extraction.actors.actor_mention import ActorMention
from services.extraction.actors.referents import Slot


class Resolved:
    """Resolved mentions in document order: appended with nondecreasing starts, and never
    re-pointed once appended (their targets, names, kinds and roles stay as they were)."""

    def __init__(self, sentence_of: Sequence[int], window_sentences: int) -> None:
        self.slots: list[Slot] = []
        self._sentence_of = sentence_of
        self._window_sentences = window_sentences
        self._window_start = 0
        self._first_by_name: dict[str, int] = {}
        self._first_by_surname: dict[str, int] = {}
        # Per role, the people holding it, each with the index of its latest mention; a dict
        # keeps them in the order of that mention, the most recent last.
        self._latest_by_role: dict[str, dict[Slot, int]] = {}

    def append(self, slot: Slot) -> None:
        """Add the next mention in document order."""
        index = len(self.slots)
        self.slots.append(slot)
        mention = slot.mention
        if not slot.targets and _named_person(mention):
            self._first_by_name.setdefault(mention.actor.name, index)
            names = mention.actor.name.split()
            if len(names) > 1:
                self._first_by_surname.setdefault(names[-1], index)
        referents = slot.referents()
        if len(referents) == 1 and _named_person(referents[0].mention):
            role = referents[0].mention.role
            if role is not None:
                holders = self._latest_by_role.setdefault(role, {})
                holders.pop(referents[0], None)
                holders[referents[0]] = index

    def window(self, position: int) -> list[Slot]:
        """The mentions from the sentence ``window_sentences`` before the one of token
        ``position`` on; positions must not decrease from one call to the next."""
        earliest = self._sentence_of[position] - self._window_sentences
        start = self._window_start
        while (
            start < len(self.slots)
            and self._sentence_of[self.slots[start].mention.start] < earliest
        ):
            start += 1
        self._window_start = start
        return self.slots[start:]

    def first_same_person(self, mention: ActorMention) -> Slot | None:
        """The first unresolved mention naming the person ``mention`` names: the same name, or
        a full name whose surname ``mention`` is."""
        name = mention.actor.name
        found = [self._first_by_name.get(name)]
        if " " not in name:
            found.append(self._first_by_surname.get(name))
        indices = [index for index in found if index is not None]
        return self.slots[min(indices)] if indices else None

    def role_holders(self, roles: Iterable[str]) -> Iterator[Slot]:
        """The named people holding one of ``roles``, the most recently mentioned first."""
        newest_first = [
            reversed(self._latest_by_role[role].items())
            for role in roles
            if role in self._latest_by_role
        ]
        return (root for root, _ in heapq.merge(*newest_first, key=lambda holder: -holder[1]))


def _named_person(mention: ActorMention) -> bool:
    return not mention.nominal and mention.actor.kind is ActorKind.PERSON
