"""What the agents send their records through: the contract of the worker's producer.

The agents depend on this protocol rather than on Faust, so that their logic (order, dead
letters, acks before commits) can be tested with an in-memory publisher; the same contract tests
run against both (``tests/publisher_contract.py``). The worker's implementation is
:class:`~services.processor.faust_fixes.output.OutputProducer`.
"""

from __future__ import annotations

from collections.abc import Awaitable
from contextlib import AbstractAsyncContextManager
from typing import Any, Protocol

from services.processor.records import Headers, InputRecord


class Publisher(Protocol):
    """Sends records and tells when the broker has them; batches publish inside a gate."""

    def publishing_batch(self) -> AbstractAsyncContextManager[None]:
        """Send a batch's records and ack its input inside: no offset commit falls in between.

        Several batches may be inside at once.
        """
        ...

    async def send(
        self,
        topic: str,
        key: bytes | None,
        value: bytes | None,
        headers: Headers,
        source: InputRecord,
    ) -> Awaitable[Any]:
        """Queue one record produced from ``source``; the returned awaitable resolves once the
        broker has acknowledged it, and raises if the broker refused it. Records queued for
        one topic and key are stored in the order they were queued."""
        ...
