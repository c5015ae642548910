from __future__ import annotations

import asyncio
import time
from concurrent.futures import BrokenExecutor
from pathlib import Path
from typing import cast

import pytest

from schemas import Article
from services.extraction import ExtractionEngine
from services.extraction.budget import ExtractionTimeoutError
from services.extraction.sentence_faults import ArticleEvents
from services.processor.extraction_pool import ExtractionOutcome, ExtractionPool, split_evenly
from services.processor.extraction_processes import (
    PARSE_CHUNK,
    ExtractionProcessDied,
    ForkedEngines,
    code_in_chunks,
)
from services.processor.metrics import REGISTRY
from services.settings import Settings

ARTICLE = Article(id="a1", text="Russia met China.")
EXTRACTION_CALLS = "dipstream_extraction_duration_seconds_count"


def test_pass_through_mode_is_loaded_at_once_and_codes_nothing() -> None:
    pool = ExtractionPool(Settings(_env_file=None, extraction_passthrough=True))
    assert pool.loaded
    assert asyncio.run(pool.extract([ARTICLE, ARTICLE])) == [ArticleEvents([]), ArticleEvents([])]


def test_a_model_that_cannot_load_breaks_start_and_leaves_the_pool_unloaded() -> None:
    settings = Settings(_env_file=None, extraction_workers=0, spacy_model="no_such_model_xyz")
    pool = ExtractionPool(settings)
    with pytest.raises(BrokenExecutor):
        asyncio.run(pool.start())
    assert not pool.loaded


def test_split_evenly_keeps_order_and_balances_the_runs() -> None:
    articles = [Article(id=f"a{index}", text="Russia met China.") for index in range(5)]
    runs = split_evenly(articles, 2)
    assert [[article.id for article in run] for run in runs] == [["a0", "a1", "a2"], ["a3", "a4"]]
    assert split_evenly(articles[:1], 3) == [articles[:1]]
    assert split_evenly(articles, 1) == [articles]


class _ChunkRecorder:
    """Stands for the engine: records the batches it is given, answers no event for each."""

    def __init__(self) -> None:
        self.batch_sizes: list[int] = []

    def code_batch(self, articles: list[Article]) -> list[ArticleEvents]:
        self.batch_sizes.append(len(articles))
        return [ArticleEvents([]) for _ in articles]


def test_the_engine_parses_a_share_a_few_articles_at_a_time_in_order() -> None:
    articles = [Article(id=f"a{index}", text="Russia met China.") for index in range(10)]
    recorder = _ChunkRecorder()
    assert code_in_chunks(cast(ExtractionEngine, recorder), articles) == [ArticleEvents([])] * 10
    assert recorder.batch_sizes == [PARSE_CHUNK, PARSE_CHUNK, 10 - 2 * PARSE_CHUNK]


def test_two_processes_share_a_batch_and_keep_its_order() -> None:
    texts = (
        "Germany accused Poland of violating the agreement.",
        "Egypt and Israel held talks in Geneva on Monday.",
        "India accused Pakistan of violating the agreement.",
    )
    articles = [Article(id=f"order-{index}", text=text) for index, text in enumerate(texts)]

    async def extract_with_two_processes() -> list[ExtractionOutcome]:
        pool = ExtractionPool(Settings(_env_file=None, extraction_workers=2))
        await pool.start()
        try:
            return await pool.extract(articles)
        finally:
            pool.close()

    calls_before = REGISTRY.get_sample_value(EXTRACTION_CALLS) or 0.0
    outcomes = asyncio.run(extract_with_two_processes())
    # One engine call per process: a share of two articles and a share of one.
    assert REGISTRY.get_sample_value(EXTRACTION_CALLS) == calls_before + 2
    for article, outcome in zip(articles, outcomes, strict=True):
        assert isinstance(outcome, ArticleEvents)
        assert outcome.events
        assert outcome.failed_sentences == ()
        assert {event.article_id for event in outcome.events} == {article.id}


@pytest.mark.parametrize("workers", [0, 1], ids=["in a thread", "in a forked process"])
def test_the_engine_gets_the_time_budget_of_the_settings(workers: int) -> None:
    settings = Settings(_env_file=None, extraction_workers=workers, extraction_timeout_s=1e-9)

    async def extract() -> list[ExtractionOutcome]:
        pool = ExtractionPool(settings)
        await pool.start()
        try:
            return await pool.extract([ARTICLE])
        finally:
            pool.close()

    [outcome] = asyncio.run(extract())
    assert isinstance(outcome, ExtractionTimeoutError)


def test_forked_processes_report_a_model_that_cannot_load() -> None:
    engines = ForkedEngines(1, "no_such_model_xyz", (), 0.0, None)
    engines.launch()
    try:
        with pytest.raises(ExtractionProcessDied):
            engines.wait_ready()
    finally:
        engines.close()


def test_an_engine_error_comes_back_and_the_processes_go_with_the_pool() -> None:
    engines = ForkedEngines(1, Settings(_env_file=None).spacy_model, (), 0.0, None)
    engines.launch()
    try:
        engines.wait_ready()
        assert engines.run(0, [ARTICLE])[0]
        with pytest.raises(AttributeError):
            # Not an article: the engine's own error comes back, and the process codes on.
            engines.run(0, cast(list[Article], ["not an article"]))
        assert engines.run(0, [ARTICLE])[0]
    finally:
        engines.close()
    deadline = time.monotonic() + 5
    while any(Path(f"/proc/{pid}").exists() for pid in engines.pids):
        assert time.monotonic() < deadline, "an extraction process outlived its pool"
        time.sleep(0.05)
