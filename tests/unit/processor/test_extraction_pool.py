from __future__ import annotations

import asyncio
from concurrent.futures import BrokenExecutor

import pytest

from schemas import Article
from services.processor.extraction_pool import ExtractionOutcome, ExtractionPool, split_evenly
from services.processor.metrics import REGISTRY
from services.settings import Settings

ARTICLE = Article(id="a1", text="Russia met China.")
EXTRACTION_CALLS = "dipstream_extraction_duration_seconds_count"


def test_pass_through_mode_is_loaded_at_once_and_codes_nothing() -> None:
    pool = ExtractionPool(Settings(_env_file=None, extraction_passthrough=True))
    assert pool.loaded
    assert asyncio.run(pool.extract([ARTICLE, ARTICLE])) == [[], []]


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
        assert isinstance(outcome, list)
        assert outcome
        assert {event.article_id for event in outcome} == {article.id}
