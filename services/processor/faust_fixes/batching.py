"""Corrects Faust's ``Stream.take_events``, which acks events it never handed out.

Checked against faust-streaming 0.15.3 and aiokafka 0.14.0.

In ``take_events``, a buffering step that waited for the previous batch to be handled clears
the "batch in progress" marker when it resumes, even when the next batch has been handed out in
the meantime (a worker stopping hands out what is buffered at once); events then join the
buffer while that batch is being handled, and the batch's ``finally`` acks them with it,
unprocessed. Their offsets are committed and the articles are never coded (seen as one article
per partition missing after a SIGTERM).

:meth:`BatchingStream.take_batches` replaces it and fixes three things: each batch is a
snapshot of the buffer, and only those events are acked; no event joins the buffer while the
loop body handles a batch, however many batches follow; and nothing is acked by the stream:
the caller acks each batch (:meth:`TakenBatch.ack`) once its outputs are confirmed, which may be
after the next batch has been handed out, so a batch whose handling raised stays uncommitted.
That lets the article agent code one batch while the previous one is still being published.
Acks stay off after the last batch: an event the stream reads then was not handled and must
not be committed by the final commit of a stopping worker. Once the app's
:class:`~services.processor.shutdown.Shutdown` has begun, no batch is handed out.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator, Sequence
from dataclasses import dataclass
from typing import Any, cast

import faust
from faust.types import ChannelT, EventT
from mode.utils.aiter import aiter
from mode.utils.times import Seconds, want_seconds

from services.processor.shutdown import Shutdown


@dataclass(frozen=True)
class TakenBatch:
    """Events handed out together by :meth:`BatchingStream.take_batches`, not yet acked."""

    events: Sequence[EventT[Any]]
    stream: faust.Stream[Any]

    async def ack(self) -> None:
        """Mark every event of the batch as handled, so that the next commit covers it."""
        for event in self.events:
            await self.stream.ack(event)


class BatchingStream(faust.Stream[Any]):
    """``faust.Stream`` whose batches ack exactly the events they handed out, when told."""

    async def take_batches(self, max_: int, within: Seconds) -> AsyncGenerator[TakenBatch, None]:
        """Batches of at most ``max_`` events, or what came within ``within`` seconds; the next
        batch is gathered once the loop body returned, and the caller acks each one."""
        buffer: list[EventT[Any]] = []
        buffer_full = asyncio.Event()
        room_in_buffer = asyncio.Event()
        handling: asyncio.Future[None] | None = None

        async def add_to_buffer(value: Any) -> Any:
            while handling is not None:
                await asyncio.shield(handling)
            event = self.current_event
            if event is None:
                raise RuntimeError("the batching stream found no current event")
            buffer.append(event)
            if len(buffer) >= max_:
                buffer_full.set()
                room_in_buffer.clear()
                # mode types the waitable as its own Event; asyncio.Event is what it awaits.
                await self.wait(room_in_buffer)  # type: ignore[arg-type]
            return value

        self.enable_acks = False
        self.add_processor(add_to_buffer)
        self._enable_passive(cast(ChannelT[Any], aiter(self.channel)))
        timeout = want_seconds(within)
        shutdown: Shutdown | None = getattr(self.app, "shutdown", None)
        while not self.should_stop:
            # mode annotates the waitable and the timeout more narrowly than it accepts.
            await self.wait_for_stopped(buffer_full, timeout=timeout)  # type: ignore[arg-type]
            if shutdown is not None and shutdown.stopping:
                return
            if not buffer:
                continue
            batch = list(buffer)
            buffer.clear()
            handling = self.loop.create_future()
            try:
                yield TakenBatch(batch, self)
            finally:
                done, handling = handling, None
                done.set_result(None)
                buffer_full.clear()
                room_in_buffer.set()
