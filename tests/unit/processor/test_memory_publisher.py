"""The in-memory publisher keeps the contract of the worker's producer."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Awaitable, Callable

import pytest

from tests.publisher_contract import CONTRACT, PublisherHarness, StoredRecord, check
from tests.unit.processor.memory_publisher import InMemoryPublisher


class InMemoryHarness:
    """The contract's harness over an :class:`InMemoryPublisher`."""

    def __init__(self) -> None:
        self.publisher = InMemoryPublisher()
        self._topics = itertools.count()

    def new_topic(self) -> str:
        return f"topic-{next(self._topics)}"

    async def stored(self, topic: str, count: int) -> list[StoredRecord]:
        records = self.publisher.stored_on(topic)[:count]
        assert len(records) == count, f"{len(records)} of {count} records on {topic}"
        return [StoredRecord(record.key, record.value, record.headers) for record in records]


@pytest.mark.parametrize("contract", CONTRACT, ids=lambda contract: contract.__name__)
def test_the_in_memory_publisher_keeps_the_contract(
    contract: Callable[[PublisherHarness], Awaitable[None]],
) -> None:
    asyncio.run(check(contract, InMemoryHarness()))
