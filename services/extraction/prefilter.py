"""The cheap pre-filter: which sentences deserve the full tagger and parser.

It looks only at lowercase tokens (no tagging, no parsing). A sentence is a candidate when it
holds a trigger word form and an actor name has appeared in the article by then (a sentence
without a name can still carry an event through "he" or "the call"). Sentences naming actors
before a candidate are kept as context, so coreference still finds its antecedents.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from spacy.tokens import Doc

from services.extraction.nlp import SentenceSlice


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

    def occurs_in(self, lowers: Sequence[str]) -> bool:
        """Whether any indexed phrase occurs in the token sequence."""
        for position, word in enumerate(lowers):
            for phrase in self._by_first.get(word, ()):
                if tuple(lowers[position : position + len(phrase)]) == phrase:
                    return True
        return False

    def __len__(self) -> int:
        return sum(len(phrases) for phrases in self._by_first.values())


class SentencePrefilter:
    """Chooses the sentences of an article that the full pipeline must parse."""

    def __init__(self, trigger_forms: PhraseIndex, actor_forms: PhraseIndex) -> None:
        self._triggers = trigger_forms
        self._actors = actor_forms

    def select(self, sentences: Sequence[SentenceSlice]) -> list[SentenceSlice]:
        """The candidate sentences and their context, in article order."""
        names_actor = [self._actors.occurs_in(sentence.lowers) for sentence in sentences]
        has_trigger = [self._triggers.occurs_in(sentence.lowers) for sentence in sentences]
        keep = [False] * len(sentences)
        actor_seen = False
        pending_context: list[int] = []
        for index in range(len(sentences)):
            actor_seen = actor_seen or names_actor[index]
            if has_trigger[index] and actor_seen:
                keep[index] = True
                for context in pending_context:
                    keep[context] = True
                pending_context = []
            elif names_actor[index]:
                pending_context.append(index)
        return [sentence for sentence, kept in zip(sentences, keep, strict=True) if kept]
