"""Corrects Faust's producer, which is idempotent only inside transactions.

Checked against faust-streaming 0.15.3 and aiokafka 0.14.0.

Faust turns on ``enable_idempotence`` only inside transactions (exactly-once). Under
at-least-once, a send that the broker wrote but whose ack was lost is retried by the client and
would be written twice; with idempotence the broker drops the retry by its producer id and
sequence number. Re-processing after a restart still re-sends (same ``event_id``, so consumers
can drop those); idempotence removes only the duplicates the producer's own retries would add.

The consumer is :class:`~services.processor.faust_fixes.consumer.LosslessConsumer`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

import faust
from faust.transport.drivers import aiokafka as faust_aiokafka
from faust.types import ConsumerT, ProducerT, TransportT

from services.processor.faust_fixes.consumer import LosslessConsumer
from services.processor.shutdown import Shutdown

# What every producer of the worker sends with: idempotence requires acks from all in-sync
# replicas.
IDEMPOTENT_PRODUCER_SETTINGS: Mapping[str, Any] = {"acks": "all", "enable_idempotence": True}


class IdempotentProducer(faust_aiokafka.Producer):
    """Faust's aiokafka producer, idempotent whether or not transactions are on."""

    def _settings_extra(self) -> Mapping[str, Any]:
        return {**super()._settings_extra(), **IDEMPOTENT_PRODUCER_SETTINGS}


class IdempotentTransport(faust_aiokafka.Transport):
    """Faust's aiokafka transport: :class:`IdempotentProducer`, :class:`LosslessConsumer`."""

    Producer: ClassVar[type[ProducerT]] = IdempotentProducer
    Consumer: ClassVar[type[ConsumerT]] = LosslessConsumer


class StreamApp(faust.App):
    """``faust.App`` on :class:`IdempotentTransport`.

    Faust picks the transport class from the broker URL's scheme; overriding the two factory
    methods is the one place it can be swapped without registering a package entry point.
    ``shutdown``, when set, bounds how long the app waits for its batches when it stops.
    """

    shutdown: Shutdown | None = None

    def _new_transport(self) -> TransportT:
        return IdempotentTransport(self.conf.broker_consumer, self)

    def _new_producer_transport(self) -> TransportT:
        return IdempotentTransport(self.conf.broker_producer, self)
