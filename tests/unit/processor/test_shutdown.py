"""The bounded stop: batches in hand, the batch given up at half the grace, the watchdog."""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Sequence

from schemas import Article
from services.extraction.sentence_faults import ArticleEvents
from services.processor.agent import ArticleProcessor
from services.processor.dlq_guard import DeadLetterGuard
from services.processor.extraction_pool import ExtractionOutcome
from services.processor.shutdown import HARD_EXIT_CODE, Shutdown
from services.settings import Settings
from tests.unit.processor.memory_publisher import InMemoryPublisher
from tests.unit.processor.stream_events import stream_event
from tests.unit.processor.test_article_processor import RECORD_TIME, Batch, stream

SETTINGS = Settings(_env_file=None)
GRACE_S = 0.4


class ExitRecorder:
    """Stands in for ``os._exit``: records the code, and who was killed first."""

    def __init__(self) -> None:
        self.events: list[str] = []
        self.exited = threading.Event()

    def kill_extraction(self) -> None:
        self.events.append("killed extraction processes")

    def exit(self, code: int) -> None:
        self.events.append(f"exit {code}")
        self.exited.set()


class EndlessExtractor:
    """An article that takes far longer than any grace."""

    async def extract(self, articles: Sequence[Article]) -> list[ExtractionOutcome]:
        await asyncio.sleep(3_600)
        return [ArticleEvents([]) for _ in articles]


def test_idle_waits_for_the_batches_in_hand() -> None:
    shutdown = Shutdown(GRACE_S, lambda: None)

    async def scenario() -> list[str]:
        seen: list[str] = []
        await shutdown.idle()
        seen.append("idle at once")
        with shutdown.batch():
            waiting = asyncio.create_task(shutdown.idle())
            await asyncio.sleep(0.05)
            seen.append("waiting" if not waiting.done() else "not waiting")
        await asyncio.wait_for(waiting, 1.0)
        seen.append("idle after the batch")
        return seen

    assert asyncio.run(scenario()) == ["idle at once", "waiting", "idle after the batch"]


def test_a_batch_being_coded_is_given_up_at_half_the_grace_unpublished_and_unacked() -> None:
    recorder = ExitRecorder()
    shutdown = Shutdown(GRACE_S, recorder.kill_extraction, recorder.exit)
    publisher = InMemoryPublisher()
    value = json.dumps({"id": "long", "text": "France met Germany."}).encode()
    acked: list[int] = []
    batch = Batch(0, [stream_event(SETTINGS.topic_articles, value, RECORD_TIME)], acked)
    processor = ArticleProcessor(
        SETTINGS, EndlessExtractor(), DeadLetterGuard(10, 0.5), publisher, shutdown=shutdown
    )

    async def scenario() -> float:
        loop = asyncio.get_running_loop()
        running = asyncio.create_task(processor.run(stream([batch])))
        await asyncio.sleep(0.05)
        started = loop.time()
        shutdown.begin()
        await asyncio.wait_for(running, GRACE_S)
        await asyncio.wait_for(shutdown.idle(), 0.1)
        return loop.time() - started

    given_up_after = asyncio.run(scenario())
    assert GRACE_S / 2 <= given_up_after < GRACE_S
    assert publisher.sent == []
    assert acked == []
    # The watchdog still ends a worker that has not exited by the end of the grace.
    assert recorder.exited.wait(2 * GRACE_S)
    assert recorder.events == ["killed extraction processes", f"exit {HARD_EXIT_CODE}"]
