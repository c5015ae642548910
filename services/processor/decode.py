"""From raw record bytes to a validated article or event, or to the reason it is not one.

Decoding never raises: whatever one record holds, the worst it can come to is its own dead
letter.
"""

from __future__ import annotations

import json

from pydantic import ValidationError

from schemas import Article, DeadLetterReason, DiplomaticEvent
from services.processor.json_depth import MAX_JSON_DEPTH, exceeds_depth
from services.processor.records import InputRecord, InvalidMessage
from services.settings import Settings

# Longest error text kept: the dead-letter header allows 2,000 characters.
MAX_ERROR_CHARS = 500

_TEXT_FIELDS = (("text",), ("body",))


def decode_article(record: InputRecord, settings: Settings) -> Article | InvalidMessage:
    """The article the record carries, or an :class:`InvalidMessage` saying what is wrong."""
    try:
        return _decode_article(record, settings)
    except Exception as error:  # a record must never stop the worker, whatever it holds
        return InvalidMessage(
            record,
            DeadLetterReason.UNDECODABLE,
            f"{type(error).__name__}: {error}"[:MAX_ERROR_CHARS],
        )


def _decode_article(record: InputRecord, settings: Settings) -> Article | InvalidMessage:
    if record.value is None:
        return InvalidMessage(record, DeadLetterReason.UNDECODABLE, "record has no value")
    if exceeds_depth(record.value):
        return _too_deep(record)
    try:
        text = record.value.decode("utf-8")
    except UnicodeDecodeError as error:
        return InvalidMessage(record, DeadLetterReason.UNDECODABLE, f"not UTF-8: {error}")
    try:
        payload = json.loads(text)
    except json.JSONDecodeError as error:
        return InvalidMessage(record, DeadLetterReason.INVALID_JSON, f"invalid JSON: {error}")
    if not isinstance(payload, dict):
        return InvalidMessage(
            record,
            DeadLetterReason.SCHEMA_VIOLATION,
            f"expected a JSON object, got {type(payload).__name__}",
        )
    try:
        article = Article.model_validate(payload)
    except ValidationError as error:
        return InvalidMessage(record, _reason_of(error), summary_of(error))
    if article.language not in settings.supported_languages:
        supported = ", ".join(settings.supported_languages)
        return InvalidMessage(
            record,
            DeadLetterReason.UNSUPPORTED_LANGUAGE,
            f"language {article.language!r} is not supported (supported: {supported})",
        )
    if article.published_at is None:
        return article.with_published_at(record.timestamp)
    return article


def decode_event(record: InputRecord) -> DiplomaticEvent | InvalidMessage:
    """The event a record of the events topic carries, or why it is not one."""
    if record.value is None:
        return InvalidMessage(record, DeadLetterReason.UNDECODABLE, "record has no value")
    if exceeds_depth(record.value):
        return _too_deep(record)
    try:
        return DiplomaticEvent.model_validate_json(record.value)
    except ValidationError as error:
        # pydantic parses the JSON itself and reports bytes it cannot parse as json_invalid.
        unparsable = any(problem["type"] == "json_invalid" for problem in error.errors())
        reason = DeadLetterReason.INVALID_JSON if unparsable else DeadLetterReason.SCHEMA_VIOLATION
        return InvalidMessage(record, reason, summary_of(error))


def _too_deep(record: InputRecord) -> InvalidMessage:
    return InvalidMessage(
        record,
        DeadLetterReason.TOO_DEEPLY_NESTED,
        f"JSON nested more than {MAX_JSON_DEPTH} levels deep",
    )


def _reason_of(error: ValidationError) -> DeadLetterReason:
    # The schema reports its text limits as value errors on the text field (named "body" when
    # the producer used that alias); only their message tells an empty text from a long one.
    for problem in error.errors():
        if problem["loc"] in _TEXT_FIELDS and problem["type"] == "value_error":
            if "text is empty" in problem["msg"]:
                return DeadLetterReason.EMPTY_TEXT
            if "-byte limit" in problem["msg"]:
                return DeadLetterReason.OVERSIZED
    return DeadLetterReason.SCHEMA_VIOLATION


def summary_of(error: ValidationError) -> str:
    """The validation errors in one line, short enough for a dead-letter header."""
    parts = []
    for problem in error.errors():
        where = ".".join(str(part) for part in problem["loc"]) or "article"
        parts.append(f"{where}: {problem['msg']}")
    summary = f"{error.error_count()} schema error(s): " + "; ".join(parts)
    return summary[:MAX_ERROR_CHARS]
