"""What the processor knows about one input record, and what it makes of a bad one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

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
