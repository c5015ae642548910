"""``dipstream bench extract``: the engine against the bare spaCy pipeline, on one core.

Two corpora, built at run time:

- diplomatic: the sentences of the shared gold sets put together into articles of
  ``--sentences-per-article`` sentences, plus the project's sample articles that hold events
  (or the JSONL articles given with ``--corpus FILE``);
- mixed: a slice of the diplomatic articles among non-diplomatic filler articles
  (``--diplomatic-share`` of the whole, 10% by default), the way a news feed looks.

Measured in this process and thread (CPU time: one core), best of ``--repeat`` runs after a
warm-up:

1. the engine's ``extract_batch`` and the bare pipeline's ``nlp.pipe`` over the diplomatic
   corpus; target: engine time at most 1.25 times the bare pipeline's;
2. on the mixed corpus, the engine with its pre-filter against a full parse of everything;
   target: at least 5 times faster;
3. the events of the gold sets with and without the pre-filter: none may be lost.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from schemas import Article, DiplomaticEvent
from services.benchmarks.extract_report import render
from services.benchmarks.filler import filler_articles
from services.errors import UserError
from services.evaluation.gold_samples import load_samples
from services.evaluation.items import GoldFormatError
from services.evaluation.offline_extraction import extract_each, load_engine
from services.evaluation.run import SHARED_SETS
from services.settings import get_settings

if TYPE_CHECKING:
    from services.extraction import ExtractionEngine

DEFAULT_OUTPUT = Path("var/bench/extract.json")
TARGET_ENGINE_OVER_BARE = 1.25
TARGET_PREFILTER_GAIN = 5.0
_WARM_UP_ARTICLES = 8


@dataclass(frozen=True)
class Timing:
    """Best-of-N run of one way of processing one corpus.

    Rates are per CPU second of this one thread, so that other load on the machine does not
    skew them; the wall-clock time is kept alongside.
    """

    articles: int
    words: int
    seconds: float
    cpu_seconds: float
    articles_per_s: float
    words_per_s: float


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``bench extract``."""
    parser.add_argument(
        "--corpus",
        type=Path,
        help="a shared folder (gold/plv, gold/plover_gsr) or a JSONL file of articles "
        "(default: DIPSTREAM_SHARED, else the sample articles only)",
    )
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="JSON result path")
    parser.add_argument("--repeat", type=int, default=1, help="timed runs, best kept (default 1)")
    parser.add_argument("--sentences-per-article", type=int, default=8)
    parser.add_argument("--mixed-articles", type=int, default=400, help="size of the mixed corpus")
    parser.add_argument(
        "--diplomatic-share", type=float, default=0.1, help="share of diplomatic mixed articles"
    )


def run(args: argparse.Namespace) -> int:
    """Measure, print a table and write the JSON result."""
    if args.repeat < 1 or args.sentences_per_article < 1 or args.mixed_articles < 1:
        raise UserError("--repeat, --sentences-per-article and --mixed-articles must be positive")
    if not 0 < args.diplomatic_share <= 1:
        raise UserError("--diplomatic-share must lie in (0, 1]")
    diplomatic = diplomatic_corpus(args.corpus, args.sentences_per_article)
    if not diplomatic:
        raise UserError("the corpus holds no article")
    mixed = mixed_corpus(diplomatic, args.mixed_articles, args.diplomatic_share)
    settings = get_settings()
    engine = load_engine(settings)
    full_engine = load_engine(settings, prefilter=False)
    result = measure(engine, full_engine, diplomatic, mixed, args.repeat)
    print(render(result))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"\nresult written to {args.output}")
    return 0


def diplomatic_corpus(corpus: Path | None, sentences_per_article: int) -> list[Article]:
    """The diplomatic articles: from a JSONL file, or from the shared gold and the samples."""
    if corpus is not None and corpus.is_file():
        return _read_articles(corpus)
    shared = corpus if corpus is not None else get_settings().shared
    if shared is not None and not shared.is_dir():
        raise UserError(f"corpus folder {shared} not found")
    own = load_samples()
    with_events = {event.article_id for event in own.events}
    articles = [gold.article for gold in own.articles if gold.article.id in with_events]
    if shared is None:
        return articles
    sentences: list[str] = []
    for relative, loader in SHARED_SETS.values():
        try:
            gold = loader(shared / relative, None)
        except (GoldFormatError, OSError) as error:
            raise UserError(f"corpus: {error}") from error
        sentences.extend(item.article.text for item in gold)
    for start in range(0, len(sentences), sentences_per_article):
        chunk = sentences[start : start + sentences_per_article]
        articles.append(
            Article(id=f"gold-{start // sentences_per_article:05d}", text=" ".join(chunk))
        )
    return articles


def _read_articles(path: Path) -> list[Article]:
    articles: list[Article] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            articles.append(Article.model_validate_json(line))
        except ValidationError as error:
            raise UserError(f"{path}: line {number}: {error.errors()[0]['msg']}") from error
    return articles


def mixed_corpus(diplomatic: Sequence[Article], size: int, share: float) -> list[Article]:
    """``size`` articles, ``share`` of them diplomatic, spread evenly among the filler."""
    wanted = max(1, round(size * share))
    chosen = [diplomatic[index % len(diplomatic)] for index in range(wanted)]
    filler = filler_articles(size - wanted)
    every = max(1, round(1 / share))
    mixed: list[Article] = []
    for index, article in enumerate(filler):
        if index % every == 0 and chosen:
            mixed.append(chosen.pop())
        mixed.append(article)
    return mixed + chosen


def _timed(work: Callable[[], object], articles: Sequence[Article], repeat: int) -> Timing:
    runs: list[tuple[float, float]] = []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        work()
        runs.append((time.process_time() - cpu, time.perf_counter() - wall))
    cpu_seconds, seconds = min(runs)
    words = sum(len(article.text.split()) for article in articles)
    return Timing(
        articles=len(articles),
        words=words,
        seconds=seconds,
        cpu_seconds=cpu_seconds,
        articles_per_s=len(articles) / cpu_seconds,
        words_per_s=words / cpu_seconds,
    )


def _event_keys(batches: Sequence[Sequence[DiplomaticEvent]]) -> set[tuple[str, ...]]:
    return {
        (
            event.article_id,
            str(event.event_type),
            event.source.name,
            event.target.name if event.target else "",
            str(event.evidence.sentence.start),
        )
        for events in batches
        for event in events
    }


def measure(
    engine: ExtractionEngine,
    full_engine: ExtractionEngine,
    diplomatic: list[Article],
    mixed: list[Article],
    repeat: int,
) -> dict[str, Any]:
    """Every timing and the pre-filter's losses, as the JSON document.

    A first untimed pass warms the engine up and finds the articles it fails on, which are left
    out of the timed runs (and listed). The full parse the pre-filter is judged against is the
    engine with its pre-filter off; the bare pipeline over every article is shown beside it.
    """
    first_pass, failures = extract_each(engine, diplomatic)
    _, mixed_failures = extract_each(engine, mixed)
    failures |= mixed_failures
    diplomatic = [article for article in diplomatic if article.id not in failures]
    mixed = [article for article in mixed if article.id not in failures]
    texts = [article.text for article in diplomatic]
    mixed_texts = [article.text for article in mixed]
    list(engine.nlp.pipe(texts[:_WARM_UP_ARTICLES]))
    full_engine.extract_batch(diplomatic[:_WARM_UP_ARTICLES])

    engine_time = _timed(lambda: engine.extract_batch(diplomatic), diplomatic, repeat)
    bare_time = _timed(lambda: list(engine.nlp.pipe(texts)), diplomatic, repeat)
    mixed_engine = _timed(lambda: engine.extract_batch(mixed), mixed, repeat)
    mixed_bare = _timed(lambda: list(engine.nlp.pipe(mixed_texts)), mixed, repeat)
    mixed_full = _timed(lambda: full_engine.extract_batch(mixed), mixed, repeat)
    ratio = engine_time.cpu_seconds / bare_time.cpu_seconds
    gain = mixed_full.cpu_seconds / mixed_engine.cpu_seconds
    return {
        "diplomatic": {
            "engine": asdict(engine_time),
            "bare_pipeline": asdict(bare_time),
            "engine_over_bare": ratio,
            "target_max": TARGET_ENGINE_OVER_BARE,
            "meets_target": ratio <= TARGET_ENGINE_OVER_BARE,
        },
        "mixed": {
            "diplomatic_articles": sum(1 for a in mixed if not a.id.startswith("filler-")),
            "engine_with_prefilter": asdict(mixed_engine),
            "engine_without_prefilter": asdict(mixed_full),
            "bare_pipeline": asdict(mixed_bare),
            "prefilter_gain": gain,
            "target_min": TARGET_PREFILTER_GAIN,
            "meets_target": gain >= TARGET_PREFILTER_GAIN,
        },
        "prefilter_losses": _losses(first_pass, full_engine, failures, diplomatic),
        "engine_failures": failures,
    }


def _losses(
    filtered_batches: Sequence[Sequence[DiplomaticEvent]],
    full_engine: ExtractionEngine,
    failures: dict[str, str],
    articles: list[Article],
) -> dict[str, Any]:
    """Events found with the pre-filter off but not with it on."""
    unfiltered_batches, _ = extract_each(full_engine, articles)
    filtered = {key for key in _event_keys(filtered_batches) if key[0] not in failures}
    unfiltered = _event_keys(unfiltered_batches)
    lost = sorted(unfiltered - filtered)
    return {
        "events_without_prefilter": len(unfiltered),
        "events_with_prefilter": len(filtered),
        "lost": len(lost),
        "lost_examples": [list(key) for key in lost[:20]],
    }
