"""Faust events as the processor's agents read them, built without a broker."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import datetime

_offsets = itertools.count()


@dataclass(frozen=True)
class RawMessage:
    """What the agents read of a Faust event's message (their topics' serializer is raw)."""

    topic: str
    partition: int
    offset: int
    key: bytes | None
    value: bytes | None
    headers: list[tuple[str, bytes]]
    timestamp: float


@dataclass(frozen=True)
class StreamEvent:
    message: RawMessage


def stream_event(
    topic: str,
    value: bytes | None,
    seen_at: datetime,
    *,
    key: bytes | None = None,
    partition: int = 0,
) -> StreamEvent:
    """An event of ``topic`` at the next offset; its key is ``k<offset>`` unless given."""
    offset = next(_offsets)
    message = RawMessage(
        topic, partition, offset, key or f"k{offset}".encode(), value, [], seen_at.timestamp()
    )
    return StreamEvent(message)
