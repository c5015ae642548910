"""What the processor knows about one input record, and what it makes of a bad one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from schemas import DeadLetterReason

Headers = tuple[tuple[str, bytes], ...]


@dataclass(frozen=True)
class InputRecord:
    """One record of the articles topic, as Kafka delivered it, before any decoding."""

    topic: str
    partition: int
    offset: int
    key: bytes | None
    value: bytes | None
    headers: Headers
    timestamp: datetime


@dataclass(frozen=True)
class InvalidMessage:
    """A record that cannot be coded: why, and the record itself, kept byte for byte."""

    record: InputRecord
    reason: DeadLetterReason
    error: str
    # Headers of this dead letter beyond the ``dlq_*`` ones every letter has.
    details: Headers = ()


def input_record_of(event: Any) -> InputRecord:
    """The raw record behind a Faust event (whose topic uses the raw serializer)."""
    message = event.message
    return InputRecord(
        topic=message.topic,
        partition=message.partition,
        offset=message.offset,
        key=message.key,
        value=message.value,
        headers=tuple((name, bytes(value)) for name, value in (message.headers or ())),
        timestamp=datetime.fromtimestamp(message.timestamp, UTC),
    )
