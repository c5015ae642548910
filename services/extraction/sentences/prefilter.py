"""The cheap pre-filter: which sentences deserve the full tagger and parser.

It looks only at tokens' lowercase forms and capitals (no tagging, no parsing). A sentence is a
candidate when it holds every word of some trigger pattern (the head in any inflection, the
other words anywhere in the sentence) and either

* names an actor itself: a name or role noun of the gazetteer, or a capitalised word the
  entity recogniser might take for an unknown person or organisation ("Japan met India",
  "police arrested", "Bapat held talks"),
* refers back to an actor named in the sentences just before it, by a pronoun or a role noun
  ("he said they will meet", "the minister met"), or
* refers back to an event already found, by a determiner before the trigger word ("the call
  is scheduled", "such negotiations", "the upcoming contact").

A trigger surface form that is common outside diplomacy ("beat", "yields", "clear", listed in
``data/lexicon/prefilter_ambiguous.yaml``) counts only beside an actor of the gazetteer or a
reference back to one: an unknown capitalised word ("Arsenal beat Chelsea", "Bond yields rose")
or a determiner ("the striker") is not enough. Patterns of several words are never ambiguous.

The sentences naming actors just before a sentence that refers back to them are kept as context,
so that coreference still finds its antecedents.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from spacy.tokens import Doc

from services.extraction.sentences.pipeline import SentenceSlice
from services.extraction.triggers import TriggerLexicon

AMBIGUOUS_FORMS_FILE = (
    Path(__file__).parent.parent / "data" / "lexicon" / "prefilter_ambiguous.yaml"
)
# How many sentences back a pronoun or role noun may find its actor.
_REFERENCE_WINDOW = 3
# Words after which a word is a noun, never a verb.
_NOUN_DETERMINERS = frozenset({"the", "a", "an", "its", "their", "his", "our", "your", "my"})
# How many words may stand between a determiner and the trigger it marks as known.
_DETERMINER_REACH = 3


def load_ambiguous_forms(path: Path = AMBIGUOUS_FORMS_FILE) -> frozenset[str]:
    """The lowercase trigger forms that need a known actor beside them to pass the pre-filter."""
    try:
        document: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
        return frozenset(str(form).lower() for form in document["forms"])
    except (OSError, yaml.YAMLError, KeyError, TypeError) as error:
        raise ValueError(f"{path}: not a list of ambiguous trigger forms: {error}") from error


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


class TriggerIndex:
    """Trigger patterns by the forms of their head word, with the forms of their other words."""

    def __init__(
        self,
        patterns: Iterable[tuple[frozenset[str], tuple[frozenset[str], ...]]],
        ambiguous: frozenset[str] = frozenset(),
        verbs_only: frozenset[str] = frozenset(),
    ) -> None:
        self._ambiguous = ambiguous
        self._verbs_only = verbs_only
        by_head: dict[str, set[tuple[frozenset[str], ...]]] = {}
        for heads, others in patterns:
            for form in heads:
                by_head.setdefault(form, set()).add(others)
        self._by_head = {head: tuple(others) for head, others in by_head.items()}

    @classmethod
    def from_lexicon(
        cls, lexicon: TriggerLexicon, ambiguous: frozenset[str] = frozenset()
    ) -> TriggerIndex:
        """Every pattern of the lexicon, each word in all its inflections; single-word patterns
        whose head takes one of the ``ambiguous`` forms need a known actor to count."""
        patterns = []
        verb_forms: set[str] = set()
        noun_forms: set[str] = set()
        for entry in lexicon.entries:
            for pattern in entry.patterns:
                head = pattern.words[pattern.head_index]
                if head is None:
                    continue
                others = tuple(
                    lexicon.forms_of(word)
                    for index, word in enumerate(pattern.words)
                    if word is not None and index != pattern.head_index
                )
                forms = lexicon.forms_of(head)
                patterns.append((forms, others))
                if pattern.nominal:
                    noun_forms |= forms
                else:
                    # The base and -s forms, which read as nouns after a determiner; never the
                    # participles, which the tagger may call verbs there ("the injured pilot").
                    verb_forms |= forms & {head, f"{head}s", f"{head}es"}
        return cls(patterns, ambiguous, frozenset(verb_forms - noun_forms))

    def positions(self, lowers: Sequence[str]) -> list[int]:
        """Where a head word stands whose pattern's other words all occur in the sentence."""
        present = set(lowers)
        return [
            position
            for position, word in enumerate(lowers)
            if not self._noun_use(lowers, position)
            and any(
                all(not present.isdisjoint(forms) for forms in others)
                for others in self._by_head.get(word, ())
            )
        ]

    def _noun_use(self, lowers: Sequence[str], position: int) -> bool:
        """A head only verb patterns have, right after a determiner: a noun ("the team", "its
        finance director"), which no pattern needing a verb matches."""
        return (
            position > 0
            and lowers[position] in self._verbs_only
            and lowers[position - 1] in _NOUN_DETERMINERS
        )

    def any_unambiguous(self, lowers: Sequence[str], positions: Sequence[int]) -> bool:
        """Whether a trigger at one of ``positions`` is other than a lone ambiguous form."""
        present = set(lowers)
        for position in positions:
            word = lowers[position]
            if word not in self._ambiguous:
                return True
            if any(
                others and all(not present.isdisjoint(forms) for forms in others)
                for others in self._by_head[word]
            ):
                return True
        return False


@dataclass(frozen=True)
class PrefilterWords:
    """The word lists the pre-filter looks for."""

    triggers: TriggerIndex
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
        named: list[int] = []
        candidate_seen = False
        for index, sentence in enumerate(sentences):
            known_actor = self._words.actors.occurs_in(sentence.lowers)
            names_actor = known_actor or any(sentence.name_like)
            triggers = self._words.triggers.positions(sentence.lowers)
            recent = [earlier for earlier in named if index - earlier <= _REFERENCE_WINDOW]
            refers = bool(recent) and self._words.references.occurs_in(sentence.lowers)
            if not triggers:
                candidate = False
            elif self._words.triggers.any_unambiguous(sentence.lowers, triggers):
                known_event = candidate_seen and self._marks_known_event(sentence.lowers, triggers)
                candidate = names_actor or refers or known_event
            else:
                beside = _without(sentence.lowers, triggers)
                candidate = self._words.actors.occurs_in(beside) or (
                    bool(recent) and self._words.references.occurs_in(beside)
                )
            if candidate:
                keep[index] = True
                candidate_seen = True
                if refers:
                    # The sentences a pronoun or role noun may point back to.
                    for earlier in recent:
                        keep[earlier] = True
            if names_actor:
                named.append(index)
        return [sentence for sentence, kept in zip(sentences, keep, strict=True) if kept]

    def _marks_known_event(self, lowers: Sequence[str], triggers: Sequence[int]) -> bool:
        determiners = self._words.determiners
        return any(
            word in determiners
            for position in triggers
            for word in lowers[max(0, position - _DETERMINER_REACH) : position]
        )


def _without(lowers: Sequence[str], positions: Sequence[int]) -> list[str]:
    # A trigger word may itself be a role noun ("striker"): it does not vouch for itself.
    blanked = set(positions)
    return ["" if position in blanked else word for position, word in enumerate(lowers)]
