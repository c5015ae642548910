"""The contract of a :class:`~services.processor.publisher.Publisher`, as checks on a harness.

The in-memory publisher of the unit tests and the worker's producer on the real broker
(``tests/integration/test_publisher_contract.py``) run the same checks, so that what the unit
tests of the agents assume of the first holds of the second.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol

import pytest

from services.processor.publisher import Publisher
from services.processor.records import Headers, InputRecord

# A check that hangs (a gate that never opens) fails after this long instead.
CHECK_TIMEOUT_S = 30.0
SOURCE = InputRecord(
    topic="articles.raw",
    partition=0,
    offset=7,
    key=b"article-7",
    value=b"{}",
    headers=(),
    timestamp=datetime(2026, 4, 6, tzinfo=UTC),
)


@dataclass(frozen=True)
class StoredRecord:
    """What a reader of a topic sees of one record."""

    key: bytes | None
    value: bytes | None
    headers: Headers


class PublisherHarness(Protocol):
    """A publisher under test, a fresh topic to send to, and a reader of that topic."""

    @property
    def publisher(self) -> Publisher: ...

    def new_topic(self) -> str: ...

    async def stored(self, topic: str, count: int) -> list[StoredRecord]:
        """The first ``count`` records of ``topic``; fails when fewer arrive."""
        ...


Sent = tuple[bytes | None, bytes | None, Headers]


async def _sent_and_acknowledged(harness: PublisherHarness, *records: Sent) -> str:
    topic = harness.new_topic()
    acks = [
        await harness.publisher.send(topic, key, value, headers, SOURCE)
        for key, value, headers in records
    ]
    await asyncio.gather(*acks)
    return topic


async def a_record_is_stored_as_sent_once_acknowledged(harness: PublisherHarness) -> None:
    headers = (("ce_id", b"1"), ("trace", b"\x00\xff"))
    topic = await _sent_and_acknowledged(harness, (b"FRA|DEU", b'{"a": 1}', headers))
    assert await harness.stored(topic, 1) == [StoredRecord(b"FRA|DEU", b'{"a": 1}', headers)]


async def records_of_one_key_are_stored_in_send_order(harness: PublisherHarness) -> None:
    values = [str(index).encode() for index in range(20)]
    topic = await _sent_and_acknowledged(harness, *[(b"dyad", value, ()) for value in values])
    assert [record.value for record in await harness.stored(topic, 20)] == values


async def a_record_without_key_or_without_value_is_stored_as_such(
    harness: PublisherHarness,
) -> None:
    # A dead letter keeps the bytes of its record, which may lack a key or a value.
    sent = [(None, b"v", (("dlq_reason", b"x"),)), (b"k", None, (("dlq_reason", b"y"),))]
    topic = await _sent_and_acknowledged(harness, *sent)
    assert await harness.stored(topic, 2) == [StoredRecord(*record) for record in sent]


async def a_record_without_key_and_value_is_refused(harness: PublisherHarness) -> None:
    # aiokafka asserts that a record has one of them: so does the contract, so that the unit
    # tests see what the worker would see (the dead letter of such a record cannot be sent).
    with pytest.raises(AssertionError, match="Need at least one: key or value"):
        await harness.publisher.send(harness.new_topic(), None, None, (), SOURCE)


async def batches_may_publish_at_once(harness: PublisherHarness) -> None:
    # The agent publishes one batch while it codes the next, and two agents share a publisher.
    async with harness.publisher.publishing_batch(), harness.publisher.publishing_batch():
        topic = await _sent_and_acknowledged(harness, (b"k", b"v", ()))
    assert [record.value for record in await harness.stored(topic, 1)] == [b"v"]


CONTRACT: tuple[Callable[[PublisherHarness], Awaitable[None]], ...] = (
    a_record_is_stored_as_sent_once_acknowledged,
    records_of_one_key_are_stored_in_send_order,
    a_record_without_key_or_without_value_is_stored_as_such,
    a_record_without_key_and_value_is_refused,
    batches_may_publish_at_once,
)


async def check(
    contract: Callable[[PublisherHarness], Awaitable[None]], harness: PublisherHarness
) -> None:
    """Run one check of the contract, failing rather than hanging."""
    await asyncio.wait_for(contract(harness), CHECK_TIMEOUT_S)
