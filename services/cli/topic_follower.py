"""Follows every partition of one topic from its start or its current end, without a group."""

from __future__ import annotations

import time
from collections.abc import Iterator

from kafka.consumer.fetcher import ConsumerRecord

from services.cli.kafka_clients import assign_whole_topic, open_consumer
from services.settings import Settings

POLL_MS = 500


class TopicFollower:
    """A consumer positioned on creation, so nothing published afterwards is missed.

    It joins no consumer group and commits nothing: following a topic never moves the
    workers' offsets nor anyone else's.
    """

    def __init__(self, settings: Settings, topic: str, *, from_beginning: bool) -> None:
        self.topic = topic
        self._consumer = open_consumer(settings, group_id=None)
        partitions = assign_whole_topic(self._consumer, topic)
        if from_beginning:
            self._consumer.seek_to_beginning()
        else:
            self._consumer.seek_to_end()
        # Seeks are lazy: resolving the positions now pins "the end" to this moment.
        for partition in partitions:
            self._consumer.position(partition)

    def records(self, idle_timeout_s: float | None = None) -> Iterator[ConsumerRecord]:
        """Records as they arrive; ends after ``idle_timeout_s`` without one (None: never)."""
        last_arrival = time.monotonic()
        while idle_timeout_s is None or time.monotonic() - last_arrival < idle_timeout_s:
            batches = self._consumer.poll(timeout_ms=POLL_MS)
            for batch in batches.values():
                last_arrival = time.monotonic()
                yield from batch

    def close(self) -> None:
        """Leave the broker."""
        self._consumer.close()
