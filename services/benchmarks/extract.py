"""``dipstream bench extract``: how close the engine comes to the parser's limit, on one core.

Two corpora:

- news: the realistic feed of ``news_corpus`` (``--articles`` articles of 150-1,500 words,
  ``--diplomatic-share`` of them diplomatic, from ``--seed``), or the JSONL articles of
  ``--corpus FILE``;
- gold: the project's news gold (``samples/news/dev``), diplomatic news of real length.

On each, measured in this thread: the tokenizer alone, the bare spaCy pipeline, the engine
without and with its pre-filter (see ``extract_measure``), the events lost to the pre-filter;
then the engine's time per kB on one article of each of ``--sizes-kb``, and the peak memory.
Targets (printed, never asserted): engine with pre-filter at most 1.10 times the bare pipeline
on the gold; on the news feed the pre-filter at least 6 times faster than parsing everything;
no event lost; time per kB flat within 20%.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from schemas import Article
from services.benchmarks.extract_measure import measure_corpus, scaling_spread, time_per_kb
from services.benchmarks.extract_report import render
from services.benchmarks.news_corpus import (
    add_feed_arguments,
    gold_articles,
    is_diplomatic,
    news_corpus,
)
from services.errors import UserError
from services.evaluation.gold_samples import NEWS_DIR, load_news
from services.evaluation.offline_extraction import load_engine
from services.settings import get_settings

DEFAULT_OUTPUT = Path("var/bench/extract.json")
DEFAULT_SIZES_KB = (1, 10, 40, 80, 200)
TARGET_ENGINE_OVER_BARE = 1.10
TARGET_PREFILTER_GAIN = 6.0
TARGET_SCALING_SPREAD = 1.20


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``bench extract``."""
    parser.add_argument("--corpus", type=Path, help="JSONL articles instead of the news feed")
    parser.add_argument("--articles", type=int, default=200, help="news feed size (default 200)")
    add_feed_arguments(parser)
    parser.add_argument(
        "--gold-limit", type=int, help="at most N articles of the news gold (default all)"
    )
    parser.add_argument(
        "--sizes-kb",
        default=",".join(str(size) for size in DEFAULT_SIZES_KB),
        help="article sizes of the time-per-kB table (default 1,10,40,80,200)",
    )
    parser.add_argument("--repeat", type=int, default=1, help="timed runs, best kept (default 1)")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="JSON result path")


def run(args: argparse.Namespace) -> int:
    """Measure, print a table and write the JSON result."""
    if (
        args.repeat < 1
        or args.articles < 1
        or (args.gold_limit is not None and args.gold_limit < 1)
    ):
        raise UserError("--repeat, --articles and --gold-limit must be positive")
    if not 0 <= args.diplomatic_share <= 1:
        raise UserError("--diplomatic-share must lie in [0, 1]")
    sizes = _sizes(args.sizes_kb)
    if args.corpus is not None:
        feed = _read_articles(args.corpus)
    else:
        feed = news_corpus(args.articles, args.diplomatic_share, args.seed)
    gold = [gold.article for gold in load_news(NEWS_DIR / "dev", args.gold_limit).articles]
    engine = load_engine(get_settings())
    engine.warm_up()
    result: dict[str, Any] = {
        "load_average_at_start": os.getloadavg(),
        "cpus": os.cpu_count(),
        "news": {
            "source": str(args.corpus) if args.corpus else f"news_corpus(seed={args.seed})",
            "diplomatic_articles": sum(1 for article in feed if is_diplomatic(article)),
            # A --corpus file is taken as all diplomatic: every loss counts.
            **measure_corpus(
                engine, feed, args.repeat, is_diplomatic if args.corpus is None else _always
            ),
        },
        "gold": {
            "source": "samples/news/dev",
            **measure_corpus(engine, gold, args.repeat, _always),
        },
    }
    scaling = time_per_kb(engine, gold_articles(), sizes)
    result["time_per_kb"] = {"rows": scaling, "spread": scaling_spread(scaling)}
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result["targets"] = _targets(result)
    print(render(result))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"\nresult written to {args.output}")
    return 0


def _always(_article: Article) -> bool:
    return True


def _targets(result: dict[str, Any]) -> dict[str, dict[str, Any]]:
    ratio = result["gold"]["engine_over_bare"]
    gain = result["news"]["prefilter_gain"]
    lost = result["news"]["prefilter_losses"]["lost"] + result["gold"]["prefilter_losses"]["lost"]
    spread = result["time_per_kb"]["spread"]
    return {
        "gold_engine_over_bare": _target(
            ratio, TARGET_ENGINE_OVER_BARE, ratio <= TARGET_ENGINE_OVER_BARE
        ),
        "news_prefilter_gain": _target(gain, TARGET_PREFILTER_GAIN, gain >= TARGET_PREFILTER_GAIN),
        "events_lost": _target(lost, 0, lost == 0),
        "time_per_kb_spread": _target(
            spread, TARGET_SCALING_SPREAD, spread is not None and spread <= TARGET_SCALING_SPREAD
        ),
    }


def _target(value: float | None, target: float, met: bool) -> dict[str, Any]:
    return {"value": value, "target": target, "met": met}


def _sizes(text: str) -> list[int]:
    try:
        sizes = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise UserError(f"--sizes-kb: {text!r} is not a comma-separated list of kB") from None
    if not sizes or min(sizes) < 1:
        raise UserError("--sizes-kb needs at least one size of 1 kB or more")
    return sizes


def _read_articles(path: Path) -> list[Article]:
    if not path.is_file():
        raise UserError(f"no corpus at {path}")
    articles: list[Article] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            articles.append(Article.model_validate_json(line))
        except ValidationError as error:
            raise UserError(f"{path}: line {number}: {error.errors()[0]['msg']}") from error
    if not articles:
        raise UserError(f"{path} holds no article")
    return articles
