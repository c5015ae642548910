"""The dead-letter guard's window, kept across restarts in a compacted topic.

Why: held in memory only, the window was lost with the worker, so a flood of bad records
that tripped the guard was moved to the dead-letter topic one window at a time, restart
after restart. The restarted worker must start from the window its predecessor had.

Design: after each batch the worker writes its whole window (the outcomes, and per partition
the offset after the last record counted) to ``<app id>-dlq-guard`` (compacted, created with
the other topics), under one key, the app id; at start it reads the last value back. The
record goes out with the batch's outputs, before its offsets are acked: under exactly-once in
the transaction of the batch's last record's partition, so the saved window is always the one
of the committed batches; under at-least-once it is acknowledged before the commit, and the
records read again after a crash are not counted twice (their offsets are below the saved
positions). Reading it back from the dead-letter topic instead would need the good records
too (which are not there) and the committed offsets of every partition; one small record per
batch is simpler. Workers of one group share the key: a restarted worker starts from the
window of whichever worker wrote last, which in a systemic fault (the guard's case) is as bad.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable
from typing import Any

from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient
from pydantic import BaseModel, ValidationError

from services.broker.client_config import aiokafka_config
from services.processor.dlq_guard import GuardWindow
from services.processor.publisher import Publisher
from services.processor.records import InputRecord
from services.settings import Settings

logger = logging.getLogger(__name__)

_POLL_MS = 500


class _SavedWindow(BaseModel):
    """The window on the wire: outcomes as a string of 0 and 1 (1 a dead letter)."""

    outcomes: str
    positions: dict[int, int]


def window_value(window: GuardWindow) -> bytes:
    """The record value of a window."""
    outcomes = "".join("1" if dead else "0" for dead in window.outcomes)
    return (
        _SavedWindow(outcomes=outcomes, positions=dict(window.positions)).model_dump_json().encode()
    )


async def save_window(
    output: Publisher, settings: Settings, window: GuardWindow, source: InputRecord
) -> Awaitable[Any]:
    """Queue the window; sent in the transaction of ``source``'s partition under exactly-once."""
    key = settings.app_id.encode()
    return await output.send(settings.dlq_guard_topic(), key, window_value(window), (), source)


async def load_window(settings: Settings) -> GuardWindow | None:
    """The window the group's workers saved last, or None if none was (or it is unreadable)."""
    topic = settings.dlq_guard_topic()
    partitions = [TopicPartition(topic, partition) for partition in await _partitions(settings)]
    if not partitions:
        logger.warning("no topic %s: the dead-letter guard starts empty", topic)
        return None
    consumer = AIOKafkaConsumer(
        **aiokafka_config(settings),
        group_id=None,
        enable_auto_commit=False,
        # Under exactly-once, a window of an aborted transaction counted batches read again.
        isolation_level="read_committed",
    )
    await consumer.start()
    try:
        consumer.assign(partitions)
        await consumer.seek_to_beginning(*partitions)
        ends = await consumer.end_offsets(partitions)
        last: bytes | None = None
        while [tp for tp in partitions if await consumer.position(tp) < ends[tp]]:
            for records in (await consumer.getmany(timeout_ms=_POLL_MS)).values():
                for record in records:
                    if record.key == settings.app_id.encode():
                        last = record.value
    finally:
        await consumer.stop()
    return parsed_window(last, topic)


async def _partitions(settings: Settings) -> list[int]:
    admin = AIOKafkaAdminClient(**aiokafka_config(settings))
    await admin.start()
    try:
        [described] = await admin.describe_topics([settings.dlq_guard_topic()])
    finally:
        await admin.close()
    if described["error_code"]:
        return []
    return sorted(partition["partition"] for partition in described["partitions"])


def parsed_window(value: bytes | None, topic: str) -> GuardWindow | None:
    """The window saved in a record value of ``topic``; None if there is none or it is
    unreadable."""
    if value is None:
        return None
    try:
        saved = _SavedWindow.model_validate_json(value)
    except ValidationError as error:
        # A window that cannot be read must not stop the worker: the guard starts empty.
        logger.warning("unreadable dead-letter guard window on %s: %s", topic, error)
        return None
    return GuardWindow(tuple(char == "1" for char in saved.outcomes), saved.positions)
