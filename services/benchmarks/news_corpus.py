"""A realistic news feed for the benchmarks, generated from a seed.

Throughput measured on the 77-word sample articles says little about wire stories of 300 to
1,200 words, most of which are not about diplomacy. This corpus has articles of 150 to 1,500
words (log-normal, median about 520) with a headline and a dateline; a configurable share is
diplomatic, the rest is sport, business, weather, crime, culture and science news built from the
templates and vocabularies of ``data/news.yaml`` (named people and places, numbers, quotes).

A diplomatic article is one of the project's own gold articles (``samples/articles.jsonl`` with
events, ``samples/news/dev``) given a dateline if it has none and padded with background
paragraphs to its drawn length, so that the pre-filter can be checked to lose none of its events.
"""

from __future__ import annotations

import argparse
import math
import random
import string
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from schemas import Article
from services.evaluation.gold_samples import NEWS_DIR, load_news, load_samples

NEWS_FILE = Path(__file__).parent / "data" / "news.yaml"
DEFAULT_SEED = 13
DEFAULT_DIPLOMATIC_SHARE = 0.2
MIN_WORDS, MAX_WORDS = 150, 1_500
# Room for the last sentence, which may run past the drawn length.
_LAST_SENTENCE_WORDS = 30
# Log-normal length: median and spread of ln(words), sized on wire stories of 300-1,200 words.
_MEDIAN_WORDS, _LOG_SPREAD = 520, 0.55
DIPLOMATIC_MARK = "-dip-"
_MONTHS = ("Jan", "Feb", "March", "April", "May", "June", "July", "Aug", "Sept", "Oct", "Nov")


@dataclass(frozen=True)
class _Topic:
    headlines: tuple[str, ...]
    sentences: tuple[str, ...]
    quotes: tuple[str, ...]
    speakers: tuple[str, ...]


@dataclass(frozen=True)
class _Vocabulary:
    topics: dict[str, _Topic]
    background: tuple[str, ...]
    cities: tuple[str, ...]
    agencies: tuple[str, ...]
    first_names: tuple[str, ...]
    last_names: tuple[str, ...]
    slots: dict[str, tuple[str, ...]]


@cache
def _vocabulary() -> _Vocabulary:
    raw: dict[str, Any] = yaml.safe_load(NEWS_FILE.read_text(encoding="utf-8"))
    return _Vocabulary(
        topics={
            name: _Topic(
                headlines=tuple(topic["headlines"]),
                sentences=tuple(topic["sentences"]),
                quotes=tuple(topic["quotes"]),
                speakers=tuple(topic["speakers"]),
            )
            for name, topic in raw["topics"].items()
        },
        background=tuple(raw["background"]),
        cities=tuple(raw["datelines"]["cities"]),
        agencies=tuple(raw["datelines"]["agencies"]),
        first_names=tuple(raw["first_names"]),
        last_names=tuple(raw["last_names"]),
        slots={name: tuple(values) for name, values in raw["slots"].items()},
    )


def add_feed_arguments(parser: argparse.ArgumentParser) -> None:
    """The options that shape the feed: ``--diplomatic-share`` and ``--seed``."""
    parser.add_argument(
        "--diplomatic-share",
        type=float,
        default=DEFAULT_DIPLOMATIC_SHARE,
        help=f"share of diplomatic articles in the feed (default {DEFAULT_DIPLOMATIC_SHARE})",
    )
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="news feed seed")


def gold_articles() -> list[Article]:
    """The project's own diplomatic gold articles: sample articles with events, news dev."""
    own = load_samples()
    with_events = {event.article_id for event in own.events}
    articles = [gold.article for gold in own.articles if gold.article.id in with_events]
    return articles + [gold.article for gold in load_news(NEWS_DIR / "dev", None).articles]


def is_diplomatic(article: Article) -> bool:
    """Whether a corpus article embeds a gold article."""
    return DIPLOMATIC_MARK in article.id


def news_corpus(
    count: int,
    diplomatic_share: float = DEFAULT_DIPLOMATIC_SHARE,
    seed: int = DEFAULT_SEED,
    gold: Sequence[Article] | None = None,
) -> list[Article]:
    """``count`` articles, ``diplomatic_share`` of them diplomatic and spread evenly through the
    feed; the same arguments give the same articles."""
    golds = list(gold) if gold is not None else gold_articles()
    writer = _Writer(random.Random(seed), _vocabulary())
    articles: list[Article] = []
    used = 0
    for index in range(count):
        words = writer.length()
        if golds and math.floor((index + 1) * diplomatic_share) > used:
            source = golds[used % len(golds)]
            used += 1
            articles.append(
                writer.diplomatic(f"news-{index:05d}{DIPLOMATIC_MARK}{source.id}", source, words)
            )
        else:
            articles.append(writer.ordinary(f"news-{index:05d}", words))
    return articles


class _Writer:
    """Fills templates with one random generator, so a seed fixes the whole corpus."""

    def __init__(self, chooser: random.Random, vocabulary: _Vocabulary) -> None:
        self._chooser = chooser
        self._vocabulary = vocabulary

    def length(self) -> int:
        drawn = self._chooser.lognormvariate(math.log(_MEDIAN_WORDS), _LOG_SPREAD)
        return min(MAX_WORDS - _LAST_SENTENCE_WORDS, max(MIN_WORDS, round(drawn)))

    def ordinary(self, article_id: str, words: int) -> Article:
        name = self._chooser.choice(sorted(self._vocabulary.topics))
        topic = self._vocabulary.topics[name]
        body = self._paragraphs([topic], words)
        return Article(
            id=f"{article_id}-{name}",
            title=self._fill(self._chooser.choice(topic.headlines)),
            text=f"{self._dateline()}{body}",
        )

    def diplomatic(self, article_id: str, source: Article, words: int) -> Article:
        text = source.text.strip()
        # A wire story opens with its dateline: "LIMA, May 3 (Example Wire) - ".
        if not text.split(maxsplit=1)[0].rstrip(",").isupper():
            text = self._dateline() + text
        missing = words - len(text.split())
        if missing > 0:
            background = [self._vocabulary.topics[name] for name in self._vocabulary.background]
            text = f"{text}\n\n{self._paragraphs(background, missing)}"
        return Article(id=article_id, title=source.title or self._headline(text), text=text)

    def _paragraphs(self, topics: Sequence[_Topic], words: int) -> str:
        paragraphs: list[str] = []
        written = 0
        while written < words:
            topic = self._chooser.choice(topics)
            # Distinct templates within a paragraph: a wire story does not repeat itself at once.
            templates = self._chooser.sample(topic.sentences, self._chooser.randint(1, 3))
            sentences: list[str] = []
            for template in templates:
                sentence = (
                    self._quote(topic) if self._chooser.random() < 0.2 else self._fill(template)
                )
                sentences.append(sentence)
                written += len(sentence.split())
                if written >= words:
                    break
            paragraphs.append(" ".join(sentences))
        return "\n\n".join(paragraphs)

    def _quote(self, topic: _Topic) -> str:
        quote = self._chooser.choice(topic.quotes)
        return f'"{quote}," said {self._person()}, {self._chooser.choice(topic.speakers)}.'

    def _fill(self, template: str) -> str:
        values: dict[str, str] = {}
        for _, field, _, _ in string.Formatter().parse(template):
            if field and field not in values:
                values[field] = (
                    self._person()
                    if field.startswith("person")
                    else self._chooser.choice(self._vocabulary.slots[field])
                )
        return template.format(**values)

    def _person(self) -> str:
        first = self._chooser.choice(self._vocabulary.first_names)
        return f"{first} {self._chooser.choice(self._vocabulary.last_names)}"

    def _dateline(self) -> str:
        city = self._chooser.choice(self._vocabulary.cities)
        month = self._chooser.choice(_MONTHS)
        agency = self._chooser.choice(self._vocabulary.agencies)
        return f"{city}, {month} {self._chooser.randint(1, 28)} ({agency}) - "

    @staticmethod
    def _headline(text: str) -> str:
        return " ".join(text.split()[:10])
