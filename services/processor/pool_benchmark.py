"""Compares extraction executors: one thread versus a pool of processes.

Run: ``.venv/bin/python -m services.processor.pool_benchmark --articles 96``. For each
setting of ``extraction_workers`` it codes the same synthetic articles in batches, as the
agent does, and prints the throughput and the worst event-loop stall (the delay of a 10 ms
ticker running beside the extraction: what heartbeats and commits would suffer).
"""

from __future__ import annotations

import argparse
import asyncio
import time
from datetime import UTC, datetime

from schemas import Article
from services.processor.extraction_pool import ExtractionPool
from services.settings import get_settings

TICK_S = 0.01
_PAIRS = (("Germany", "Poland"), ("Egypt", "Israel"), ("India", "Pakistan"), ("Kenya", "Uganda"))


def synthetic_article(index: int, sentences: int) -> Article:
    """A short news-like article of ``sentences`` sentences about state pairs."""
    lines = []
    for offset in range(sentences):
        first, second = _PAIRS[(index + offset) % len(_PAIRS)]
        lines.append(
            f"{first} accused {second} of violating the agreement."
            if offset % 2
            else f"{first} and {second} held talks in Geneva on Monday."
        )
    return Article(
        id=f"bench-{index}", text=" ".join(lines), published_at=datetime(2026, 4, 6, tzinfo=UTC)
    )


async def _measure(workers: int, articles: list[Article], batch_size: int) -> tuple[float, float]:
    pool = ExtractionPool(get_settings().model_copy(update={"extraction_workers": workers}))
    await pool.start()
    worst_stall = 0.0
    running = True

    async def ticker() -> None:
        nonlocal worst_stall
        while running:
            before = time.perf_counter()
            await asyncio.sleep(TICK_S)
            worst_stall = max(worst_stall, time.perf_counter() - before - TICK_S)

    ticking = asyncio.create_task(ticker())
    started = time.perf_counter()
    # One batch at a time, as the agent codes them: the pool splits each between its processes.
    for first in range(0, len(articles), batch_size):
        await pool.extract(articles[first : first + batch_size])
    elapsed = time.perf_counter() - started
    running = False
    await ticking
    pool.close()
    return len(articles) / elapsed, worst_stall


def main() -> None:
    """Print one line per executor setting."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=96)
    parser.add_argument("--sentences", type=int, default=8)
    parser.add_argument("--batch-size", type=int, default=get_settings().batch_size)
    parser.add_argument("--workers", type=int, nargs="+", default=[0, 1, 2])
    args = parser.parse_args()
    articles = [synthetic_article(index, args.sentences) for index in range(args.articles)]
    print(f"{args.articles} articles of {args.sentences} sentences, batches of {args.batch_size}")
    print("extraction_workers  articles/s  worst loop stall (ms)")
    for workers in args.workers:
        rate, stall = asyncio.run(_measure(workers, articles, args.batch_size))
        print(f"{workers:>18}  {rate:>10.1f}  {stall * 1000:>21.1f}")


if __name__ == "__main__":
    main()
