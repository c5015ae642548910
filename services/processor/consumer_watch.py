"""Consumer figures: rebalances, and the lag of each partition this worker consumes.

The lag an operator alerts on is the one ``kafka-consumer-groups`` shows: log end offset minus
the offset the group has *committed*. Records fetched, or even coded, but not yet committed
are still lag: a worker that dies now hands them to the next one. So the figures are read as
that tool reads them, the committed offsets from the group coordinator and the end offsets
from the partition leaders, with clients of this module's own: Faust's consumer is not asked,
since its calls queue behind its own fetches (a scrape then took a second). They are read
when ``/metrics`` is scraped, so a scrape never shows a figure older than itself.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import faust
from aiokafka import AIOKafkaConsumer
from aiokafka.admin import AIOKafkaAdminClient
from faust.types import TP

from services.broker.client_config import aiokafka_config
from services.processor.metrics import CONSUMER_LAG, REBALANCES
from services.settings import Settings

logger = logging.getLogger(__name__)


class ConsumerLag:
    """Refreshes the lag gauge for the partitions assigned to the app's consumer."""

    def __init__(self, app: faust.App, settings: Settings) -> None:
        self._app = app
        self._settings = settings
        # The stories agent consumes the events topic in the same group: its lag counts too.
        self._topics = {settings.topic_articles, settings.topic_events}
        # Started on first use; aiokafka has no types, hence Any.
        self._admin: Any = None
        self._offsets: Any = None

    async def refresh(self) -> None:
        """Read the end and committed offsets of the assigned partitions; set the gauge."""
        partitions = sorted(
            tp for tp in self._app.consumer.assignment() if tp.topic in self._topics
        )
        lags: dict[TP, int] = {}
        if partitions:
            admin, offsets = await self._clients()
            committed, starts, ends = await asyncio.gather(
                admin.list_consumer_group_offsets(self._settings.app_id, partitions=partitions),
                offsets.beginning_offsets(partitions),
                offsets.end_offsets(partitions),
            )
            for tp in partitions:
                metadata = committed.get(tp)
                # A partition the group never committed (-1) is consumed from its first record.
                position = (
                    starts[tp] if metadata is None or metadata.offset < 0 else metadata.offset
                )
                lags[tp] = max(ends[tp] - position, 0)
        # Partitions this worker no longer has must not keep reporting their last lag.
        CONSUMER_LAG.clear()
        for tp, lag in lags.items():
            CONSUMER_LAG.labels(topic=tp.topic, partition=str(tp.partition)).set(lag)

    async def close(self) -> None:
        """Close the clients, if they were started."""
        if self._admin is not None:
            await self._admin.close()
            await self._offsets.stop()
            self._admin = self._offsets = None

    async def _clients(self) -> tuple[Any, Any]:
        if self._admin is None:
            admin = AIOKafkaAdminClient(**aiokafka_config(self._settings))
            offsets = AIOKafkaConsumer(
                **aiokafka_config(self._settings), group_id=None, enable_auto_commit=False
            )
            try:
                await admin.start()
                await offsets.start()
            except BaseException:
                await admin.close()
                await offsets.stop()
                raise
            self._admin, self._offsets = admin, offsets
        return self._admin, self._offsets


def register_consumer_watch(app: faust.App, settings: Settings) -> ConsumerLag:
    """Count partition assignments; the returned lag reader is refreshed by ``/metrics``."""
    lag = ConsumerLag(app, settings)

    async def count_rebalance(_sender: faust.App, *_args: Any, **_kwargs: Any) -> None:
        REBALANCES.inc()

    async def close_lag_clients(_sender: faust.App, *_args: Any, **_kwargs: Any) -> None:
        await lag.close()

    # mode annotates signal receivers with a type that no function satisfies under mypy.
    partitions_assigned: Any = app.on_partitions_assigned
    partitions_assigned.connect(count_rebalance)
    before_shutdown: Any = app.on_before_shutdown
    before_shutdown.connect(close_lag_clients)
    return lag
