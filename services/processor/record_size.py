"""How large a record the worker may send: the producer refuses one over its request size.

Faust's producer refuses a record over ``producer_max_request_size`` (1,000,000 bytes by
default; the broker's ``message.max.bytes`` is about 1 MiB), and a refused send stops the
worker. Records are sized before they are sent: what would go over this budget is trimmed, and
the budget leaves room for the record framing (about 100 bytes) and the header names.
"""

from __future__ import annotations

from services.processor.records import Headers

# Key, value and headers of one record, 50 kB under the producer's limit.
MAX_RECORD_BYTES = 950_000


def record_bytes(key: bytes | None, value: bytes | None, headers: Headers) -> int:
    """What a record's key, value and headers add up to."""
    return (
        len(key or b"")
        + len(value or b"")
        + sum(len(name.encode()) + len(header) for name, header in headers)
    )
