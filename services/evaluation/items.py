"""What every gold set is turned into: articles whose sentences carry the expected roots."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from schemas import Article, PloverRoot

MATCHING_FILE = Path(__file__).parent / "data" / "matching.yaml"
_WORD = re.compile(r"[\w'-]+")
_POSSESSIVE = re.compile(r"'s$")


class GoldFormatError(ValueError):
    """A gold file that does not have the expected shape."""


@dataclass(frozen=True)
class GoldActor:
    """An actor as the gold set gives it: the words of the mention and, if coded, its code."""

    text: str
    country: str | None = None


@dataclass(frozen=True)
class GoldSentence:
    """One scored sentence: where it sits in its article and what it should yield.

    ``roots`` holds every acceptable root (empty when the sentence must give no event);
    ``label`` is the one root the per-class scores count it under.
    """

    item_id: str
    start: int
    end: int
    roots: frozenset[PloverRoot]
    label: PloverRoot | None
    sources: tuple[GoldActor, ...] = ()
    targets: tuple[GoldActor, ...] = ()


@dataclass(frozen=True)
class GoldArticle:
    """An article to extract from, with its scored sentences."""

    article: Article
    sentences: tuple[GoldSentence, ...]


@dataclass(frozen=True)
class MatchingRules:
    """The contents of ``data/matching.yaml``."""

    root_aliases: dict[str, tuple[PloverRoot, ...]]
    country_fixes: dict[str, str]
    uncoded_codes: frozenset[str]
    ignored_words: frozenset[str]
    function_words: frozenset[str]

    def roots_for(self, label: str) -> tuple[PloverRoot, ...]:
        """The current roots a gold label stands for; raises ValueError on an unknown label."""
        if label in self.root_aliases:
            return self.root_aliases[label]
        return (PloverRoot(label),)

    def content_words(self, mention: str) -> frozenset[str]:
        """The words of a mention that identify who it is."""
        return self.words(mention) - self.ignored_words

    def words(self, mention: str) -> frozenset[str]:
        """The lower-case words of a mention less articles and prepositions; a possessive is
        its owner's word ("Iran's government" has "iran"), as with a curly apostrophe, which
        splits off."""
        words = (_POSSESSIVE.sub("", word.lower()).strip("'-") for word in _WORD.findall(mention))
        return frozenset(word for word in words if word and word not in self.function_words)


@lru_cache(maxsize=1)
def matching_rules() -> MatchingRules:
    """The matching rules shipped with the evaluation."""
    raw: dict[str, Any] = yaml.safe_load(MATCHING_FILE.read_text(encoding="utf-8"))
    return MatchingRules(
        root_aliases={
            name: tuple(PloverRoot(root) for root in roots)
            for name, roots in raw["gold_root_aliases"].items()
        },
        country_fixes=dict(raw["gsr_country_fixes"]),
        uncoded_codes=frozenset(raw["gsr_uncoded_codes"]),
        ignored_words=frozenset(raw["ignored_words"]),
        function_words=frozenset(raw["function_words"]),
    )


def mentions_overlap(first: str, gold: str) -> bool:
    """Whether an actor mention shares an identifying word with a gold mention ("Iran's Zarif"
    ~ "Zarif"). A gold mention made only of generic words ("the prime minister", "police") has
    no identifying word: its generic words are then what identifies it."""
    rules = matching_rules()
    wanted = rules.content_words(gold)
    if wanted:
        return bool(rules.content_words(first) & wanted)
    return bool(rules.words(first) & rules.words(gold))


def single_sentence_article(
    item_id: str,
    text: str,
    label: str,
    sources: tuple[GoldActor, ...],
    targets: tuple[GoldActor, ...],
) -> GoldArticle:
    """A gold set of lone sentences becomes one article per sentence."""
    roots = matching_rules().roots_for(label)
    sentence = GoldSentence(
        item_id=item_id,
        start=0,
        end=len(text),
        roots=frozenset(roots),
        label=roots[0],
        sources=sources,
        targets=targets,
    )
    return GoldArticle(Article(id=item_id, text=text), (sentence,))
