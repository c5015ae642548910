"""The extraction engine run offline, without Kafka: for eval, bench extract and extract.

It loads the engine (a missing model is a user error) and codes articles so that one the engine
fails on costs only its own events.

The engine is imported when called, not at module import: every ``dipstream`` command module
is imported at start-up, and the Kafka commands should neither wait for spaCy nor fail when the
engine cannot load.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from schemas import Article, DiplomaticEvent
from services.errors import UserError
from services.settings import Settings

if TYPE_CHECKING:
    from services.extraction import ExtractionEngine


class BatchExtractor(Protocol):
    """What the offline commands need of the engine."""

    def extract_batch(self, articles: Sequence[Article]) -> list[list[DiplomaticEvent]]: ...


def load_engine(
    settings: Settings, confidence_threshold: float = 0.0, prefilter: bool = True
) -> ExtractionEngine:
    """The engine configured by ``settings`` (model, actor folders, time budget per article);
    a missing spaCy model is a user error.

    ``prefilter=False`` parses every sentence, the baseline the pre-filter is measured against.
    """
    from services.extraction import ExtractionEngine
    from services.extraction.data_loader import load_engine_data
    from services.extraction.sentences.pipeline import PipelineUnavailableError

    try:
        return ExtractionEngine.load(
            settings.spacy_model,
            data=load_engine_data(settings.actor_data_dirs),
            confidence_threshold=confidence_threshold,
            prefilter=prefilter,
            article_budget_s=settings.extraction_timeout_s,
        )
    except PipelineUnavailableError as error:
        raise UserError(str(error)) from error
    except (OSError, ValueError) as error:
        # Unreadable or invalid data files, the user's actor folders among them.
        raise UserError(f"the extraction engine could not load: {error}") from error


def extractor_version() -> str:
    """The version the engine stamps on its events."""
    from services.extraction import EXTRACTOR_VERSION

    return EXTRACTOR_VERSION


def extract_each(
    engine: BatchExtractor, articles: Sequence[Article]
) -> tuple[list[list[DiplomaticEvent]], dict[str, str]]:
    """Events of every article, and the error of each article the engine failed on.

    The whole batch is tried first; if the engine raises, each article is retried alone so that
    one bad article costs only its own events.
    """
    try:
        return engine.extract_batch(articles), {}
    except Exception:
        # Whatever the engine raised, retry alone to learn which articles it fails on.
        return _extract_one_by_one(engine, articles)


def _extract_one_by_one(
    engine: BatchExtractor, articles: Sequence[Article]
) -> tuple[list[list[DiplomaticEvent]], dict[str, str]]:
    results: list[list[DiplomaticEvent]] = []
    errors: dict[str, str] = {}
    for article in articles:
        try:
            results.append(engine.extract_batch([article])[0])
        except Exception as error:
            # An engine bug on one article must not hide the others' results.
            errors[article.id] = f"{type(error).__name__}: {error}"
            results.append([])
    return results, errors
