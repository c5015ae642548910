"""The worker's transport: idempotent producers; acks only for messages a stream took."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from aiokafka import AIOKafkaProducer
from faust.types import TP
from faust.types.tuples import ConsumerMessage

from services.processor.faust_fixes.consumer import LosslessConsumer
from services.processor.faust_fixes.transport import IdempotentProducer, StreamApp

# Nothing listens here: building producers never connects.
UNREACHABLE_BROKER = "kafka://127.0.0.1:1"


def built_producer(processing_guarantee: str) -> AIOKafkaProducer:
    """The aiokafka producer the app's Faust producer would start, built in a loop."""

    async def build() -> AIOKafkaProducer:
        app = StreamApp(
            f"transport-test-{processing_guarantee}",
            broker=UNREACHABLE_BROKER,
            processing_guarantee=processing_guarantee,
            autodiscover=False,
        )
        producer = app.producer
        assert isinstance(producer, IdempotentProducer)
        client = producer._new_producer()
        await client.stop()
        return client

    return asyncio.run(build())


def test_at_least_once_producer_is_idempotent_with_acks_from_all_replicas() -> None:
    client = built_producer("at_least_once")
    # aiokafka keeps a transaction manager exactly when idempotence is on; it numbers the
    # batches so that the broker can drop a retried duplicate.
    assert client._txn_manager is not None
    assert client._txn_manager.transactional_id is None


def test_exactly_once_producer_stays_idempotent() -> None:
    client = built_producer("exactly_once")
    assert client._txn_manager is not None


@asynccontextmanager
async def acked_topic_consumer(app_id: str) -> AsyncIterator[LosslessConsumer]:
    """A new app's consumer, once the topic ``articles`` is one whose offsets it commits."""
    app = StreamApp(app_id, broker=UNREACHABLE_BROKER, autodiscover=False)
    topics: Any = app.topics
    topics.add(app.topic("articles", value_serializer="raw"))
    # The conductor learns which topics are acked when it indexes its subscriptions.
    await topics._update_indices()
    consumer = app.consumer
    assert isinstance(consumer, LosslessConsumer)
    try:
        yield consumer
    finally:
        # The consumer thread's event loop is made with it and closed when the thread stops;
        # this consumer never starts.
        consumer._thread.thread_loop.close()


def offsets_marked_for_commit(taken_by_a_stream: bool) -> list[int]:
    """Acks one message of an acked topic; the offsets the consumer would then commit from."""

    async def ack_one() -> list[int]:
        async with acked_topic_consumer("transport-test-acks") as consumer:
            message = ConsumerMessage("articles", 0, 7, 0.0, 0, None, None, b"{}", None)
            message.tracked = taken_by_a_stream
            message.ack(consumer)
            return list(consumer._acked[TP("articles", 0)])

    return asyncio.run(ack_one())


def test_a_message_a_stream_took_is_committed_once_acked() -> None:
    assert offsets_marked_for_commit(taken_by_a_stream=True) == [7]


def test_a_message_a_stream_skipped_is_not_committed() -> None:
    # What a stream does with a message read during a shutdown or a rebalance: it acks it
    # without taking it. Committing it would lose the article behind it.
    assert offsets_marked_for_commit(taken_by_a_stream=False) == []


def test_a_gap_opens_only_over_offsets_no_fetch_returned() -> None:
    # Offsets 5 and 7 were fetched and then dropped unread; 4, 6 and 8 never came (markers).
    async def gaps() -> list[tuple[int, int]]:
        async with acked_topic_consumer("transport-test-gaps") as consumer:
            tp = TP("articles", 0)
            consumer._fetched[tp].update({5, 7})
            await consumer._add_gap(tp, 4, 8)
            return sorted((interval.begin, interval.end) for interval in consumer._gap[tp])

    # Intervals exclude their end: only 4, 6 and 8 may be committed without being processed.
    assert asyncio.run(gaps()) == [(4, 5), (6, 7), (8, 9)]


def commit_offset_after_a_missing_head(head_was_fetched: bool) -> int | None:
    """Offset 10 is committed next; 11 and 12 are processed; 10 was fetched or never came."""

    async def new_offset() -> int | None:
        async with acked_topic_consumer("transport-test-head") as consumer:
            tp = TP("articles", 0)
            consumer._committed_offset[tp] = 10
            consumer._fetched[tp].update({10, 11, 12} if head_was_fetched else {11, 12})
            consumer._acked[tp].extend([11, 12])
            return consumer._new_offset(tp)

    return asyncio.run(new_offset())


def test_no_commit_passes_a_fetched_record_that_was_not_processed() -> None:
    assert commit_offset_after_a_missing_head(head_was_fetched=True) is None


def test_a_commit_passes_an_offset_no_fetch_returned() -> None:
    # A transaction marker at offset 10: nothing there to process.
    assert commit_offset_after_a_missing_head(head_was_fetched=False) == 13


def first_unprocessed_after_a_commit(fetched: set[int]) -> int | None:
    """Offsets 0 to 9 were processed and committed (Faust then forgets their acks)."""

    async def first_unprocessed() -> int | None:
        async with acked_topic_consumer("transport-test-unread") as consumer:
            tp = TP("articles", 0)
            consumer._committed_offset[tp] = 10
            consumer._fetched[tp].update(fetched)
            return consumer._first_unprocessed_fetched(tp)

    return asyncio.run(first_unprocessed())


def test_committed_records_are_not_taken_for_unprocessed_ones() -> None:
    # An idle worker would otherwise read its partitions again from the start, every time
    # the stall watch looks.
    assert first_unprocessed_after_a_commit(set(range(10))) is None


def test_a_fetched_record_above_the_committed_offset_is_unprocessed() -> None:
    assert first_unprocessed_after_a_commit({*range(10), 10, 11}) == 10
