"""A :class:`Publisher` whose broker is a list, for the processor's unit tests.

It keeps the contract of the worker's producer (``tests/publisher_contract.py`` checks both),
and lets a test hold the broker's acknowledgements back, release them, or refuse the sends.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable
from contextlib import asynccontextmanager
from dataclasses import dataclass

from services.processor.records import Headers, InputRecord


@dataclass(frozen=True)
class SentRecord:
    """One record as it was handed to :meth:`InMemoryPublisher.send`."""

    topic: str
    key: bytes | None
    value: bytes | None
    headers: Headers
    source: InputRecord


class InMemoryPublisher:
    """Stores what is sent; acknowledges at once unless ``hold_acks``, then when released."""

    def __init__(self, *, hold_acks: bool = False) -> None:
        self.hold_acks = hold_acks
        self.sent: list[SentRecord] = []
        self.stored: list[SentRecord] = []
        self.batches_publishing = 0
        self._pending: list[tuple[asyncio.Future[None], SentRecord]] = []

    @asynccontextmanager
    async def publishing_batch(self) -> AsyncIterator[None]:
        """Counts the batches inside, so that a test can see when a batch is between its first
        send and its ack; nothing commits here, so nothing waits."""
        self.batches_publishing += 1
        try:
            yield
        finally:
            self.batches_publishing -= 1

    async def send(
        self,
        topic: str,
        key: bytes | None,
        value: bytes | None,
        headers: Headers,
        source: InputRecord,
    ) -> Awaitable[None]:
        """Queue the record; its future resolves when the broker (the test) acknowledges it."""
        # As aiokafka: a record needs a key or a value.
        assert not (key is None and value is None), "Need at least one: key or value"
        record = SentRecord(topic, key, value, headers, source)
        acked: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self.sent.append(record)
        self._pending.append((acked, record))
        if not self.hold_acks:
            self.acknowledge()
        return acked

    @property
    def pending(self) -> int:
        """Records sent and neither acknowledged nor refused yet."""
        return len(self._pending)

    def acknowledge(self) -> None:
        """The broker stores every pending record, in send order, and acknowledges it."""
        for acked, record in self._pending:
            self.stored.append(record)
            acked.set_result(None)
        self._pending.clear()

    def refuse(self, error: Exception) -> None:
        """The broker refuses every pending record: their futures raise ``error``."""
        for acked, _ in self._pending:
            acked.set_exception(error)
        self._pending.clear()

    def stored_on(self, topic: str) -> list[SentRecord]:
        """What a reader of ``topic`` would see: acknowledged records, in order."""
        return [record for record in self.stored if record.topic == topic]
