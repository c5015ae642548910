"""Runs the CPU-bound extraction engine off the event loop.

With ``extraction_workers`` >= 1 the engine runs in that many processes forked from one that
loaded the model (``extraction_processes``: they share it, and die with the worker), and each
batch is split between them; with 0 it runs in one thread of the worker process (simpler, but
the GIL then slows the event loop while an article is coded).
The loop only awaits futures, so heartbeats and commits go on while a long article is coded.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Sequence
from concurrent.futures import BrokenExecutor, ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

from schemas import Article
from services.extraction.sentence_faults import ArticleEvents
from services.processor.extraction_processes import ForkedEngines, code_in_chunks
from services.processor.metrics import EXTRACTION_DURATION
from services.settings import Settings

if TYPE_CHECKING:
    from services.extraction import ExtractionEngine

logger = logging.getLogger(__name__)

ExtractionOutcome = ArticleEvents | Exception

# The engine of this process: set once by the executor's initializer.
_engine: ExtractionEngine | None = None


def _load_engine(
    model_name: str,
    actor_data_dirs: tuple[Path, ...],
    threshold: float,
    article_budget_s: float | None,
) -> None:
    # Imported here: with extraction processes, the worker itself never pays for spaCy.
    from services.extraction import ExtractionEngine
    from services.extraction.data_loader import load_engine_data

    global _engine  # the executor initializer can only set module state
    _engine = ExtractionEngine.load(
        model_name,
        data=load_engine_data(actor_data_dirs),
        confidence_threshold=threshold,
        article_budget_s=article_budget_s,
    )
    _engine.warm_up()


def _engine_loaded() -> None:
    """Nothing: running it proves the thread's initializer loaded the engine."""


def _extract_batch(articles: Sequence[Article]) -> list[ArticleEvents]:
    if _engine is None:
        raise RuntimeError("extraction engine not loaded in this worker process")
    return code_in_chunks(_engine, articles)


class ExtractionPool:
    """The engine behind an executor; :meth:`extract` isolates per-article failures."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        # Threads that wait on the extraction processes, or the one that runs the engine.
        self._executor: ThreadPoolExecutor | None = None
        self._processes: ForkedEngines | None = None
        # Extraction processes free for a batch (one for the in-thread engine).
        self._idle: asyncio.Queue[int] = asyncio.Queue()
        self._loaded = settings.extraction_passthrough

    @property
    def loaded(self) -> bool:
        """True once every worker has loaded the model (always true in pass-through mode)."""
        return self._loaded

    async def start(self) -> None:
        """Start the extraction processes (or thread) and wait until the model is loaded."""
        if self._loaded or self._executor is not None:
            return
        settings = self._settings
        initargs = (
            settings.spacy_model,
            settings.actor_data_dirs,
            settings.confidence_threshold,
            settings.extraction_timeout_s,
        )
        workers = settings.extraction_workers
        loop = asyncio.get_running_loop()
        started = time.perf_counter()
        try:
            if workers == 0:
                self._executor = ThreadPoolExecutor(1, "extraction", _load_engine, initargs)
                await loop.run_in_executor(self._executor, _engine_loaded)
            else:
                self._executor = ThreadPoolExecutor(workers, "extraction")
                self._processes = ForkedEngines(workers, *initargs)
                # Launched from the event loop's thread, which lives as long as the pool.
                self._processes.launch()
                await loop.run_in_executor(self._executor, self._processes.wait_ready)
        except BrokenExecutor:
            # The engine could not load (its error is logged above).
            self.close()
            raise
        for index in range(max(workers, 1)):
            self._idle.put_nowait(index)
        self._loaded = True
        logger.info(
            "extraction engine loaded in %d worker(s) in %.1f s",
            max(workers, 1),
            time.perf_counter() - started,
        )

    async def extract(self, articles: Sequence[Article]) -> list[ExtractionOutcome]:
        """What the engine made of each article, or the exception it raised on that article."""
        if not articles:
            return []
        if self._settings.extraction_passthrough:
            return [ArticleEvents([]) for _ in articles]
        shares = await asyncio.gather(
            *(
                self._extract_share(share)
                for share in split_evenly(articles, max(self._settings.extraction_workers, 1))
            )
        )
        return [outcome for share in shares for outcome in share]

    async def _extract_share(self, articles: Sequence[Article]) -> list[ExtractionOutcome]:
        try:
            return list(await self._run(articles))
        except BrokenExecutor:
            raise
        except Exception as batch_error:
            logger.warning("extraction failed on a batch (%s); retrying one by one", batch_error)
        return [await self._extract_alone(article) for article in articles]

    async def _extract_alone(self, article: Article) -> ExtractionOutcome:
        try:
            return (await self._run([article]))[0]
        except BrokenExecutor:
            raise
        except Exception as error:
            return error

    async def _run(self, articles: Sequence[Article]) -> list[ArticleEvents]:
        if self._executor is None:
            raise RuntimeError("ExtractionPool.start() was not awaited")
        loop = asyncio.get_running_loop()
        index = await self._idle.get()
        try:
            with EXTRACTION_DURATION.time():
                if self._processes is None:
                    return await loop.run_in_executor(
                        self._executor, _extract_batch, list(articles)
                    )
                return await loop.run_in_executor(
                    self._executor, self._processes.run, index, list(articles)
                )
        finally:
            self._idle.put_nowait(index)

    def kill(self) -> None:
        """Kill the extraction processes at once, from any thread; a thread running the engine
        in this process cannot be stopped, and ends with the process."""
        processes = self._processes
        if processes is not None:
            processes.kill()

    def close(self) -> None:
        """Stop the extraction processes; a batch being coded is abandoned (its offsets stay
        uncommitted)."""
        if self._processes is not None:
            self._processes.close()
            self._processes = None
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)
            self._executor = None


def split_evenly(items: Sequence[Article], parts: int) -> list[Sequence[Article]]:
    """``items`` in order, cut into at most ``parts`` runs whose lengths differ by one at most."""
    size, larger = divmod(len(items), parts)
    runs: list[Sequence[Article]] = []
    start = 0
    for index in range(min(parts, len(items))):
        end = start + size + (1 if index < larger else 0)
        runs.append(items[start:end])
        start = end
    return runs
