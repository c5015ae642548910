from __future__ import annotations

import time

import pytest

from schemas import Article
from services.extraction import ExtractionEngine
from services.extraction.budget import ArticleClock, ExtractionTimeoutError


def test_a_clock_without_budget_never_runs_out() -> None:
    clock = ArticleClock("a1", None)
    time.sleep(0.01)
    clock.check()


def test_a_clock_runs_out_past_its_budget_and_names_the_article() -> None:
    clock = ArticleClock("a1", 0.001)
    time.sleep(0.01)
    with pytest.raises(ExtractionTimeoutError, match=r"'a1'.*budget"):
        clock.check()


def test_an_article_past_its_budget_raises_instead_of_running_on() -> None:
    engine = ExtractionEngine.load(article_budget_s=1e-9)
    article = Article(id="slow", text="Russia accused Ukraine of violating the ceasefire.")
    with pytest.raises(ExtractionTimeoutError, match="'slow'"):
        engine.extract(article)


def test_warming_up_has_no_budget() -> None:
    # On a busy machine the first article pays for what the pipeline sets up; a worker whose
    # warm-up ran over the budget failed to start.
    ExtractionEngine.load(article_budget_s=1e-9).warm_up()
