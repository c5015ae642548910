"""Dead letters: a record that cannot be coded goes to the dead-letter topic unchanged.

The key and value bytes are the original ones and the original headers are kept; the
``dlq_*`` headers of :class:`schemas.DeadLetterHeaders` say why and where it came from. Two
records cannot go out unchanged, and would otherwise stop the worker when the producer refuses
them: one with neither key nor value goes out with an empty value and ``dlq_original_value``
``null``; one that the headers push over the record limit goes out with reason
``oversized_output``, its value truncated, and its original length and SHA-256 in headers.
"""

from __future__ import annotations

import hashlib
from collections.abc import Awaitable
from typing import Any

from schemas import DeadLetterHeaders, DeadLetterReason
from services import __version__
from services.processor.publisher import Publisher
from services.processor.record_size import MAX_RECORD_BYTES, record_bytes
from services.processor.records import Headers, InvalidMessage

# DeadLetterHeaders caps the error text at this length.
MAX_HEADER_ERROR_CHARS = 2_000
# Longest key kept on a truncated dead letter; Kafka keys are ids, not payloads.
MAX_TRUNCATED_KEY_BYTES = 1_024
# Headers of a dead letter whose value is not the original one (names on the wire).
ORIGINAL_VALUE_HEADER = "dlq_original_value"
ORIGINAL_LENGTH_HEADER = "dlq_original_length"
ORIGINAL_SHA256_HEADER = "dlq_original_sha256"


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
    return (*kept, *added, *invalid.details)


def dead_letter_record(invalid: InvalidMessage) -> tuple[bytes | None, bytes | None, Headers]:
    """Key, value and headers of the dead letter, sized so that the producer accepts them."""
    record = invalid.record
    headers = dead_letter_headers(invalid)
    if record.key is None and record.value is None:
        # The producer refuses a record with neither; the header tells an empty value apart.
        return None, b"", (*headers, (ORIGINAL_VALUE_HEADER, b"null"))
    if record_bytes(record.key, record.value, headers) <= MAX_RECORD_BYTES:
        return record.key, record.value, headers
    return _truncated(invalid)


def _truncated(invalid: InvalidMessage) -> tuple[bytes | None, bytes, Headers]:
    record = invalid.record
    value = record.value or b""
    oversized = InvalidMessage(
        record,
        DeadLetterReason.OVERSIZED_OUTPUT,
        f"dead letter over {MAX_RECORD_BYTES} bytes, value truncated "
        f"(was {invalid.reason.value}: {invalid.error})",
    )
    headers: Headers = (
        *dead_letter_headers(oversized),
        (ORIGINAL_LENGTH_HEADER, str(len(value)).encode()),
        (ORIGINAL_SHA256_HEADER, hashlib.sha256(value).hexdigest().encode()),
    )
    if record_bytes(None, None, headers) > MAX_RECORD_BYTES // 2:
        # The original headers alone are too large to keep: the dlq_ ones say enough.
        headers = tuple(header for header in headers if header[0].startswith("dlq_"))
    key = record.key[:MAX_TRUNCATED_KEY_BYTES] if record.key is not None else None
    room = MAX_RECORD_BYTES - record_bytes(key, None, headers)
    return key, value[:room], headers


async def send_dead_letter(
    output: Publisher, dlq_topic: str, invalid: InvalidMessage
) -> Awaitable[Any]:
    """Queue the dead letter; the returned future resolves when the broker acknowledges it."""
    key, value, headers = dead_letter_record(invalid)
    return await output.send(dlq_topic, key, value, headers, invalid.record)
