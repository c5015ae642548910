"""Consumer figures: rebalances and the lag of each assigned articles partition."""

from __future__ import annotations

import logging
from typing import Any

import faust

from services.processor.metrics import CONSUMER_LAG, REBALANCES
from services.settings import Settings

logger = logging.getLogger(__name__)

LAG_REFRESH_INTERVAL_S = 5.0


def register_consumer_watch(app: faust.App, settings: Settings) -> None:
    """Count partition assignments and refresh the lag gauge periodically."""

    async def count_rebalance(_sender: faust.App, *_args: Any, **_kwargs: Any) -> None:
        REBALANCES.inc()
        # Partitions this worker lost must not keep reporting their last lag.
        CONSUMER_LAG.clear()

    async def refresh_lag() -> None:
        # A timer that raises crashes the whole app: a figure that cannot be read during a
        # rebalance is skipped, never fatal.
        try:
            await _refresh_lag(app, settings.topic_articles)
        except Exception as error:
            logger.warning("consumer lag not refreshed: %r", error)

    # mode annotates signal receivers with a type that no function satisfies under mypy.
    partitions_assigned: Any = app.on_partitions_assigned
    partitions_assigned.connect(count_rebalance)
    app.timer(LAG_REFRESH_INTERVAL_S)(refresh_lag)


async def _refresh_lag(app: faust.App, topic: str) -> None:
    consumer = app.consumer
    for tp in consumer.assignment():
        if tp.topic != topic:
            continue
        position = await consumer.position(tp)
        highwater = consumer.highwater(tp)
        # Both are unknown until the first fetch of the partition after an assignment.
        if position is None or highwater is None:
            continue
        CONSUMER_LAG.labels(topic=tp.topic, partition=str(tp.partition)).set(
            max(highwater - position, 0)
        )
