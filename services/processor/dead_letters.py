"""Dead letters: a record that cannot be coded goes to the dead-letter topic unchanged.

The key and value bytes are the original ones and the original headers are kept; the
``dlq_*`` headers of :class:`schemas.DeadLetterHeaders` say why and where it came from.
"""

from __future__ import annotations

from collections.abc import Awaitable
from typing import Any

from schemas import DeadLetterHeaders
from services import __version__
from services.processor.publisher import Publisher
from services.processor.records import Headers, InvalidMessage

# DeadLetterHeaders caps the error text at this length.
MAX_HEADER_ERROR_CHARS = 2_000


def dead_letter_headers(invalid: InvalidMessage) -> Headers:
    """The original headers, minus any stale ``dlq_*`` ones, plus this dead letter's own."""
    record = invalid.record
    added = DeadLetterHeaders(
        reason=invalid.reason,
        error=invalid.error[:MAX_HEADER_ERROR_CHARS],
        original_topic=record.topic,
        original_partition=record.partition,
        original_offset=record.offset,
        service_version=__version__,
    ).to_kafka_headers()
    # A record replayed from the dead-letter topic carries the headers of its first failure.
    kept = tuple((name, value) for name, value in record.headers if not name.startswith("dlq_"))
    return (*kept, *added)


async def send_dead_letter(
    output: Publisher, dlq_topic: str, invalid: InvalidMessage
) -> Awaitable[Any]:
    """Queue the dead letter; the returned future resolves when the broker acknowledges it."""
    record = invalid.record
    headers = dead_letter_headers(invalid)
    return await output.send(dlq_topic, record.key, record.value, headers, record)
