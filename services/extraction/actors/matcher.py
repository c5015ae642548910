"""Finding the gazetteer's spellings and role nouns in a parsed document."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import spacy
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans
from spacy.vocab import Vocab

from services.extraction.actors.entries import GazetteerEntry, entry_on
from services.extraction.actors.gazetteer import ActorGazetteer, Role


@dataclass(frozen=True)
class NameMatch:
    """A known spelling at tokens [start, end)."""

    start: int
    end: int
    entry: GazetteerEntry


@dataclass(frozen=True)
class RoleMatch:
    """A role noun or title at tokens [start, end), e.g. "foreign ministers", "Vice-President"."""

    start: int
    end: int
    role: Role


def _same_capitals(written: str, token: Token) -> bool:
    """An upper-case word must be upper case in the text, a capitalised one capitalised."""
    if written.isupper() and len(written) > 1:
        return token.text.isupper()
    if written[:1].isupper():
        return token.text[:1].isupper()
    return True


class ActorMatcher:
    """The gazetteer compiled into a spaCy PhraseMatcher; build once, use for every document."""

    def __init__(self, gazetteer: ActorGazetteer, vocab: Vocab) -> None:
        self._gazetteer = gazetteer
        # The pipeline's own tokenizer rules, so "U.S." in a pattern splits as in running text.
        english = spacy.blank("en", vocab=vocab)
        self._matcher = PhraseMatcher(vocab, attr="LOWER")
        self._written: dict[str, list[list[str]]] = {}
        for key, spellings in gazetteer.spellings.items():
            patterns = [english.make_doc(spelling) for spelling in sorted(spellings)]
            self._written[key] = [[token.text for token in pattern] for pattern in patterns]
            self._matcher.add(key, patterns)
        self._longest_role = gazetteer.longest_role_term
        # What a role term's first word may be: the term up to its end or to any character
        # that is no letter ("vice" of "vice-president", "foreign" of "foreign minister").
        self._role_openings = frozenset(
            term[:end]
            for term in gazetteer.roles
            for end in range(1, len(term) + 1)
            if end == len(term) or not term[end].isalpha()
        )

    @property
    def gazetteer(self) -> ActorGazetteer:
        """The gazetteer this matcher was compiled from."""
        return self._gazetteer

    def names(self, doc: Doc, on: date | None = None) -> list[NameMatch]:
        """Known names, demonyms and metonyms as they stood on the day ``on``; overlapping
        matches keep the longest."""
        spans = []
        for match_id, start, end in self._matcher(doc):
            key = doc.vocab.strings[match_id]
            if self._capitals_agree(key, doc[start:end]):
                spans.append(Span(doc, start, end, label=match_id))
        return [
            NameMatch(span.start, span.end, entry_on(self._gazetteer.terms[span.label_], on))
            for span in filter_spans(spans)
        ]

    def _capitals_agree(self, key: str, span: Span) -> bool:
        return any(
            len(words) == len(span)
            and all(_same_capitals(word, token) for word, token in zip(words, span, strict=True))
            for words in self._written[key]
        )

    def roles(self, doc: Doc) -> list[RoleMatch]:
        """Role nouns, the longest term first at each token ("foreign minister", not "minister")."""
        found: list[RoleMatch] = []
        position = 0
        while position < len(doc):
            match = self._role_at(doc, position)
            if match is None:
                position += 1
            else:
                found.append(match)
                position = match.end
        return found

    def role_of(self, words: Span) -> Role | None:
        """The role some words name; the last may be plural ("foreign ministers")."""
        # As written, so "Vice-President" (three tokens) reads "vice-president".
        leading = words[:-1].text_with_ws.lower()
        last = words[-1]
        for last_form in (last.lower_, last.lemma_.lower()):
            role = self._gazetteer.role(leading + last_form)
            if role is not None:
                return role
        return None

    def _may_open_role(self, doc: Doc, first: Token) -> bool:
        """Whether a role term may start at ``first``: most words open none, and are passed
        over without building the spans of every length after them."""
        if first.lower_ in self._role_openings or first.lemma_.lower() in self._role_openings:
            return True
        # A word the tokenizer split from the letters after it ("cannot"): not worth the risk.
        following = first.i + 1
        return not first.whitespace_ and following < len(doc) and doc[following].text[:1].isalpha()

    def is_title_word(self, token: Token) -> bool:
        """Whether one word is a title before a name: "President", "General", "Mr", "Dr."."""
        if self._gazetteer.is_honorific(token.text):
            return True
        return any(self._gazetteer.role(form) for form in (token.lower_, token.lemma_.lower()))

    def _role_at(self, doc: Doc, start: int) -> RoleMatch | None:
        first = doc[start]
        if not first.is_alpha or not self._may_open_role(doc, first):
            return None
        for length in range(min(self._longest_role, len(doc) - start), 0, -1):
            words = doc[start : start + length]
            last = words[-1]
            if last.pos_ not in ("NOUN", "PROPN"):
                continue
            role = self.role_of(words)
            if role is not None:
                return RoleMatch(start, start + length, role)
        return None
