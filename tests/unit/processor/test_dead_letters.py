from __future__ import annotations

from datetime import UTC, datetime

from schemas import DeadLetterHeaders, DeadLetterReason
from services import __version__
from services.processor.dead_letters import dead_letter_headers
from services.processor.records import InputRecord, InvalidMessage


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
