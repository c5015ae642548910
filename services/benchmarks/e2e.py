"""``dipstream bench e2e``: articles/s and latency through the local Kafka broker.

Five measurements on the same corpus (by default the realistic news feed of ``news_corpus``,
20% diplomatic; or the JSONL articles of ``--corpus``, repeated under unique ids), each worker
running ``--extraction-processes`` extraction processes:

1. the engine in this process (``extract_batch``), the rate the pipeline is compared with;
2. the pipeline with one worker, articles sent all at once: sustained articles/s;
3. the same with two worker processes in one consumer group (four partitions);
4. one worker fed at half the rate of (2): event latency, send to arrival at a consumer;
5. one worker in pass-through mode (no NLP): the ceiling Kafka and Faust leave.

Targets: (2) at least 90% of (1); p99 latency of (4) under 0.5 s; worker memory (proportional:
pages the extraction processes share count once) under 600 MB.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from schemas import Article
from services.benchmarks.e2e_pipeline import RunResult, run_pipeline
from services.benchmarks.news_corpus import add_feed_arguments, news_corpus
from services.broker import local
from services.broker.errors import BrokerError
from services.errors import UserError
from services.evaluation.offline_extraction import load_engine
from services.processes.worker import interrupt_on_sigterm
from services.settings import Settings, get_settings

SAMPLE_CORPUS = Path(__file__).resolve().parents[2] / "samples" / "articles.jsonl"
DEFAULT_OUTPUT = Path("var/bench/e2e.json")
LOG_DIR = Path("var/bench/e2e")
TARGET_RATIO = 0.90
TARGET_P99_S = 0.5
TARGET_RSS_BYTES = 600 * 1024 * 1024
MIB = 1024 * 1024


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``bench e2e``."""
    parser.add_argument(
        "--corpus",
        type=Path,
        help=f"JSONL articles (e.g. {SAMPLE_CORPUS.name}) instead of the feed",
    )
    parser.add_argument(
        "--articles",
        type=int,
        default=240,
        help="articles per throughput run (default 240: long enough that the first and last "
        "batch, which coding and publishing cannot overlap, weigh little in the rate)",
    )
    add_feed_arguments(parser)
    parser.add_argument(
        "--extraction-processes",
        type=int,
        help="extraction processes per worker (default: DIPSTREAM_EXTRACTION_WORKERS)",
    )
    parser.add_argument(
        "--passthrough-articles",
        type=int,
        default=4000,
        help="articles of the pass-through run (default 4000)",
    )
    parser.add_argument(
        "--latency-seconds",
        type=float,
        default=30.0,
        help="length of the half-rate latency run (default 30)",
    )
    parser.add_argument(
        "--run-timeout", type=float, default=600.0, help="give up on a run after S seconds"
    )
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="JSON report")


def run(args: argparse.Namespace) -> int:
    """Run the five measurements, print the table and write the JSON report."""
    if args.articles < 1 or args.passthrough_articles < 1 or args.latency_seconds <= 0:
        raise UserError("--articles, --passthrough-articles and --latency-seconds must be > 0")
    if args.extraction_processes is not None and args.extraction_processes < 0:
        raise UserError("--extraction-processes must be 0 or more")
    settings = get_settings()
    if args.extraction_processes is not None:
        settings = settings.model_copy(update={"extraction_workers": args.extraction_processes})
    corpus = (
        load_corpus(args.corpus)
        if args.corpus is not None
        else feed_corpus(args.articles, args.diplomatic_share, args.seed)
    )
    # Other work on the machine skews every figure: the report says how busy it was.
    load_average = os.getloadavg()
    interrupt_on_sigterm()
    started_broker = _ensure_broker(settings)
    try:
        in_process, in_process_events = in_process_rate(settings, corpus, args.articles)
        print(
            f"in-process: {in_process:.1f} articles/s, {in_process_events} events",
            file=sys.stderr,
        )
        common: dict[str, Any] = {"timeout_s": args.run_timeout, "log_dir": LOG_DIR}
        one = run_pipeline(
            settings, corpus, label="1 worker", count=args.articles, workers=1, **common
        )
        _progress(one)
        two = run_pipeline(
            settings, corpus, label="2 workers", count=args.articles, workers=2, **common
        )
        _progress(two)
        half_rate = one.articles_per_s / 2
        latency = run_pipeline(
            settings,
            corpus,
            label="1 worker, half rate",
            count=max(1, round(half_rate * args.latency_seconds)),
            workers=1,
            rate=half_rate,
            time_events=True,
            **common,
        )
        _progress(latency)
        passthrough = run_pipeline(
            settings,
            corpus,
            label="1 worker, pass-through",
            count=args.passthrough_articles,
            workers=1,
            passthrough=True,
            **common,
        )
        _progress(passthrough)
    finally:
        if started_broker:
            local.down(settings)
    report = {
        "corpus": str(args.corpus) if args.corpus else f"news_corpus(seed={args.seed})",
        "corpus_words_per_article": sum(len(a["text"].split()) for a in corpus) / len(corpus),
        "cpus": os.cpu_count(),
        "batch_size": settings.batch_size,
        "extraction_workers_per_worker": settings.extraction_workers,
        "in_process_events": in_process_events,
        "load_average_at_start": load_average,
        **build_report(in_process, [one, two, latency, passthrough], latency),
    }
    print(format_table(report))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, indent=2) + "\n")
    print(f"written to {args.output}")
    return 0


def load_corpus(path: Path) -> list[dict[str, Any]]:
    """The valid articles of a JSONL file, as JSON objects; UserError when there are none."""
    if not path.is_file():
        raise UserError(f"no corpus at {path}")
    corpus = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            Article.model_validate_json(line)
        except ValueError as error:
            raise UserError(f"{path}:{number} is not a valid article: {error}") from None
        corpus.append(json.loads(line))
    if not corpus:
        raise UserError(f"{path} holds no articles")
    return corpus


def feed_corpus(count: int, diplomatic_share: float, seed: int) -> list[dict[str, Any]]:
    """The realistic news feed, as the JSON objects a producer sends."""
    if not 0 <= diplomatic_share <= 1:
        raise UserError("--diplomatic-share must lie in [0, 1]")
    return [
        article.model_dump(mode="json", exclude_none=True)
        for article in news_corpus(count, diplomatic_share, seed)
    ]


def in_process_rate(
    settings: Settings, corpus: list[dict[str, Any]], count: int
) -> tuple[float, int]:
    """Articles/s of ``extract_batch`` in this process, in batches of the worker's size, and
    the number of events, which the pipeline runs of the same articles should match."""
    engine = load_engine(settings, settings.confidence_threshold)
    articles = [
        Article.model_validate({**corpus[index % len(corpus)], "id": f"in-process-{index}"})
        for index in range(count)
    ]
    # Warmed as a worker warms its engine: with none of the corpus, whose first sight costs the
    # worker too.
    engine.warm_up()
    events = 0
    started = time.perf_counter()
    for first in range(0, count, settings.batch_size):
        batch_events = engine.extract_batch(articles[first : first + settings.batch_size])
        events += sum(len(article_events) for article_events in batch_events)
    return count / (time.perf_counter() - started), events


def build_report(
    in_process: float, runs: list[RunResult], latency_run: RunResult
) -> dict[str, Any]:
    """Every figure of the benchmark, with the targets and whether each is met."""
    latencies = sorted(latency_run.latencies_s)
    percentiles = {f"p{q}": _percentile(latencies, q) for q in (50, 95, 99)}
    ratio = runs[0].articles_per_s / in_process
    peak_pss = max(run.peak_pss_bytes for run in runs)
    p99 = percentiles["p99"]
    return {
        "in_process_articles_per_s": in_process,
        "runs": [
            {
                "label": run.label,
                "workers": run.workers,
                "articles": run.articles,
                "seconds": run.seconds,
                "articles_per_s": run.articles_per_s,
                "events": run.events,
                "duplicate_events": run.duplicate_events,
                "peak_worker_rss_mb": run.peak_rss_bytes / MIB,
                "peak_worker_pss_mb": run.peak_pss_bytes / MIB,
            }
            for run in runs
        ],
        "latency_s": {**percentiles, "events": len(latencies), "rate": latency_run.articles_per_s},
        "targets": {
            "one_worker_vs_in_process": _target(ratio, TARGET_RATIO, ratio >= TARGET_RATIO),
            "p99_latency_s": _target(p99, TARGET_P99_S, p99 is not None and p99 < TARGET_P99_S),
            "worker_pss_mb": _target(
                peak_pss / MIB, TARGET_RSS_BYTES / MIB, peak_pss < TARGET_RSS_BYTES
            ),
        },
    }


def format_table(report: dict[str, Any]) -> str:
    """The report as a plain-text table."""
    header = ("run", "workers", "articles", "seconds", "art/s", "events", "dup", "RSS MB", "PSS MB")
    lines = [
        f"{header[0]:<24}" + "".join(f"{name:>9}" for name in header[1:]),
        f"{'in-process extract_batch':<24}{'':>27}{report['in_process_articles_per_s']:>9.1f}"
        f"{report['in_process_events']:>9}",
    ]
    for run in report["runs"]:
        lines.append(
            f"{run['label']:<24}{run['workers']:>9}{run['articles']:>9}{run['seconds']:>9.1f}"
            f"{run['articles_per_s']:>9.1f}{run['events']:>9}{run['duplicate_events']:>9}"
            f"{run['peak_worker_rss_mb']:>9.0f}{run['peak_worker_pss_mb']:>9.0f}"
        )
    latency = report["latency_s"]
    shown = {
        name: "-" if latency[name] is None else f"{latency[name] * 1000:.0f} ms"
        for name in ("p50", "p95", "p99")
    }
    lines.append(
        f"latency at {latency['rate']:.1f} articles/s ({latency['events']} events): "
        f"p50 {shown['p50']}, p95 {shown['p95']}, p99 {shown['p99']}"
    )
    one, five, fifteen = report["load_average_at_start"]
    lines.append(
        f"load average at start: {one:.1f} {five:.1f} {fifteen:.1f} on {report['cpus']} CPUs"
    )
    for name, target in report["targets"].items():
        verdict = "met" if target["met"] else "MISSED"
        value = "-" if target["value"] is None else f"{target['value']:.3g}"
        lines.append(f"target {name}: {value} (target {target['target']:.3g}) {verdict}")
    return "\n".join(lines)


def _target(value: float | None, target: float, met: bool) -> dict[str, Any]:
    return {"value": value, "target": target, "met": met}


def _percentile(sorted_values: list[float], q: int) -> float | None:
    if not sorted_values:
        return None
    if len(sorted_values) == 1:
        return sorted_values[0]
    return statistics.quantiles(sorted_values, n=100, method="inclusive")[q - 1]


def _ensure_broker(settings: Settings) -> bool:
    try:
        _status, started = local.up(settings)
    except BrokerError as error:
        raise UserError(str(error)) from error
    return started


def _progress(result: RunResult) -> None:
    print(
        f"{result.label}: {result.articles} articles in {result.seconds:.1f}s "
        f"({result.articles_per_s:.1f}/s), {result.events} events "
        f"(+{result.duplicate_events} redelivered)",
        file=sys.stderr,
    )
