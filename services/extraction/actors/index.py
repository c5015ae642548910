"""Actor mentions of a parsed article looked up by token, and the actors a noun phrase names."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable

from spacy.tokens import Doc, Token

from services.extraction.actors import ActorMention
from services.extraction.sentences.dateline import dateline_end

# Modifiers of a noun that may name who the noun belongs to ("Russian delegation", "US efforts").
OWNER_DEPS = frozenset({"poss", "compound", "amod", "nmod", "npadvmod"})
_CLAUSE_DEPS = frozenset({"relcl", "acl", "ccomp", "advcl", "xcomp", "conj", "appos"})
_DEFINITE = frozenset({"the", "this", "that", "these", "those"})
_VAGUE_QUANTIFIERS = frozenset({"other", "some", "any", "many", "several", "various", "few"})


class ActorIndex:
    """Actor mentions of a doc looked up by token."""

    def __init__(self, doc: Doc, mentions: Iterable[ActorMention]) -> None:
        # Several mentions share a span when it names several people ("the two presidents").
        self._by_token: dict[int, list[ActorMention]] = {}
        self.mentions: list[ActorMention] = []
        # Bare role phrases ("protesters", "local police"): no actor to point at in general,
        # but who acts when the parse makes them the subject of an event nobody else performs.
        self.vague: dict[int, ActorMention] = {}
        for mention in mentions:
            # A dateline ("KABUL (Reuters) -") says where the story was filed, not who acts.
            if mention.start < dateline_end(doc[mention.start].sent):
                continue
            if _concrete(doc, mention):
                self.mentions.append(mention)
            else:
                self.vague[mention.head] = mention
        for mention in self.mentions:
            for index in range(mention.start, mention.end):
                self._by_token.setdefault(index, []).append(mention)
        # Positions in ``mentions`` by start, so that a sentence's mentions are found without
        # reading the whole article's.
        self._by_start = sorted(range(len(self.mentions)), key=lambda i: self.mentions[i].start)
        self._starts = [self.mentions[i].start for i in self._by_start]

    def at(self, token: Token) -> list[ActorMention]:
        """The mentions covering a token."""
        return self._by_token.get(token.i, [])

    def starting_within(self, start: int, end: int) -> list[ActorMention]:
        """The mentions that start at tokens [start, end), in the order of ``mentions``."""
        found = self._by_start[bisect_left(self._starts, start) : bisect_left(self._starts, end)]
        return [self.mentions[position] for position in sorted(found)]

    def last_before(
        self, position: int, accept: Callable[[ActorMention], bool]
    ) -> ActorMention | None:
        """The accepted mention that ends by token ``position`` and starts last (of several
        starting there, the first of ``mentions``); read back from ``position`` only."""
        index = bisect_left(self._starts, position)
        while index > 0:
            start = self._starts[index - 1]
            group: list[int] = []
            while index > 0 and self._starts[index - 1] == start:
                index -= 1
                group.append(self._by_start[index])
            accepted = [
                at
                for at in group
                if self.mentions[at].end <= position and accept(self.mentions[at])
            ]
            if accepted:
                return self.mentions[min(accepted)]
        return None

    def first_within(self, token: Token) -> list[ActorMention]:
        """The first actor named anywhere in a noun phrase, outside its clauses."""
        pending = [token]
        while pending:
            current = pending.pop(0)
            found = self.at(current)
            if found:
                return found[:1]
            pending.extend(c for c in current.children if c.dep_ not in _CLAUSE_DEPS)
        return []

    def objects_of(self, preposition: Token) -> list[ActorMention]:
        """Actors the object of a preposition names ("talks *with India and Chile*")."""
        return [
            mention
            for child in preposition.children
            if child.dep_ == "pobj"
            for mention in self.in_phrase(child)
        ]

    def in_phrase(self, token: Token) -> list[ActorMention]:
        """Actors a noun phrase names, its conjuncts included ("NATO, the OSCE and the US")."""
        found: list[ActorMention] = []
        for member in (token, *token.conjuncts):
            for mention in self._of_noun(member, depth=0):
                if all(mention.actor != known.actor for known in found):
                    found.append(mention)
        return found

    def _of_noun(self, token: Token, depth: int) -> list[ActorMention]:
        named: list[ActorMention] = list(self.at(token))
        for child in token.children:
            # "Russia-Ukraine talks": the first of a hyphenated pair hangs on the second.
            if child.dep_ == "compound" and _hyphen_follows(child):
                named.extend(self._of_noun(child, depth))
            # An apposition renames the head ("his counterpart Donald Trump") or, in a list the
            # parser misread, adds a member ("NATO, the OSCE"): both are actors of the phrase.
            if child.dep_ == "appos":
                named.extend(self._of_noun(child, depth))
            # "Iranian and American negotiators": coordinated demonyms each name an actor.
            elif child.dep_ == "amod" and any(c.dep_ == "conj" for c in child.children):
                for member in (child, *child.conjuncts):
                    named.extend(self.at(member))
        if named or depth > 2:
            return named
        owners: list[ActorMention] = []
        for child in token.children:
            if child.dep_ in OWNER_DEPS:
                owners.extend(self._of_noun(child, depth + 1))
            elif child.dep_ == "prep" and child.lower_ in ("of", "between"):
                owners.extend(self._of_objects(child, depth + 1))
        return owners

    def _of_objects(self, preposition: Token, depth: int) -> list[ActorMention]:
        found: list[ActorMention] = []
        for child in preposition.children:
            if child.dep_ == "pobj":
                for member in (child, *child.conjuncts):
                    found.extend(self._of_noun(member, depth))
        return found


def _concrete(doc: Doc, mention: ActorMention) -> bool:
    """Whether a mention names an actor one can point at. A role phrase with neither a name
    nor a country behind it is one only when proper or definite ("the Munich Regional Court",
    "the NGO"), not when bare or vague ("local authorities", "other representatives")."""
    if not mention.nominal or mention.antecedent is not None or mention.actor.country:
        return True
    head = doc[mention.head]
    before = [child for child in head.children if child.i < head.i]
    if any(child.lower_ in _VAGUE_QUANTIFIERS for child in before):
        return False
    definite = any(
        child.dep_ == "poss" or (child.dep_ == "det" and child.lower_ in _DEFINITE)
        for child in before
    )
    return definite or head.pos_ == "PROPN"


def _hyphen_follows(token: Token) -> bool:
    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return following is not None and following.text in ("-", "\u2013")
