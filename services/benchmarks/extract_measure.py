"""The measurements of ``bench extract``: four ways through one corpus, and time per kB.

Rates are per CPU second of this one thread (one core), so that other load on the machine skews
them less; the wall-clock time is kept alongside. The four ways, from the physical limit up:

1. the tokenizer alone (what the pre-filter needs to see every sentence);
2. the bare spaCy pipeline over every article (``nlp.pipe``): what parsing everything costs;
3. the engine without its pre-filter: every sentence parsed, then the rules;
4. the engine as deployed, with its pre-filter.

The events of (3) and (4) are compared: an event (3) finds and (4) does not, in an article
that embeds gold, is lost to the pre-filter; elsewhere (sport, business...) it is one of the
full parse's false events that the pre-filter spares ("Rovers beat Port Ellis" as an assault).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from functools import partial
from typing import TYPE_CHECKING, Any, TypeVar

from schemas import Article, DiplomaticEvent
from schemas.article import MAX_TEXT_BYTES
from services.evaluation.offline_extraction import extract_each

if TYPE_CHECKING:
    from services.extraction import ExtractionEngine

KB = 1000
# Articles per nlp.pipe call and per extract_batch call: the worker's default batch.
BATCH = 32
# CPU time measured per row of the time-per-kB table, at the least.
MIN_CPU_SECONDS_PER_SIZE = 3.0
Result = TypeVar("Result")


@dataclass(frozen=True)
class Timing:
    """Best-of-N run of one way of processing one corpus."""

    articles: int
    words: int
    seconds: float
    cpu_seconds: float
    articles_per_s: float
    words_per_s: float


def timed(
    work: Callable[[], Result], articles: Sequence[Article], repeat: int
) -> tuple[Timing, Result]:
    """The best of ``repeat`` runs of ``work`` over ``articles``, and the last run's result."""
    runs: list[tuple[float, float]] = []
    result: Result | None = None
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        result = work()
        runs.append((time.process_time() - cpu, time.perf_counter() - wall))
    assert result is not None  # repeat >= 1, checked by the caller
    cpu_seconds, seconds = min(runs)
    cpu_seconds = max(cpu_seconds, 1e-9)
    words = sum(len(article.text.split()) for article in articles)
    return Timing(
        articles=len(articles),
        words=words,
        seconds=seconds,
        cpu_seconds=cpu_seconds,
        articles_per_s=len(articles) / cpu_seconds,
        words_per_s=words / cpu_seconds,
    ), result


def _in_batches(
    engine: ExtractionEngine, articles: Sequence[Article]
) -> list[list[DiplomaticEvent]]:
    events: list[list[DiplomaticEvent]] = []
    for first in range(0, len(articles), BATCH):
        events.extend(engine.extract_batch(articles[first : first + BATCH]))
    return events


def measure_corpus(
    engine: ExtractionEngine,
    articles: Sequence[Article],
    repeat: int,
    embeds_gold: Callable[[Article], bool],
) -> dict[str, Any]:
    """The four timings of one corpus, the engine ÷ bare ratios and the pre-filter's losses.

    A first untimed pass warms the engine up and finds the articles it fails on, which are left
    out of the timed runs (and listed).
    """
    full_engine = engine.without_prefilter()
    _, failures = extract_each(engine, articles)
    kept = [article for article in articles if article.id not in failures]
    texts = [article.text for article in kept]
    nlp = engine.nlp
    tokenizer, _ = timed(lambda: [nlp.tokenizer(text) for text in texts], kept, repeat)
    bare, _ = timed(lambda: sum(1 for _ in nlp.pipe(texts, batch_size=BATCH)), kept, repeat)
    without, unfiltered = timed(lambda: _in_batches(full_engine, kept), kept, repeat)
    with_filter, filtered = timed(lambda: _in_batches(engine, kept), kept, repeat)
    return {
        "tokenizer": asdict(tokenizer),
        "bare_pipeline": asdict(bare),
        "engine_without_prefilter": asdict(without),
        "engine_with_prefilter": asdict(with_filter),
        "engine_over_bare": with_filter.cpu_seconds / bare.cpu_seconds,
        "full_engine_over_bare": without.cpu_seconds / bare.cpu_seconds,
        "prefilter_gain": without.cpu_seconds / with_filter.cpu_seconds,
        "prefilter_losses": _losses(
            unfiltered, filtered, {article.id for article in kept if embeds_gold(article)}
        ),
        "engine_failures": failures,
    }


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


def _losses(
    unfiltered_batches: Sequence[Sequence[DiplomaticEvent]],
    filtered_batches: Sequence[Sequence[DiplomaticEvent]],
    gold_ids: set[str],
) -> dict[str, Any]:
    """Events found with the pre-filter off but not with it on, in articles embedding gold
    (lost) and in the others (spared false events)."""
    unfiltered = _event_keys(unfiltered_batches)
    missing = sorted(unfiltered - _event_keys(filtered_batches))
    lost = [key for key in missing if key[0] in gold_ids]
    return {
        "events_without_prefilter": len(unfiltered),
        "events_with_prefilter": sum(len(events) for events in filtered_batches),
        "lost": len(lost),
        "lost_examples": [list(key) for key in lost[:20]],
        "dropped_outside_gold": len(missing) - len(lost),
    }


def long_article(articles: Sequence[Article], size_bytes: int) -> Article:
    """One article of about ``size_bytes`` UTF-8 bytes, the ``articles`` one after another (a
    merged feed, the worst case a producer may send), cut at a paragraph or sentence end."""
    size_bytes = min(size_bytes, MAX_TEXT_BYTES)
    parts: list[str] = []
    length = 0
    index = 0
    while length < size_bytes and articles:
        part = articles[index % len(articles)].text.strip()
        parts.append(part)
        length += len(part.encode("utf-8")) + 2
        index += 1
    text = "\n\n".join(parts).encode("utf-8")[:size_bytes].decode("utf-8", "ignore")
    cut = max(text.rfind("\n\n"), text.rfind(". ") + 1)
    if cut > size_bytes // 2:
        text = text[:cut]
    return Article(id=f"long-{size_bytes // KB}kb", text=text)


def time_per_kb(
    engine: ExtractionEngine,
    articles: Sequence[Article],
    sizes_kb: Sequence[int],
    min_cpu_seconds: float = MIN_CPU_SECONDS_PER_SIZE,
) -> list[dict[str, Any]]:
    """CPU seconds per kB of the engine (with its pre-filter) on one article of each size,
    coded again until ``min_cpu_seconds`` are measured (a 1 kB article takes milliseconds, too
    short for one run to say much); the times are the runs' mean."""
    rows = []
    for size in sizes_kb:
        article = long_article(articles, size * KB)
        kilobytes = len(article.text.encode("utf-8")) / KB
        runs: list[Timing] = []
        while not runs or sum(run.cpu_seconds for run in runs) < min_cpu_seconds:
            timing, events = timed(partial(engine.extract, article), [article], 1)
            runs.append(timing)
        cpu_seconds = sum(run.cpu_seconds for run in runs) / len(runs)
        rows.append(
            {
                "size_kb": kilobytes,
                "runs": len(runs),
                "cpu_seconds": cpu_seconds,
                "seconds": sum(run.seconds for run in runs) / len(runs),
                "cpu_ms_per_kb": cpu_seconds * KB / kilobytes,
                "events": len(events),
            }
        )
    return rows


def scaling_spread(rows: Sequence[dict[str, Any]]) -> float | None:
    """Largest over smallest time per kB: 1.0 is perfectly linear (None below two sizes)."""
    per_kb = [row["cpu_ms_per_kb"] for row in rows]
    return max(per_kb) / min(per_kb) if len(per_kb) > 1 else None
