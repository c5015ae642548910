"""The worker's producers are idempotent under at-least-once as well as exactly-once."""

from __future__ import annotations

import asyncio

from aiokafka import AIOKafkaProducer

from services.processor.transport import IdempotentProducer, StreamApp

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
