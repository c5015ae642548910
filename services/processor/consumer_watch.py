"""Consumer figures: rebalances and the lag of each assigned articles partition."""

from __future__ import annotations

from typing import Any

import faust

from services.processor.metrics import CONSUMER_LAG, REBALANCES
from services.settings import Settings

LAG_REFRESH_INTERVAL_S = 5.0


def register_consumer_watch(app: faust.App, settings: Settings) -> None:
    """Count partition assignments and refresh the lag gauge periodically."""

    async def count_rebalance(_sender: faust.App, *_args: Any, **_kwargs: Any) -> None:
        REBALANCES.inc()
        # Partitions this worker lost must not keep reporting their last lag.
        CONSUMER_LAG.clear()

    async def refresh_lag() -> None:
        consumer = app.consumer
        for tp in consumer.assignment():
            if tp.topic != settings.topic_articles:
                continue
            position = await consumer.position(tp)
            if position is None:
                continue
            lag = max(consumer.highwater(tp) - position, 0)
            CONSUMER_LAG.labels(topic=tp.topic, partition=str(tp.partition)).set(lag)

    # mode annotates signal receivers with a type that no function satisfies under mypy.
    partitions_assigned: Any = app.on_partitions_assigned
    partitions_assigned.connect(count_rebalance)
    app.timer(LAG_REFRESH_INTERVAL_S)(refresh_lag)
