"""Corrects Faust's consumer, which can commit the offsets of records no stream processed.

Checked against faust-streaming 0.15.3 and aiokafka 0.14.0.

Faust commits an offset once every message before it is acked, and counts as acked both the
messages streams processed and the "gaps" between offsets it read one after the other. Under
the races of a shutdown or a rebalance, several of its paths drop records that were fetched
but not delivered, and the next offset read then opens a gap over them: the records are
committed unread, and their articles are never coded. Seen on a real broker as articles
missing after a worker restart and as a worker taking over partitions and consuming nothing.

:class:`LosslessConsumer` changes these things:

- a gap covers only offsets that no fetch ever returned (transaction markers, compacted
  records), never a record that was fetched and then dropped; and a commit never passes such
  a record, which Faust allows for the one offset right after the committed one;
- a record read again after a seek is dropped only if it was processed, not whenever an
  offset after it was read before: that one may have been read and never processed;
- an ack counts only for a message a stream has taken: a stream acks the messages it skips
  (read while flow control is off, or from an older consumer generation) without processing;
- a partition without a committed offset is sought back to its first fetched record not
  processed with the others at the end of a rebalance, instead of staying where a dropped
  fetch left it; and any partition whose first unprocessed record was fetched and never
  handed on while the worker sat idle is read again from it (:meth:`rewind_stalled`). A
  record handed on and waiting in the agent's queue is not stalled, however long the agent
  takes to start (a model loading for 30 s on a busy machine): reading it again would hand
  it on twice, and both copies were coded and published, visible twice even under
  exactly-once;
- a commit waits at the :class:`~services.processor.faust_fixes.commit_gate.CommitGate`
  until no batch is between its first send and its ack;
- what was processed is committed when partitions are revoked: Faust forgets the acks of
  revoked partitions before its rebalance handler commits, so every rebalance handed the
  next owner all the records processed since the last periodic commit, to process again;
- a worker that stops waits for the batches its agents have in hand
  (:class:`~services.processor.shutdown.Shutdown`), not, as Faust does, for every record taken
  from the stream to be acked: records buffered for a batch that no agent will start are never
  acked, and Faust waited for them until it was killed.
"""

from __future__ import annotations

import asyncio
import time
from collections import defaultdict
from collections.abc import Mapping
from typing import Any, cast

from faust.transport.consumer import CONSUMER_FETCHING
from faust.transport.drivers import aiokafka as faust_aiokafka
from faust.types import TP, Message
from mode import Service, ServiceT

from services.processor.faust_fixes.commit_gate import CommitGate
from services.processor.shutdown import Shutdown

# How many records the drain loop hands on before it lets other tasks run, as in Faust.
_YIELD_EVERY = 100
# How long a partition with an unprocessed fetched record must have handed nothing on before
# :meth:`LosslessConsumer.rewind_stalled` reads it again.
_STALL_AFTER_S = 3.0


class LosslessConsumer(faust_aiokafka.Consumer):
    """Faust's aiokafka consumer that commits only offsets of records it processed."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Offsets each fetch returned, at or above the committed offset.
        self._fetched: defaultdict[TP, set[int]] = defaultdict(set)
        # When the drain loop last handed on a record of each partition (monotonic seconds).
        self._delivered_at: dict[TP, float] = {}
        # Offsets the drain loop handed on to the streams since the partition was last sought.
        self._handed_on: defaultdict[TP, set[int]] = defaultdict(set)
        # What the previous look of :meth:`rewind_stalled` found: partition -> first unread.
        self._stalled: dict[TP, int] = {}
        self.commit_gate = CommitGate()

    async def commit(self, topics: Any = None, start_new_transaction: bool = True) -> bool:
        """Commit what is acked, once no batch is being published."""
        async with self.commit_gate.committing():
            return bool(await super().commit(topics, start_new_transaction))

    async def wait_empty(self) -> None:
        """On a stop, wait for the batches in hand, then commit; otherwise as Faust does."""
        shutdown: Shutdown | None = getattr(self.app, "shutdown", None)
        if shutdown is None or not shutdown.stopping:
            await super().wait_empty()
            return
        await shutdown.idle()
        await self.commit_and_end_transactions()

    async def on_partitions_revoked(self, revoked: set[TP]) -> None:
        """Commit what was processed, then let Faust give the partitions up."""
        await self.commit()
        await super().on_partitions_revoked(revoked)

    def ack(self, message: Message) -> bool:
        """Mark ``message`` safe to commit, unless no stream took it."""
        # A stream marks a message as tracked when it takes it; the skip path acks first.
        if not message.tracked and self.app.topics.acks_enabled_for(message.topic):
            return False
        return bool(super().ack(message))

    async def seek_to_committed(self) -> Mapping[TP, int]:
        """Seek every partition to its committed offset, or back to its first unread record."""
        committed = await super().seek_to_committed()
        # Every partition is read again from its committed offset: what was handed on before
        # may have been dropped from the streams' queues in the rebalance.
        self._handed_on.clear()
        # aiokafka moves only partitions with a committed offset above 0, and leaves the others
        # where the last fetch left them: past the records Faust dropped in the rebalance.
        for tp, offset in committed.items():
            if offset or not self.app.topics.acks_enabled_for(tp.topic):
                continue
            first_unread = self._first_unprocessed_fetched(tp)
            if first_unread is not None:
                self._thread.seek(tp, first_unread)
        return committed

    def _first_unprocessed_fetched(
        self, tp: TP, handed_on: frozenset[int] = frozenset()
    ) -> int | None:
        # Fetched at or above the committed offset, and neither acked nor taken by a stream
        # that is still processing it, nor in ``handed_on``. Below the committed offset
        # everything was processed; Faust forgets those acks once it commits them, so they must
        # not count as unread.
        committed = self._committed_offset[tp] or 0
        in_progress = {m.offset for m in self._unacked_messages if m.tp == tp and not m.acked}
        unread = (
            {offset for offset in self._fetched[tp] if offset >= committed}
            - self._acked_index[tp]
            - in_progress
            - handed_on
        )
        return min(unread) if unread else None

    async def rewind_stalled(self) -> None:
        """Seek back a partition whose first unprocessed fetched record never came out.

        Called periodically. A partition qualifies when, at two looks in a row, no stream was
        processing anything, nothing of it was handed on in between, and the same fetched
        record was still unprocessed below the consumer position: it was dropped on the way
        to the stream. A worker that is merely busy always has a batch in progress.
        """
        if any(not message.acked for message in self._unacked_messages):
            self._stalled.clear()
            return
        previous, self._stalled = self._stalled, {}
        for tp in self.assignment():
            if not self.app.topics.acks_enabled_for(tp.topic) or tp in self._paused_partitions:
                continue
            # A record handed on waits in a stream's queue: it comes out once the agent takes it.
            first_unread = self._first_unprocessed_fetched(tp, frozenset(self._handed_on[tp]))
            if first_unread is None:
                continue
            self._stalled[tp] = first_unread
            quiet = self._delivered_at.get(tp, 0.0) < time.monotonic() - _STALL_AFTER_S
            position = await self.position(tp)
            if previous.get(tp) == first_unread and quiet and (position or 0) > first_unread:
                self.log.warning(
                    "%s: record %d was fetched and never processed; reading from it again",
                    tp,
                    first_unread,
                )
                await self.seek(tp, first_unread)
                self._handed_on[tp].clear()

    def _new_offset(self, tp: TP) -> int | None:
        # Faust commits over one missing offset right after the committed one (its own
        # off-by-one between "last read" and "next to read"); that is only right for an offset
        # no fetch returned, such as a transaction marker.
        committed = self._committed_offset[tp]
        accounted = [*self._acked[tp], *(interval.begin for interval in self._gap[tp])]
        if committed is not None and accounted:
            lowest = min(accounted)
            if any(committed <= offset < lowest for offset in self._fetched[tp]):
                return None
        offset: int | None = super()._new_offset(tp)
        return offset

    async def _wait_next_records(self, timeout: float) -> tuple[Any, Any]:
        records, active_partitions = await super()._wait_next_records(timeout)
        for tp, batch in (records or {}).items():
            committed = self._committed_offset[tp] or 0
            for seen in (self._fetched[tp], self._handed_on[tp]):
                if seen and min(seen) < committed:
                    seen.difference_update([offset for offset in seen if offset < committed])
            self._fetched[tp].update(record.offset for record in batch)
        return records, active_partitions

    async def _add_gap(self, tp: TP, offset_from: int, offset_to: int) -> None:
        start = offset_from
        for fetched in sorted(o for o in self._fetched[tp] if offset_from <= o <= offset_to):
            if fetched > start:
                await super()._add_gap(tp, start, fetched - 1)
            start = fetched + 1
        if start <= offset_to:
            await super()._add_gap(tp, start, offset_to)

    def _already_processed(self, tp: TP, offset: int) -> bool:
        # A record read again after a seek is handed on unless it was processed: committed,
        # or acked and waiting for the next commit. One taken but still being processed is
        # handed on again; processing it twice gives the same events.
        committed = self._committed_offset[tp]
        return offset in self._acked_index[tp] or (committed is not None and offset < committed)

    async def _drain_messages(self, fetcher: ServiceT) -> None:
        # Faust's loop of the fetcher task, dropping only records already processed and
        # opening gaps only between offsets that were not fetched.
        consumer_stopped = cast(Service, self)._stopped.is_set
        fetcher_stopped = cast(Service, fetcher)._stopped.is_set
        read_offset = self._read_offset
        since_yield = 0
        try:
            while not (consumer_stopped() or fetcher_stopped()):
                self.diag.set_flag(CONSUMER_FETCHING)
                messages = self.getmany(timeout=1.0)
                await self.sleep(0)
                if self.should_stop:
                    continue
                async for tp, message in messages:
                    since_yield += 1
                    if since_yield > _YIELD_EVERY:
                        await asyncio.sleep(0)
                        since_yield = 0
                    last = read_offset[tp]
                    offset = message.offset
                    if self._already_processed(tp, offset):
                        continue
                    # The gap lies strictly between the last offset read and this one.
                    if (
                        last is not None
                        and offset > last + 1
                        and self.app.topics.acks_enabled_for(message.topic)
                    ):
                        await self._add_gap(tp, last + 1, offset - 1)
                    if self._commit_every is not None and self._n_acked >= self._commit_every:
                        self._n_acked = 0
                        await self.commit()
                    await self.wait_first(self.callback(message), self.suspend_flow.wait())
                    read_offset[tp] = offset
                    self._handed_on[tp].add(offset)
                    self._delivered_at[tp] = time.monotonic()
                self.diag.unset_flag(CONSUMER_FETCHING)
        except self.consumer_stopped_errors:
            if self.transport.app.should_stop:
                self.log.info("Broker stopped consumer, shutting down...")
                return
            raise
        except asyncio.CancelledError:
            if self.transport.app.should_stop:
                self.log.info("Consumer shutting down for user cancel.")
                return
            raise
        except Exception as exc:
            self.log.exception("Drain messages raised: %r", exc)
            raise
        finally:
            self.diag.unset_flag(CONSUMER_FETCHING)
