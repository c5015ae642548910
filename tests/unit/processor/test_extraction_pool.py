from __future__ import annotations

import asyncio
from concurrent.futures import BrokenExecutor

import pytest

from schemas import Article
from services.processor.extraction_pool import ExtractionPool
from services.settings import Settings

ARTICLE = Article(id="a1", text="Russia met China.")


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
