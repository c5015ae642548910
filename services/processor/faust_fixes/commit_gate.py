"""Corrects Faust's commits, which may fall in the middle of a batch's publishing.

Checked against faust-streaming 0.15.3 and aiokafka 0.14.0.

Under exactly-once, a commit closes the Kafka transaction of each partition: it makes visible
every record sent so far, together with the offsets acked so far. A commit that fell between
the sends of a batch and the ack of its offsets would make part of the batch's outputs visible
without its offsets, and a worker dying then would publish them again when the batch is read
again. Agents publish a batch and ack it inside :meth:`CommitGate.publishing`; the consumer
commits inside :meth:`CommitGate.committing`, which waits for publishing batches to finish and
holds new ones back meanwhile, so that a steady stream of batches cannot starve commits.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager


class CommitGate:
    """Many batches may publish at once; a commit runs alone, before any batch that follows."""

    def __init__(self) -> None:
        self._publishing = 0
        self._commits_waiting = 0
        self._committing = False
        self._changed = asyncio.Condition()

    @asynccontextmanager
    async def publishing(self) -> AsyncIterator[None]:
        """Publish and ack one batch inside: no commit starts until it is done."""
        async with self._changed:
            await self._changed.wait_for(lambda: not self._committing and not self._commits_waiting)
            self._publishing += 1
        try:
            yield
        finally:
            async with self._changed:
                self._publishing -= 1
                self._changed.notify_all()

    @asynccontextmanager
    async def committing(self) -> AsyncIterator[None]:
        """Commit inside: entered once no batch is between its first send and its ack."""
        async with self._changed:
            self._commits_waiting += 1
            try:
                await self._changed.wait_for(lambda: not self._publishing and not self._committing)
            finally:
                self._commits_waiting -= 1
            self._committing = True
        try:
            yield
        finally:
            async with self._changed:
                self._committing = False
                self._changed.notify_all()
