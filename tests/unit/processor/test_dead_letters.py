from __future__ import annotations

import hashlib
from datetime import UTC, datetime

from schemas import DeadLetterHeaders, DeadLetterReason
from services import __version__
from services.processor.dead_letters import (
    MAX_TRUNCATED_KEY_BYTES,
    ORIGINAL_LENGTH_HEADER,
    ORIGINAL_SHA256_HEADER,
    ORIGINAL_VALUE_HEADER,
    dead_letter_headers,
    dead_letter_record,
)
from services.processor.record_size import MAX_RECORD_BYTES, record_bytes
from services.processor.records import Headers, InputRecord, InvalidMessage


def invalid(headers: tuple[tuple[str, bytes], ...]) -> InvalidMessage:
    record = InputRecord(
        topic="articles.raw",
        partition=3,
        offset=17,
        key=b"key",
        value=b"{oops",
        headers=headers,
        timestamp=datetime(2026, 1, 1, tzinfo=UTC),
    )
    return InvalidMessage(record, DeadLetterReason.INVALID_JSON, "invalid JSON: line 1")


def test_headers_say_why_and_where_from() -> None:
    headers = dead_letter_headers(invalid(()))
    parsed = DeadLetterHeaders.from_kafka_headers(list(headers))
    assert parsed.reason is DeadLetterReason.INVALID_JSON
    assert parsed.error == "invalid JSON: line 1"
    assert (parsed.original_topic, parsed.original_partition, parsed.original_offset) == (
        "articles.raw",
        3,
        17,
    )
    assert parsed.service_version == __version__


def test_original_headers_are_kept_and_stale_dead_letter_headers_replaced() -> None:
    headers = dead_letter_headers(invalid((("trace", b"abc"), ("dlq_reason", b"oversized"))))
    assert ("trace", b"abc") in headers
    reasons = [value for name, value in headers if name == "dlq_reason"]
    assert reasons == [b"invalid_json"]


def test_long_errors_fit_the_header_limit() -> None:
    message = invalid(())
    long_error = InvalidMessage(message.record, message.reason, "e" * 5_000)
    parsed = DeadLetterHeaders.from_kafka_headers(list(dead_letter_headers(long_error)))
    assert len(parsed.error) == 2_000


def record_of(key: bytes | None, value: bytes | None, headers: Headers = ()) -> InputRecord:
    return InputRecord(
        topic="articles.raw",
        partition=0,
        offset=5,
        key=key,
        value=value,
        headers=headers,
        timestamp=datetime(2026, 1, 1, tzinfo=UTC),
    )


def test_a_record_with_neither_key_nor_value_goes_out_with_an_empty_value() -> None:
    letter = InvalidMessage(record_of(None, None), DeadLetterReason.UNDECODABLE, "no value")
    key, value, headers = dead_letter_record(letter)
    assert (key, value) == (None, b"")
    assert (ORIGINAL_VALUE_HEADER, b"null") in headers
    assert (
        DeadLetterHeaders.from_kafka_headers(list(headers)).reason is DeadLetterReason.UNDECODABLE
    )


def test_a_record_that_fits_goes_out_unchanged() -> None:
    value = b"x" * (MAX_RECORD_BYTES - 10_000)
    letter = InvalidMessage(record_of(b"k", value), DeadLetterReason.INVALID_JSON, "bad")
    assert dead_letter_record(letter)[:2] == (b"k", value)


def test_a_dead_letter_over_the_record_limit_is_truncated_with_length_and_digest() -> None:
    # Just under the producer's 1 MiB alone; the dead-letter headers pushed it over.
    value = b"y" * 1_048_400
    letter = InvalidMessage(
        record_of(b"k", value, (("trace", b"t"),)), DeadLetterReason.INVALID_JSON, "bad"
    )
    key, sent, headers = dead_letter_record(letter)
    assert record_bytes(key, sent, headers) <= MAX_RECORD_BYTES
    assert key == b"k"
    assert sent is not None and value.startswith(sent)
    named = dict(headers)
    assert named[ORIGINAL_LENGTH_HEADER] == str(len(value)).encode()
    assert named[ORIGINAL_SHA256_HEADER] == hashlib.sha256(value).hexdigest().encode()
    assert named["trace"] == b"t"
    parsed = DeadLetterHeaders.from_kafka_headers(list(headers))
    assert parsed.reason is DeadLetterReason.OVERSIZED_OUTPUT
    assert "invalid_json" in parsed.error


def test_huge_original_headers_and_key_are_cut_too() -> None:
    huge = (("blob", b"z" * 900_000),)
    letter = InvalidMessage(
        record_of(b"k" * 200_000, b"v" * 10, huge), DeadLetterReason.INVALID_JSON, "bad"
    )
    key, value, headers = dead_letter_record(letter)
    assert record_bytes(key, value, headers) <= MAX_RECORD_BYTES
    assert "blob" not in dict(headers)
    assert key is not None and len(key) == MAX_TRUNCATED_KEY_BYTES
