"""``dipstream bench extract`` on a tiny corpus: the shape of its result, not its speed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from schemas import Article
from services.benchmarks.extract_measure import MIN_CPU_SECONDS_PER_SIZE, long_article
from services.benchmarks.news_corpus import MAX_WORDS, MIN_WORDS, is_diplomatic, news_corpus
from services.cli.main import main

ARTICLES = [
    {"id": "t-1", "text": "Chile and Peru held talks in Lima on Tuesday. Both sides were upbeat."},
    {"id": "t-2", "text": "Norway accused Russia of jamming GPS signals over the Arctic."},
]
WAYS = ("tokenizer", "bare_pipeline", "engine_without_prefilter", "engine_with_prefilter")


def test_result_has_every_timing_and_the_targets(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(row) + "\n" for row in ARTICLES), encoding="utf-8")
    output = tmp_path / "bench.json"
    args = ["bench", "extract", "--corpus", str(corpus), "--output", str(output)]
    assert main([*args, "--gold-limit", "1", "--sizes-kb", "1,2"]) == 0
    result = json.loads(output.read_text(encoding="utf-8"))
    for way in WAYS:
        assert result["news"][way]["articles"] == 2
        assert result["news"][way]["words"] == sum(len(row["text"].split()) for row in ARTICLES)
        assert result["gold"][way]["articles"] == 1
    assert result["news"]["prefilter_losses"]["events_without_prefilter"] > 0
    assert result["news"]["prefilter_losses"]["dropped_outside_gold"] == 0
    assert [round(row["size_kb"]) for row in result["time_per_kb"]["rows"]] == [1, 2]
    # A short article is coded until some seconds of CPU time are measured, not timed once.
    assert all(
        row["runs"] * row["cpu_seconds"] >= MIN_CPU_SECONDS_PER_SIZE - 1e-9
        for row in result["time_per_kb"]["rows"]
    )
    assert result["peak_rss_mb"] > 0
    assert result["targets"]["gold_engine_over_bare"]["target"] == 1.10
    assert result["targets"]["news_prefilter_gain"]["target"] == 6.0
    out = capsys.readouterr().out
    assert "gold: engine / bare" in out
    assert "cpu ms/kB" in out


def test_bad_corpus_line_is_one_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(json.dumps({"id": "x", "text": ""}) + "\n", encoding="utf-8")
    assert main(["bench", "extract", "--corpus", str(corpus)]) == 1
    assert "line 1" in capsys.readouterr().err


def test_bad_sizes_are_one_clear_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["bench", "extract", "--sizes-kb", "ten"]) == 1
    assert "--sizes-kb" in capsys.readouterr().err


def test_news_corpus_is_deterministic_sized_and_keeps_the_share() -> None:
    first, second = news_corpus(50, 0.2, seed=3), news_corpus(50, 0.2, seed=3)
    assert [a.text for a in first] == [a.text for a in second]
    assert [a.text for a in news_corpus(50, 0.2, seed=4)] != [a.text for a in first]
    assert len({a.id for a in first}) == 50
    assert sum(is_diplomatic(a) for a in first) == 10
    ordinary = [a for a in first if not is_diplomatic(a)]
    assert all(MIN_WORDS <= len(a.text.split()) <= MAX_WORDS for a in ordinary)
    assert all(a.title and a.text.split()[0].rstrip(",").isupper() for a in first)


def test_diplomatic_articles_embed_the_gold_text_whole() -> None:
    gold = [Article(id="g-1", title="Talks", text="Chile and Peru held talks in Lima.")]
    corpus = news_corpus(10, 0.5, seed=1, gold=gold)
    diplomatic = [a for a in corpus if is_diplomatic(a)]
    assert len(diplomatic) == 5
    assert all(gold[0].text in a.text and len(a.text.split()) >= MIN_WORDS for a in diplomatic)


def test_a_long_article_has_the_size_asked_for_and_ends_a_sentence() -> None:
    article = long_article(news_corpus(5, 0.0), 10_000)
    assert 5_000 < len(article.text.encode("utf-8")) <= 10_000
    assert article.text.rstrip()[-1] in '.!?"'
