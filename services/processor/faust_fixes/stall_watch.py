"""Corrects Faust's rebalance, which drops fetched records that no seek then reads again.

Checked against faust-streaming 0.15.3 and aiokafka 0.14.0.

When a rebalance starts, Faust turns flow control off and drops whatever its fetcher returns
afterwards, then seeks back only the partitions that have a committed offset. A changelog
partition being restored has none: the dropped records are never read again, the restore
waits for them forever, and the worker stays unready with every partition assigned (seen as a
surviving worker that takes over and then consumes nothing). This watch spots a changelog
partition whose consumer position has moved past the last record the restore received while
nothing arrived between two looks, and seeks it back to the first record not received.
Input partitions are looked after by :meth:`LosslessConsumer.rewind_stalled` at the same pace.
"""

from __future__ import annotations

import logging
from typing import Any

import faust
from faust.types import TP

from services.processor.faust_fixes.consumer import LosslessConsumer

logger = logging.getLogger(__name__)

STALL_CHECK_INTERVAL_S = 5.0


class ChangelogRecoveryWatch:
    """The state of one worker's watch: offsets received at the previous look."""

    def __init__(self, app: faust.App) -> None:
        self._app = app
        self._previous: dict[TP, int] = {}

    async def check(self) -> None:
        """One look: seek back every active changelog partition whose restore has stalled."""
        # Faust declares neither the recovery service nor its changelog queue on TableManagerT.
        tables: Any = self._app.tables
        recovery = tables.recovery
        if not recovery.in_recovery:
            self._previous.clear()
            return
        received: dict[TP, int] = dict(recovery.active_offsets)
        queue_empty = tables.changelog_queue.empty()
        for tp, highwater in recovery.active_highwaters.items():
            offset = received.get(tp)
            if highwater is None or offset is None or offset >= highwater:
                continue
            unchanged = self._previous.get(tp) == offset
            if unchanged and queue_empty:
                await self._rewind_if_read_ahead(tp, offset)
        self._previous = received

    async def _rewind_if_read_ahead(self, tp: TP, received: int) -> None:
        consumer = self._app.consumer
        position = await consumer.position(tp)
        # The restore counts from -1 (nothing received); the next record it needs follows it.
        needed = max(received + 1, 0)
        if position is None or position <= needed:
            return
        logger.warning(
            "restore of %s stalled at offset %d while the consumer is at %d: records dropped "
            "in a rebalance; reading them again",
            tp,
            needed,
            position,
        )
        await consumer.seek(tp, needed)


def register_stall_watch(app: faust.App) -> None:
    """Look at the table restore and at the input partitions periodically."""
    watch = ChangelogRecoveryWatch(app)

    async def check_for_stalls() -> None:
        # A timer that raises crashes the whole app: a look that fails during a rebalance is
        # retried at the next one.
        try:
            await watch.check()
            consumer = app.consumer
            if isinstance(consumer, LosslessConsumer):
                await consumer.rewind_stalled()
        except Exception as error:
            logger.warning("stalled partitions not checked: %r", error)

    app.timer(STALL_CHECK_INTERVAL_S)(check_for_stalls)
