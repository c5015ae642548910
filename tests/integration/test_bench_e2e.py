"""A run of the ``bench e2e`` pipeline on the test broker accounts for every article and event.

Only the bookkeeping is checked (the figures a run prints are measurements, never asserted).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from schemas import Article
from services.benchmarks.e2e import SAMPLE_CORPUS, load_corpus
from services.benchmarks.e2e_pipeline import run_pipeline
from services.extraction import ExtractionEngine
from services.settings import Settings

pytestmark = pytest.mark.broker

ARTICLES = 6


@pytest.mark.parametrize("time_events", [True, False], ids=["timed", "counted after"])
def test_a_pipeline_run_accounts_for_every_event_of_every_article(
    kafka_settings: Settings, tmp_path: Path, time_events: bool
) -> None:
    corpus = load_corpus(SAMPLE_CORPUS)
    engine = ExtractionEngine.load(kafka_settings.spacy_model)
    expected_events = sum(
        len(engine.extract(Article.model_validate(corpus[index % len(corpus)])))
        for index in range(ARTICLES)
    )
    result = run_pipeline(
        kafka_settings.model_copy(update={"extraction_workers": 0}),
        corpus,
        label="test",
        count=ARTICLES,
        workers=1,
        time_events=time_events,
        timeout_s=120.0,
        log_dir=tmp_path,
    )
    assert (result.articles, result.duplicate_events) == (ARTICLES, 0)
    assert result.events == expected_events > 0
    assert len(result.latencies_s) == (result.events if time_events else 0)
    assert all(latency >= 0 for latency in result.latencies_s)
    assert result.articles_per_s > 0
    assert result.peak_rss_bytes > 0
