"""The figures and verdicts of ``dipstream bench e2e``, from given run results."""

from __future__ import annotations

from pathlib import Path

import pytest

from schemas import Article
from services.benchmarks.e2e import build_report, feed_corpus, format_table, load_corpus
from services.benchmarks.e2e_pipeline import RunResult
from services.errors import UserError

MIB = 1024 * 1024


def _run(label: str, articles_per_s: float, rss_mb: int, latencies: list[float]) -> RunResult:
    return RunResult(
        label=label,
        workers=1,
        articles=100,
        seconds=100 / articles_per_s,
        events=len(latencies),
        duplicate_events=0,
        latencies_s=latencies,
        # Two extraction processes sharing their model: proportional memory is the smaller.
        peak_rss_bytes=rss_mb * MIB * 2,
        peak_pss_bytes=rss_mb * MIB,
    )


def test_targets_are_met_when_the_pipeline_keeps_pace_fast_and_small() -> None:
    latency = _run("half", 5.0, 380, [0.04 * n for n in range(1, 10)])
    runs = [_run("one", 9.5, 400, []), latency]

    report = build_report(10.0, runs, latency)

    assert report["targets"]["one_worker_vs_in_process"] == {
        "value": pytest.approx(0.95),
        "target": 0.90,
        "met": True,
    }
    assert report["targets"]["p99_latency_s"]["met"] is True
    assert report["targets"]["worker_pss_mb"]["value"] == pytest.approx(400)
    assert report["runs"][0]["peak_worker_rss_mb"] == pytest.approx(800)
    assert report["latency_s"]["p50"] == pytest.approx(0.2)


def test_a_slow_pipeline_a_late_event_and_a_big_worker_each_miss_their_target() -> None:
    latency = _run("half", 2.0, 380, [0.2] * 98 + [3.0, 3.0])
    runs = [_run("one", 8.0, 700, []), latency]

    targets = build_report(10.0, runs, latency)["targets"]

    assert [targets[name]["met"] for name in targets] == [False, False, False]


def test_no_event_in_the_latency_run_is_no_figure_and_a_missed_target() -> None:
    latency = _run("half", 2.0, 380, [])

    report = build_report(10.0, [_run("one", 9.0, 400, []), latency], latency)

    assert report["latency_s"]["p99"] is None
    assert report["targets"]["p99_latency_s"]["met"] is False


def test_the_table_lists_every_run_and_every_verdict() -> None:
    latency = _run("1 worker, half rate", 5.0, 380, [0.2, 0.4])
    report = {
        **build_report(10.0, [_run("1 worker", 9.0, 400, []), latency], latency),
        "in_process_events": 12,
        "load_average_at_start": (0.5, 0.4, 0.3),
        "cpus": 2,
    }

    table = format_table(report)

    assert "1 worker, half rate" in table
    assert "target one_worker_vs_in_process: 0.9 (target 0.9) met" in table
    assert "on 2 CPUs" in table


def test_a_corpus_with_an_invalid_article_is_refused_with_its_line(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text('{"id": "a", "text": "Talks."}\n{"id": "b", "text": ""}\n')

    with pytest.raises(UserError, match=r"corpus.jsonl:2 is not a valid article"):
        load_corpus(corpus)


def test_the_feed_is_sent_as_valid_article_objects_with_their_headline() -> None:
    feed = feed_corpus(10, 0.2, seed=5)
    assert len(feed) == 10
    assert all(Article.model_validate(row).title == row["title"] for row in feed)
    with pytest.raises(UserError, match="--diplomatic-share"):
        feed_corpus(10, 1.5, seed=5)
