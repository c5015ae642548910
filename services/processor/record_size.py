"""How large a record the worker may send: the producer refuses one over its request size.

aiokafka's ``max_request_size`` and the broker's ``message.max.bytes`` are both about 1 MiB; a
record over it is refused by the producer, and a refused send stops the worker. Records are
sized before they are sent: what would go over this budget is trimmed, and the budget leaves
room for the batch and record framing.
"""

from __future__ import annotations

from services.processor.records import Headers

# Key, value and headers of one record, with about 48 kB of the 1 MiB left for framing.
MAX_RECORD_BYTES = 1_000_000


def record_bytes(key: bytes | None, value: bytes | None, headers: Headers) -> int:
    """What a record's key, value and headers add up to."""
    return (
        len(key or b"")
        + len(value or b"")
        + sum(len(name.encode()) + len(header) for name, header in headers)
    )
