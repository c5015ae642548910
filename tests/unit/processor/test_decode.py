from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from schemas import Article, DeadLetterReason
from schemas.article import MAX_TEXT_BYTES
from services.processor.decode import decode_article
from services.processor.records import InputRecord, InvalidMessage
from services.settings import Settings

RECORD_TIME = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
SETTINGS = Settings(_env_file=None)


def record(value: bytes | None) -> InputRecord:
    return InputRecord(
        topic="articles.raw",
        partition=2,
        offset=41,
        key=b"k",
        value=value,
        headers=(("trace", b"1"),),
        timestamp=RECORD_TIME,
    )


def payload(**fields: object) -> bytes:
    return json.dumps({"id": "a1", "text": "Russia met China.", **fields}).encode()


def test_valid_article_takes_the_record_time_when_published_at_is_missing() -> None:
    article = decode_article(record(payload()), SETTINGS)
    assert isinstance(article, Article)
    assert article.published_at == RECORD_TIME


def test_valid_article_keeps_its_own_publication_time() -> None:
    article = decode_article(record(payload(published_at="2026-02-01T08:00:00+01:00")), SETTINGS)
    assert isinstance(article, Article)
    assert article.published_at == datetime(2026, 2, 1, 7, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        (None, DeadLetterReason.UNDECODABLE),
        (b"\xff\xfe not utf-8", DeadLetterReason.UNDECODABLE),
        (b"{not json", DeadLetterReason.INVALID_JSON),
        (b"[1, 2]", DeadLetterReason.SCHEMA_VIOLATION),
        (json.dumps({"text": "no id"}).encode(), DeadLetterReason.SCHEMA_VIOLATION),
        (payload(text="   "), DeadLetterReason.EMPTY_TEXT),
        (payload(text="x" * (MAX_TEXT_BYTES + 1)), DeadLetterReason.OVERSIZED),
        (
            json.dumps({"id": "a1", "body": "x" * (MAX_TEXT_BYTES + 1)}).encode(),
            DeadLetterReason.OVERSIZED,
        ),
        (payload(language="fr"), DeadLetterReason.UNSUPPORTED_LANGUAGE),
        # Python's parser raised RecursionError here and the worker exited.
        (b"[" * 5_000 + b"]" * 5_000, DeadLetterReason.TOO_DEEPLY_NESTED),
        (b'{"id": "a1", "text": "t", "x":' + b"{" * 100_000, DeadLetterReason.TOO_DEEPLY_NESTED),
    ],
)
def test_each_kind_of_bad_record_gets_its_reason(
    value: bytes | None, reason: DeadLetterReason
) -> None:
    outcome = decode_article(record(value), SETTINGS)
    assert isinstance(outcome, InvalidMessage)
    assert outcome.reason is reason
    assert outcome.record.value == value
    assert outcome.error


def test_schema_errors_are_summarised_on_one_line() -> None:
    outcome = decode_article(record(json.dumps({"title": 3}).encode()), SETTINGS)
    assert isinstance(outcome, InvalidMessage)
    assert "\n" not in outcome.error
    assert "id" in outcome.error
    assert "text" in outcome.error


def test_supported_languages_come_from_settings() -> None:
    french = Settings(_env_file=None, supported_languages=("en", "fr"))
    assert isinstance(decode_article(record(payload(language="FR")), french), Article)


def test_brackets_inside_strings_do_not_count_as_nesting() -> None:
    text = "[{" * 200 + ' and a quote \\" and a backslash \\\\'
    article = decode_article(record(payload(text=text)), SETTINGS)
    assert isinstance(article, Article)
    assert article.text == text


def test_nesting_up_to_the_limit_is_decoded() -> None:
    nested = json.dumps({"id": "a1", "text": "Russia met China.", "x": [[[[[1]]]]]}).encode()
    assert isinstance(decode_article(record(nested), SETTINGS), Article)
