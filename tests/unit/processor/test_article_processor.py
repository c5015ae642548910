"""The article processor without a broker: batch order, dead letters, the guard, acks last.

The stream's batches, the extraction pool and the producer are replaced by in-memory ones
that keep their contracts (the producer's is checked in ``test_memory_publisher``).
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

import pytest

from schemas import Article, DeadLetterReason, DiplomaticEvent, Mentions, TextSpan
from schemas.article import MAX_TEXT_BYTES
from services.extraction.budget import ExtractionTimeoutError
from services.extraction.sentence_faults import ArticleEvents, SentenceFailure
from services.processor.agent import ArticleProcessor
from services.processor.dlq_guard import DeadLetterGuard, DeadLetterGuardError
from services.processor.dlq_guard_store import parsed_window
from services.processor.extraction_pool import ExtractionOutcome
from services.processor.metrics import REGISTRY
from services.processor.record_size import MAX_RECORD_BYTES
from services.processor.sentence_letters import (
    FAILED_SENTENCE_COUNT_HEADER,
    FAILED_SENTENCES_HEADER,
)
from services.settings import Settings
from tests.unit.processor.events import make_event
from tests.unit.processor.memory_publisher import InMemoryPublisher
from tests.unit.processor.stream_events import RawMessage, StreamEvent, stream_event

SETTINGS = Settings(_env_file=None)
RECORD_TIME = datetime(2026, 4, 6, 9, 0, tzinfo=UTC)


@dataclass
class Batch:
    """A batch as the batching stream hands it out; ``acked`` logs the order of acks."""

    number: int
    events: list[StreamEvent]
    acked: list[int] = field(default_factory=list)

    async def ack(self) -> None:
        self.acked.append(self.number)


class ScriptedExtractor:
    """Codes each article as one event with its id; raises for ids starting with ``fail``,
    runs out of time for ``slow``, gives events of huge evidence for ``huge`` (cut to fit)
    and ``enormous`` (too large even when cut), fails one sentence of two for ``partial``
    and every sentence for ``broken``."""

    def __init__(self) -> None:
        self.coded: list[list[str]] = []

    async def extract(self, articles: Sequence[Article]) -> list[ExtractionOutcome]:
        self.coded.append([article.id for article in articles])
        return [_outcome(article.id) for article in articles]


def _outcome(article_id: str) -> ExtractionOutcome:
    if article_id.startswith("fail"):
        return RuntimeError("engine bug")
    if article_id.startswith("slow"):
        return ExtractionTimeoutError(f"article {article_id!r} ran over its budget")
    event = make_event(article_id=article_id)
    if article_id.startswith(("partial", "broken")):
        failure = SentenceFailure(1, 20, 41, "ValueError", "year -976 is out of range")
        if article_id.startswith("broken"):
            return ArticleEvents([], (failure,), coded_sentences=1)
        return ArticleEvents([event], (failure,), coded_sentences=2)
    if article_id.startswith(("huge", "enormous")):
        # Control characters are six bytes each in JSON: the evidence of 100 kB of them
        # went over the producer's 1 MB limit and stopped the worker.
        text = "\x01" * 100_000
        span = TextSpan(text=text, start=0, end=len(text))
        copies = 2 if article_id.startswith("huge") else 2_000
        evidence = event.evidence.model_copy(update={"sentence": span, "triggers": [span]})
        mentions = Mentions(count=copies, offsets=[span] * copies)
        event = event.model_copy(update={"evidence": evidence, "mentions": mentions})
    return ArticleEvents([event])


def article(article_id: str, **fields: object) -> bytes:
    return json.dumps({"id": article_id, "text": "France met Germany.", **fields}).encode()


def event(value: bytes | None) -> StreamEvent:
    return stream_event(SETTINGS.topic_articles, value, RECORD_TIME)


def batches_of(*values: Sequence[bytes | None]) -> tuple[list[Batch], list[int]]:
    """Batches of records with these values, and the log their acks go to."""
    acked: list[int] = []
    return [
        Batch(number, [event(v) for v in batch], acked) for number, batch in enumerate(values)
    ], acked


async def stream(batches: list[Batch]) -> AsyncIterator[Batch]:
    for batch in batches:
        yield batch


def processor(
    publisher: InMemoryPublisher, guard: DeadLetterGuard | None = None
) -> ArticleProcessor:
    return ArticleProcessor(
        SETTINGS, ScriptedExtractor(), guard or DeadLetterGuard(100, 0.5), publisher
    )


def coded_article_ids(publisher: InMemoryPublisher) -> list[str]:
    return [
        json.loads(record.value or b"")["article_id"]
        for record in publisher.stored_on(SETTINGS.topic_events)
    ]


def dead_lettered(reason: DeadLetterReason) -> float:
    sample = REGISTRY.get_sample_value(
        "dipstream_articles_dead_lettered_total", {"reason": reason.value}
    )
    return sample or 0.0


def test_events_come_out_in_batch_order_and_batches_are_acked_in_order() -> None:
    publisher = InMemoryPublisher()
    batches, acked = batches_of([article("a1"), article("a2")], [article("a3")], [article("a4")])
    asyncio.run(processor(publisher).run(stream(batches)))
    assert coded_article_ids(publisher) == ["a1", "a2", "a3", "a4"]
    assert acked == [0, 1, 2]


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        (None, DeadLetterReason.UNDECODABLE),
        (b"\xff\xfe not utf-8", DeadLetterReason.UNDECODABLE),
        (b"{not json", DeadLetterReason.INVALID_JSON),
        (b"[1, 2]", DeadLetterReason.SCHEMA_VIOLATION),
        (article("a1", text="   "), DeadLetterReason.EMPTY_TEXT),
        (article("a1", text="x" * (MAX_TEXT_BYTES + 1)), DeadLetterReason.OVERSIZED),
        (article("a1", language="fr"), DeadLetterReason.UNSUPPORTED_LANGUAGE),
        (article("fail-1"), DeadLetterReason.EXTRACTION_ERROR),
        (article("broken-1"), DeadLetterReason.EXTRACTION_ERROR),
        (article("slow-1"), DeadLetterReason.EXTRACTION_TIMEOUT),
        (article("enormous-1"), DeadLetterReason.OVERSIZED_OUTPUT),
        (b"[" * 5_000, DeadLetterReason.TOO_DEEPLY_NESTED),
    ],
    ids=lambda item: item.value if isinstance(item, DeadLetterReason) else "",
)
def test_each_bad_input_kind_is_dead_lettered_with_its_reason_and_counted(
    value: bytes | None, reason: DeadLetterReason
) -> None:
    publisher = InMemoryPublisher()
    batches, acked = batches_of([article("good"), value])
    before = dead_lettered(reason)
    asyncio.run(processor(publisher).run(stream(batches)))
    [letter] = publisher.stored_on(SETTINGS.topic_dlq)
    bad = batches[0].events[1].message
    assert (letter.key, letter.value) == (bad.key, bad.value)
    assert dict(letter.headers)["dlq_reason"] == reason.value.encode()
    assert dead_lettered(reason) == before + 1
    assert coded_article_ids(publisher) == ["good"]
    assert acked == [0]


def test_the_guard_trips_after_publishing_the_batch_and_stops_before_the_next() -> None:
    publisher = InMemoryPublisher()
    batches, acked = batches_of([b"{", b"{"], [article("a1")])
    with pytest.raises(DeadLetterGuardError, match="100% of the last 2 records"):
        asyncio.run(processor(publisher, DeadLetterGuard(2, 0.5)).run(stream(batches)))
    assert len(publisher.stored_on(SETTINGS.topic_dlq)) == 2
    assert acked == [0]
    assert coded_article_ids(publisher) == []


async def _until(condition: Callable[[], bool]) -> None:
    for _ in range(1_000):
        if condition():
            return
        await asyncio.sleep(0)
    pytest.fail("the processor never got there")


def test_each_batch_saves_the_guard_window_that_counts_it() -> None:
    publisher = InMemoryPublisher()
    batches, _ = batches_of([b"{", article("a1")], [article("a2")])
    asyncio.run(processor(publisher).run(stream(batches)))
    saved = [
        parsed_window(record.value, SETTINGS.dlq_guard_topic())
        for record in publisher.stored_on(SETTINGS.dlq_guard_topic())
    ]
    assert [window.outcomes if window else None for window in saved] == [
        (True, False),
        (True, False, False),
    ]


def test_a_batch_is_acked_only_once_every_send_is_acknowledged() -> None:
    publisher = InMemoryPublisher(hold_acks=True)
    batches, acked = batches_of([article("a1")])

    async def scenario() -> None:
        running = asyncio.create_task(processor(publisher).run(stream(batches)))
        # One event goes to the events topic and to its quad-class topic; the guard's window
        # goes with them.
        await _until(lambda: publisher.pending == 3)
        assert acked == []
        assert publisher.batches_publishing == 1
        publisher.acknowledge()
        await running

    asyncio.run(scenario())
    assert acked == [0]
    assert publisher.batches_publishing == 0


def test_the_next_batch_is_coded_but_not_published_while_the_previous_waits_for_acks() -> None:
    publisher = InMemoryPublisher(hold_acks=True)
    batches, acked = batches_of([article("a1")], [article("a2")])
    extractor = ScriptedExtractor()
    articles = ArticleProcessor(SETTINGS, extractor, DeadLetterGuard(100, 0.5), publisher)

    async def scenario() -> None:
        running = asyncio.create_task(articles.run(stream(batches)))
        # Each batch sends one event to two topics, and the guard's window.
        await _until(lambda: len(extractor.coded) == 2 and publisher.pending == 3)
        assert {record.source.offset for record in publisher.sent} == {
            batches[0].events[0].message.offset
        }
        publisher.acknowledge()
        await _until(lambda: publisher.pending == 3)
        assert acked == [0]
        publisher.acknowledge()
        await running

    asyncio.run(scenario())
    assert acked == [0, 1]
    assert coded_article_ids(publisher) == ["a1", "a2"]


class GatedExtractor(ScriptedExtractor):
    """Codes as ScriptedExtractor, but holds the batch of article ``a1`` until released."""

    def __init__(self) -> None:
        super().__init__()
        self.release = asyncio.Event()

    async def extract(self, articles: Sequence[Article]) -> list[ExtractionOutcome]:
        self.coded.append([article.id for article in articles])
        if articles[0].id == "a1":
            await self.release.wait()
        return [_outcome(article.id) for article in articles]


@pytest.mark.parametrize(("processes", "coded_meanwhile"), [(1, 1), (2, 3), (0, 1)])
def test_one_batch_per_extraction_process_is_coded_at_once_and_outputs_keep_order(
    processes: int, coded_meanwhile: int
) -> None:
    publisher = InMemoryPublisher()
    batches, acked = batches_of([article("a1")], [article("a2")], [article("a3")])
    extractor = GatedExtractor()
    settings = SETTINGS.model_copy(update={"extraction_workers": processes})
    articles = ArticleProcessor(settings, extractor, DeadLetterGuard(100, 0.5), publisher)

    async def scenario() -> None:
        running = asyncio.create_task(articles.run(stream(batches)))
        await _until(lambda: len(extractor.coded) == coded_meanwhile)
        # While a1 is coded, a second process codes a2 then a3, which wait to be published.
        await asyncio.sleep(0.05)
        assert len(extractor.coded) == coded_meanwhile
        assert publisher.sent == []
        extractor.release.set()
        await running

    asyncio.run(scenario())
    assert acked == [0, 1, 2]
    assert coded_article_ids(publisher) == ["a1", "a2", "a3"]


def test_a_refused_send_stops_the_processor_with_the_batch_unacked() -> None:
    publisher = InMemoryPublisher(hold_acks=True)
    batches, acked = batches_of([article("a1")])

    async def scenario() -> None:
        running = asyncio.create_task(processor(publisher).run(stream(batches)))
        await _until(lambda: publisher.pending == 3)
        publisher.refuse(ConnectionError("the broker refused"))
        with pytest.raises(ConnectionError, match="the broker refused"):
            await running

    asyncio.run(scenario())
    assert acked == []


def test_an_event_too_large_for_a_record_goes_out_cut_and_flagged() -> None:
    publisher = InMemoryPublisher()
    batches, acked = batches_of([article("huge-1"), article("after")])
    asyncio.run(processor(publisher).run(stream(batches)))
    assert coded_article_ids(publisher) == ["huge-1", "after"]
    huge = publisher.stored_on(SETTINGS.topic_events)[0].value or b""
    assert len(huge) < MAX_RECORD_BYTES
    assert DiplomaticEvent.model_validate_json(huge).evidence.truncated
    assert publisher.stored_on(SETTINGS.topic_dlq) == []
    assert acked == [0]


def test_a_record_with_neither_key_nor_value_is_dead_lettered_and_the_batch_goes_on() -> None:
    publisher = InMemoryPublisher()
    batches, acked = batches_of([article("before"), article("after")])
    empty = RawMessage(SETTINGS.topic_articles, 0, 999_999, None, None, [], RECORD_TIME.timestamp())
    batches[0].events.insert(1, StreamEvent(empty))
    asyncio.run(processor(publisher).run(stream(batches)))
    [letter] = publisher.stored_on(SETTINGS.topic_dlq)
    assert (letter.key, letter.value) == (None, b"")
    assert dict(letter.headers)["dlq_reason"] == DeadLetterReason.UNDECODABLE.value.encode()
    assert coded_article_ids(publisher) == ["before", "after"]
    assert acked == [0]


def sentences_failed() -> float:
    return REGISTRY.get_sample_value("dipstream_sentences_failed_total") or 0.0


def test_an_article_with_a_failed_sentence_publishes_the_rest_and_is_a_partial_letter() -> None:
    publisher = InMemoryPublisher()
    guard = DeadLetterGuard(10, 0.5)
    batches, acked = batches_of([article("partial-1"), article("after")])
    before = dead_lettered(DeadLetterReason.EXTRACTION_PARTIAL), sentences_failed()
    asyncio.run(processor(publisher, guard).run(stream(batches)))
    assert coded_article_ids(publisher) == ["partial-1", "after"]
    [letter] = publisher.stored_on(SETTINGS.topic_dlq)
    headers = dict(letter.headers)
    assert letter.value == batches[0].events[0].message.value
    assert headers["dlq_reason"] == DeadLetterReason.EXTRACTION_PARTIAL.value.encode()
    assert headers[FAILED_SENTENCE_COUNT_HEADER] == b"1"
    assert json.loads(headers[FAILED_SENTENCES_HEADER]) == [
        {
            "index": 1,
            "start": 20,
            "end": 41,
            "error_type": "ValueError",
            "message": "year -976 is out of range",
        }
    ]
    assert (dead_lettered(DeadLetterReason.EXTRACTION_PARTIAL), sentences_failed()) == (
        before[0] + 1,
        before[1] + 1,
    )
    # Its events were published: the guard counts the article as coded.
    assert guard.ratio == 0.0
    assert acked == [0]


def test_an_article_whose_every_sentence_failed_is_dead_lettered_whole_with_its_sentences() -> None:
    publisher = InMemoryPublisher()
    batches, _ = batches_of([article("broken-1")])
    asyncio.run(processor(publisher).run(stream(batches)))
    [letter] = publisher.stored_on(SETTINGS.topic_dlq)
    headers = dict(letter.headers)
    assert headers["dlq_reason"] == DeadLetterReason.EXTRACTION_ERROR.value.encode()
    assert b"1 of 1 sentences could not be coded" in headers["dlq_error"]
    assert headers[FAILED_SENTENCE_COUNT_HEADER] == b"1"
    assert coded_article_ids(publisher) == []
