"""The worker's producer keeps the Publisher contract on the real broker (at-least-once)."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Awaitable, Callable

import pytest

from services.broker.faust_config import faust_broker_url, faust_credentials
from services.processor.faust_fixes.output import OutputProducer
from services.processor.faust_fixes.transport import StreamApp
from services.settings import Settings
from tests.integration.conftest import MessageReader, TopicFactory
from tests.publisher_contract import CONTRACT, PublisherHarness, StoredRecord, check

pytestmark = pytest.mark.broker


class BrokerHarness:
    """The contract's harness over an :class:`OutputProducer` of an app on the test broker."""

    def __init__(self, app: StreamApp, topics: TopicFactory, read: MessageReader) -> None:
        self.publisher = OutputProducer(app)
        self._topics = topics
        self._read = read

    def new_topic(self) -> str:
        return self._topics()

    async def stored(self, topic: str, count: int) -> list[StoredRecord]:
        records = await asyncio.to_thread(self._read, topic, count)
        return [StoredRecord(record.key, record.value, tuple(record.headers)) for record in records]


@pytest.mark.parametrize("contract", CONTRACT, ids=lambda contract: contract.__name__)
def test_the_worker_producer_keeps_the_contract(
    contract: Callable[[PublisherHarness], Awaitable[None]],
    kafka_settings: Settings,
    unique_topic: TopicFactory,
    read_messages: MessageReader,
) -> None:
    app = StreamApp(
        f"publisher-contract-{uuid.uuid4().hex[:12]}",
        broker=faust_broker_url(kafka_settings),
        broker_credentials=faust_credentials(kafka_settings),
        autodiscover=False,
    )

    async def run() -> None:
        await app.producer.start()
        try:
            await check(contract, BrokerHarness(app, unique_topic, read_messages))
        finally:
            await app.producer.stop()

    asyncio.run(run())
