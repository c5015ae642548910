"""``dipstream bench extract`` on a tiny corpus: the shape of its result, not its speed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from schemas import Article
from services.benchmarks.extract import mixed_corpus
from services.benchmarks.filler import filler_articles
from services.cli.main import main

ARTICLES = [
    {"id": "t-1", "text": "Chile and Peru held talks in Lima on Tuesday. Both sides were upbeat."},
    {"id": "t-2", "text": "Norway accused Russia of jamming GPS signals over the Arctic."},
]


def test_result_has_every_timing_and_the_targets(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(row) + "\n" for row in ARTICLES), encoding="utf-8")
    output = tmp_path / "bench.json"
    args = ["bench", "extract", "--corpus", str(corpus), "--output", str(output)]
    assert main([*args, "--mixed-articles", "10", "--diplomatic-share", "0.2"]) == 0
    result = json.loads(output.read_text(encoding="utf-8"))
    engine = result["diplomatic"]["engine"]
    assert engine["articles"] == 2
    assert engine["words"] == sum(len(row["text"].split()) for row in ARTICLES)
    assert engine["seconds"] > 0
    assert result["diplomatic"]["bare_pipeline"]["articles"] == 2
    assert result["diplomatic"]["target_max"] == 1.25
    assert result["mixed"]["engine_with_prefilter"]["articles"] == 10
    assert result["mixed"]["diplomatic_articles"] == 2
    assert result["mixed"]["target_min"] == 5.0
    assert "engine / bare pipeline CPU time" in capsys.readouterr().out


def test_bad_corpus_line_is_one_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(json.dumps({"id": "x", "text": ""}) + "\n", encoding="utf-8")
    assert main(["bench", "extract", "--corpus", str(corpus)]) == 1
    assert "line 1" in capsys.readouterr().err


def test_filler_is_deterministic_and_sized() -> None:
    first, second = filler_articles(3, sentences_each=4), filler_articles(3, sentences_each=4)
    assert [a.text for a in first] == [a.text for a in second]
    assert len({a.id for a in first}) == 3
    assert all(a.text.count(". ") >= 3 for a in first)


def test_mixed_corpus_keeps_the_diplomatic_share() -> None:
    diplomatic = [Article(id=f"d-{n}", text="Chile thanked Peru.") for n in range(5)]
    mixed = mixed_corpus(diplomatic, size=20, share=0.1)
    assert len(mixed) == 20
    assert sum(article.id.startswith("d-") for article in mixed) == 2
