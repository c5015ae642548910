"""Dead letters on ``articles.dlq``.

The value of a dead letter is the original message value, byte for byte, and its key is the
original key; everything dipstream adds travels in the headers described here.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class DeadLetterReason(StrEnum):
    """Why an input message could not be coded."""

    UNDECODABLE = "undecodable"  # value bytes are not UTF-8
    INVALID_JSON = "invalid_json"
    SCHEMA_VIOLATION = "schema_violation"
    EMPTY_TEXT = "empty_text"
    OVERSIZED = "oversized"
    UNSUPPORTED_LANGUAGE = "unsupported_language"
    EXTRACTION_ERROR = "extraction_error"  # the engine raised on this one article
    TOO_DEEPLY_NESTED = "too_deeply_nested"  # JSON nested deeper than the decoder allows
    EXTRACTION_TIMEOUT = "extraction_timeout"  # coding the article ran over its time budget
    OVERSIZED_OUTPUT = "oversized_output"  # what the record came to is over the record limit
    # Some sentences made the engine raise: the others' events were published (see headers).
    EXTRACTION_PARTIAL = "extraction_partial"


class DeadLetterHeaders(BaseModel):
    """Headers added to every dead letter (names are prefixed ``dlq_`` on the wire)."""

    model_config = ConfigDict(frozen=True)

    reason: DeadLetterReason
    error: str = Field(max_length=2_000, description="Human-readable error message.")
    original_topic: str
    original_partition: int = Field(ge=0)
    original_offset: int = Field(ge=0)
    service_version: str

    def to_kafka_headers(self) -> list[tuple[str, bytes]]:
        """The headers as Kafka expects them, prefixed ``dlq_``."""
        return [(f"dlq_{name}", str(value).encode()) for name, value in self]

    @classmethod
    def from_kafka_headers(cls, headers: list[tuple[str, bytes]]) -> DeadLetterHeaders:
        """Read back the headers written by :meth:`to_kafka_headers`."""
        fields = {
            name.removeprefix("dlq_"): value.decode()
            for name, value in headers
            if name.startswith("dlq_")
        }
        return cls.model_validate(fields)
