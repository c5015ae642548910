"""The engine, loaded once for all engine tests, and a helper to code a few sentences."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest

from schemas import Article, DiplomaticEvent
from services.extraction import ExtractionEngine

PUBLISHED_AT = datetime(2025, 3, 3, 12, 0, tzinfo=UTC)


@pytest.fixture(scope="session")
def engine() -> ExtractionEngine:
    """The default engine: spaCy model and shipped data."""
    return ExtractionEngine.load()


@pytest.fixture(scope="session")
def code(engine: ExtractionEngine) -> Callable[[str], list[DiplomaticEvent]]:
    """Events of a short article written for a test."""

    def run(text: str) -> list[DiplomaticEvent]:
        return engine.extract(Article(id="unit", text=text, published_at=PUBLISHED_AT))

    return run


def article(text: str, article_id: str = "unit") -> Article:
    """An article published at the tests' fixed time."""
    return Article(id=article_id, text=text, published_at=PUBLISHED_AT)
