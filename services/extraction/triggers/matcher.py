"""Finds event triggers in a parsed spaCy doc with the trigger lexicon."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from spacy.matcher import Matcher
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from services.extraction.triggers.codebook import CameoCode
from services.extraction.triggers.entries import Conditions, LexiconEntry, TriggerPattern

VERB_TAGS = ("VERB", "AUX")
NOUN_TAGS = ("NOUN", "PROPN")
# How far "forbid_near"/"require_near" look on each side of a match.
NEAR_WINDOW = 3
# A proper noun inside one of these entities is part of a name ("Organization for Security and
# Cooperation in Europe"), not an event.
NAME_ENTITY_TYPES = frozenset({"ORG", "FAC", "WORK_OF_ART", "PRODUCT", "EVENT", "NORP", "GPE"})
# A "*" gap spans up to GAP_MAX tokens and never a clause break.
GAP_MAX = 6
GAP_OPERATOR = f"{{0,{GAP_MAX}}}"
GAP_STOPS = [".", ";", ":", "!", "?", "and", "but", "while", "after", "before", "as"]
# The word across a gap must hang from the head within this many dependency steps ("lifted the
# two-year-old sanctions": sanctions is the head's object), so that a gap does not join
# words of different clauses.
GAP_ATTACHMENT_STEPS = 2


@dataclass(frozen=True)
class TriggerMatch:
    """One place in a doc where a lexicon entry signals an event."""

    start: int
    end: int
    head: int
    code: CameoCode
    nominal: bool
    lexicon_entry: str


class TriggerMatcher:
    """spaCy Matchers over every pattern of the lexicon, built once for a vocab."""

    def __init__(
        self,
        vocab: Vocab,
        entries: Iterable[LexiconEntry],
        forms_of: Callable[[str], frozenset[str]],
    ) -> None:
        self._vocab = vocab
        # One small Matcher per first word of the patterns, run only where that word occurs: the
        # spaCy Matcher tries every pattern at every token, which is slow for thousands.
        self._matchers: dict[str, Matcher] = {}
        self._longest: dict[str, int] = {}
        self._first_words_by_form: dict[str, set[str]] = {}
        self._patterns: dict[str, tuple[LexiconEntry, TriggerPattern]] = {}
        self._strictness: dict[str, int] = {}
        surface: set[str] = set()
        for entry in entries:
            self._strictness[entry.entry_id] = entry.conditions.strictness
            for number, pattern in enumerate(entry.patterns):
                key = f"{entry.entry_id}#{number}"
                self._patterns[key] = (entry, pattern)
                self._add(pattern, key, forms_of)
                surface.update(forms_of(_key_word(pattern)))
        self._surface_forms = frozenset(surface)

    def _add(
        self, pattern: TriggerPattern, key: str, forms_of: Callable[[str], frozenset[str]]
    ) -> None:
        first = str(pattern.words[0])
        if first not in self._matchers:
            self._matchers[first] = Matcher(self._vocab)
            for form in forms_of(first):
                self._first_words_by_form.setdefault(form, set()).add(first)
        self._matchers[first].add(key, [_token_specs(pattern, forms_of)])
        gaps = sum(1 for word in pattern.words if word is None)
        length = len(pattern.words) - gaps + gaps * GAP_MAX
        self._longest[first] = max(self._longest.get(first, 0), length)

    def _raw_matches(self, doc: Doc) -> Iterator[tuple[str, int, int]]:
        for position, token in enumerate(doc):
            for first in self._first_words_by_form.get(token.lower_, ()):
                window = doc[position : position + self._longest[first]]
                for match_id, start, end in self._matchers[first](window):
                    if start == 0:
                        yield self._vocab.strings[match_id], position, position + end

    def find(self, doc: Doc) -> list[TriggerMatch]:
        """Triggers in the doc, in text order; on overlaps the longest, then most specific wins."""
        candidates: list[TriggerMatch] = []
        for key, start, end in self._raw_matches(doc):
            entry, pattern = self._patterns[key]
            head = _head_position(start, end, pattern)
            if (
                not _inside_a_name(doc[head])
                and _gap_bridged_by_syntax(doc, start, end, pattern, head)
                and _conditions_hold(doc, start, end, doc[head], entry.conditions)
            ):
                candidates.append(
                    TriggerMatch(start, end, head, entry.code, pattern.nominal, entry.entry_id)
                )
        candidates.sort(key=self._precedence)
        kept: list[TriggerMatch] = []
        # Tokens of the triggers kept so far: an overlap is a shared token, found without
        # reading every kept trigger again.
        taken: set[int] = set()
        for candidate in candidates:
            tokens = range(candidate.start, candidate.end)
            if taken.isdisjoint(tokens):
                kept.append(candidate)
                taken.update(tokens)
        return sorted(kept, key=lambda match: match.start)

    def _precedence(self, match: TriggerMatch) -> tuple[int, int, int]:
        # Longer spans first; then entries whose required context was found; then finer codes.
        strictness = self._strictness[match.lexicon_entry]
        return (match.start - match.end, -strictness, -len(match.code.code))

    def surface_forms(self) -> frozenset[str]:
        """Lowercased inflected forms of one required word of every pattern (its longest), for a
        filter that runs before tagging: a sentence with none of them cannot match."""
        return self._surface_forms


def _key_word(pattern: TriggerPattern) -> str:
    # Every word of a pattern must occur for it to match, so any word can stand for it in the
    # pre-parse filter; the longest is the rarest in practice ("willing" rather than "be").
    return max((word for word in pattern.words if word is not None), key=len)


def _token_specs(
    pattern: TriggerPattern, forms_of: Callable[[str], frozenset[str]]
) -> list[dict[str, Any]]:
    specs: list[dict[str, Any]] = []
    for index, word in enumerate(pattern.words):
        if word is None:
            specs.append({"LOWER": {"NOT_IN": GAP_STOPS}, "OP": GAP_OPERATOR})
            continue
        spec: dict[str, Any] = {"LOWER": {"IN": sorted(forms_of(word))}}
        if index == pattern.head_index:
            spec["POS"] = {"IN": list(NOUN_TAGS if pattern.nominal else VERB_TAGS)}
        specs.append(spec)
    return specs


def _head_position(start: int, end: int, pattern: TriggerPattern) -> int:
    # Gaps lie on one side of the head only (checked on loading), so one end fixes its position.
    words = pattern.words
    if None not in words[: pattern.head_index]:
        return start + pattern.head_index
    return end - (len(words) - pattern.head_index)


def _inside_a_name(head: Token) -> bool:
    return head.pos_ == "PROPN" and head.ent_type_ in NAME_ENTITY_TYPES


def _gap_bridged_by_syntax(
    doc: Doc, start: int, end: int, pattern: TriggerPattern, head: int
) -> bool:
    words = pattern.words
    if None not in words:
        return True
    # The word just across the gap from the head ("lifted the State of Emergency": "State").
    if None in words[: pattern.head_index]:
        far_word = doc[start + words.index(None) - 1]
    else:
        last_gap = len(words) - 1 - words[::-1].index(None)
        far_word = doc[end - (len(words) - last_gap - 1)]
    for _ in range(GAP_ATTACHMENT_STEPS):
        if far_word.head.i == head:
            return True
        if far_word.head.i == far_word.i:
            return False
        far_word = far_word.head
    return False


def _words_of(token: Token) -> set[str]:
    return {token.lemma_.lower(), token.lower_}


def _conditions_hold(doc: Doc, start: int, end: int, head: Token, conditions: Conditions) -> bool:
    if head.dep_ in conditions.forbid_own_deps:
        return False
    children = list(head.children)
    child_words: set[str] = set().union(*(_words_of(child) for child in children))
    child_deps = {child.dep_ for child in children}
    if child_words & conditions.forbid_children or child_deps & conditions.forbid_child_deps:
        return False
    if conditions.require_children and not child_words & conditions.require_children:
        return False
    if conditions.require_child_deps and not child_deps & conditions.require_child_deps:
        return False
    if conditions.forbid_near or conditions.require_near:
        window = [*doc[max(0, start - NEAR_WINDOW) : start], *doc[end : end + NEAR_WINDOW]]
        near_words: set[str] = set().union(*(_words_of(token) for token in window))
        if near_words & conditions.forbid_near:
            return False
        if conditions.require_near and not near_words & conditions.require_near:
            return False
    return True
