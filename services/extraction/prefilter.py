"""The cheap pre-filter: which sentences deserve the full tagger and parser.

It looks only at lowercase tokens (no tagging, no parsing). A sentence is a candidate when it
holds a trigger word form and either

* names an actor itself ("Japan met India"),
* refers back to an actor named in the sentences just before it, by a pronoun or a role noun
  ("he said they will meet", "the minister met"), or
* refers back to an event already found, by a determiner before the trigger word ("the call
  is scheduled", "such negotiations", "the upcoming contact").

Sentences naming actors before a candidate are kept as context, so that coreference still finds
its antecedents.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc

from services.extraction.nlp import SentenceSlice

# How many sentences back a pronoun or role noun may find its actor.
_REFERENCE_WINDOW = 3
# How many words may stand between a determiner and the trigger it marks as known.
_DETERMINER_REACH = 3


class PhraseIndex:
    """Lowercase word sequences looked up by their first word."""

    def __init__(self, phrases: Iterable[tuple[str, ...]]) -> None:
        self._by_first: dict[str, set[tuple[str, ...]]] = {}
        for phrase in phrases:
            if phrase:
                self._by_first.setdefault(phrase[0], set()).add(phrase)

    @classmethod
    def from_texts(cls, texts: Iterable[str], tokenizer: Callable[[str], Doc]) -> PhraseIndex:
        """Index surface forms, tokenized the way article text is."""
        return cls(
            tuple(token.lower_ for token in tokenizer(text) if not token.is_space)
            for text in {text.strip().lower() for text in texts}
            if text
        )

    def positions(self, lowers: Sequence[str]) -> list[int]:
        """Where indexed phrases start in the token sequence."""
        found = []
        for position, word in enumerate(lowers):
            for phrase in self._by_first.get(word, ()):
                if tuple(lowers[position : position + len(phrase)]) == phrase:
                    found.append(position)
                    break
        return found

    def occurs_in(self, lowers: Sequence[str]) -> bool:
        """Whether any indexed phrase occurs in the token sequence."""
        return bool(self.positions(lowers))

    def __len__(self) -> int:
        return sum(len(phrases) for phrases in self._by_first.values())


@dataclass(frozen=True)
class PrefilterWords:
    """The word lists the pre-filter looks for."""

    triggers: PhraseIndex
    actors: PhraseIndex
    references: PhraseIndex
    determiners: frozenset[str]


class SentencePrefilter:
    """Chooses the sentences of an article that the full pipeline must parse."""

    def __init__(self, words: PrefilterWords) -> None:
        self._words = words

    def select(self, sentences: Sequence[SentenceSlice]) -> list[SentenceSlice]:
        """The candidate sentences and their context, in article order."""
        keep = [False] * len(sentences)
        last_named = -_REFERENCE_WINDOW - 1
        candidate_seen = False
        pending_context: list[int] = []
        for index, sentence in enumerate(sentences):
            names_actor = self._words.actors.occurs_in(sentence.lowers)
            if names_actor:
                last_named = index
            triggers = self._words.triggers.positions(sentence.lowers)
            if triggers and (
                names_actor
                or (
                    index - last_named <= _REFERENCE_WINDOW
                    and self._words.references.occurs_in(sentence.lowers)
                )
                or (candidate_seen and self._marks_known_event(sentence.lowers, triggers))
            ):
                keep[index] = True
                candidate_seen = True
                for context in pending_context:
                    keep[context] = True
                pending_context = []
            elif names_actor:
                pending_context.append(index)
        return [sentence for sentence, kept in zip(sentences, keep, strict=True) if kept]

    def _marks_known_event(self, lowers: Sequence[str], triggers: Sequence[int]) -> bool:
        determiners = self._words.determiners
        return any(
            word in determiners
            for position in triggers
            for word in lowers[max(0, position - _DETERMINER_REACH) : position]
        )
