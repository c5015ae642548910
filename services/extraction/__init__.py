"""The extraction engine: from an article to coded diplomatic events (no Kafka here)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from schemas import Article, DiplomaticEvent
from services.extraction.engine import ExtractionEngine
from services.extraction.events.assembly import EXTRACTOR_VERSION


@cache
def default_engine() -> ExtractionEngine:
    """The engine with default model and data, created on first use and then shared."""
    return ExtractionEngine.load()


def extract_events(article: Article) -> list[DiplomaticEvent]:
    """The coded events of one article, with the default engine."""
    return default_engine().extract(article)


def extract_events_batch(articles: Sequence[Article]) -> list[list[DiplomaticEvent]]:
    """The coded events of each article, in order, with the default engine."""
    return default_engine().extract_batch(articles)


__all__ = [
    "EXTRACTOR_VERSION",
    "ExtractionEngine",
    "default_engine",
    "extract_events",
    "extract_events_batch",
]
