"""Corrects Faust's ``topic.send``, which under exactly-once joins the wrong transaction.

Checked against faust-streaming 0.15.3 and aiokafka 0.14.0.

Faust's own ``topic.send`` picks the transaction by the *destination* partition, which is
right only when outputs are co-partitioned with inputs. Events are keyed by dyad, not by
article, so here the transaction is the one of the *source* record's partition: the one
Faust commits together with that partition's consumer offsets. Under at-least-once the
default producer sends and no transaction is involved.
"""

from __future__ import annotations

from collections.abc import Awaitable
from contextlib import AbstractAsyncContextManager
from typing import Any, cast

import faust

from services.processor.faust_fixes.consumer import LosslessConsumer
from services.processor.records import Headers, InputRecord


class OutputProducer:
    """The app's producer, bound to the transaction of each record's source partition."""

    def __init__(self, app: faust.App) -> None:
        self._app = app

    def publishing_batch(self) -> AbstractAsyncContextManager[None]:
        """Send a batch's records and ack its input inside: no commit falls in between."""
        return cast(LosslessConsumer, self._app.consumer).commit_gate.publishing()

    async def send(
        self,
        topic: str,
        key: bytes | None,
        value: bytes | None,
        headers: Headers,
        source: InputRecord,
    ) -> Awaitable[Any]:
        """Queue one record; the returned future resolves when the broker acknowledges it."""
        transactional_id = None
        if self._app.in_transaction:
            # The same id Faust's consumer uses when it commits the source partition.
            group = self._app.assignor.group_for_topic(source.topic)
            transactional_id = f"{self._app.conf.id}-{group}-{source.partition}"
        future: Awaitable[Any] = await self._app.producer.send(
            topic, key, value, None, None, list(headers), transactional_id=transactional_id
        )
        return future
