"""The topic contract: validation rules of the messages and freshness of the committed schemas."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from pydantic import ValidationError

from schemas import (
    Actor,
    ActorKind,
    Article,
    DeadLetterHeaders,
    DeadLetterReason,
    DiplomaticEvent,
    QuadClass,
)
from schemas.article import MAX_TEXT_BYTES
from schemas.generate import MODELS, render, schema_path


@pytest.mark.parametrize("name", sorted(MODELS))
def test_committed_json_schema_is_current(name: str) -> None:
    committed = schema_path(name).read_text(encoding="utf-8")
    assert committed == render(MODELS[name]), f"{schema_path(name)} is stale: run `make schemas`"


def test_article_accepts_body_alias_and_ignores_unknown_fields() -> None:
    article = Article.model_validate_json(
        json.dumps({"id": "a1", "body": "Ministers met.", "wire_priority": 3})
    )
    assert article.text == "Ministers met."
    assert article.language == "en"
    assert article.published_at is None


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ({"id": "", "text": "x"}, "at least 1 character"),
        ({"id": "x" * 257, "text": "x"}, "at most 256 characters"),
        ({"id": "a", "text": "   "}, "text is empty"),
        ({"id": "a", "text": "é" * (MAX_TEXT_BYTES // 2 + 1)}, "byte limit"),
        ({"id": "a", "text": "x", "published_at": "2025-05-19T09:00:00"}, "timezone"),
        ({"text": "x"}, "Field required"),
    ],
)
def test_article_rejects_invalid_input(payload: dict[str, object], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        Article.model_validate(payload)


def _event(*, reciprocal: bool, target_country: str | None) -> DiplomaticEvent:
    target = (
        Actor(text="Trump", name="Donald Trump", country=target_country, kind=ActorKind.PERSON)
        if target_country
        else None
    )
    span = {"text": "They spoke.", "start": 0, "end": 11}
    return DiplomaticEvent.model_validate(
        {
            "schema_version": "1.0",
            "event_id": "6f1c2d8e-0000-5000-8000-000000000000",
            "article_id": "a1",
            "publisher": None,
            "article_url": None,
            "published_at": datetime(2025, 5, 19, 9, tzinfo=UTC),
            "extractor_version": "test",
            "event_type": "CONSULT",
            "cameo_code": "040",
            "cameo_name": "Consult",
            "goldstein": 1.0,
            "quad_class": QuadClass.VERBAL_COOPERATION,
            "source": Actor(text="Putin", name="Vladimir Putin", country="RUS", kind="person"),
            "target": target,
            "reciprocal": reciprocal,
            "status": "scheduled",
            "time": None,
            "location": None,
            "evidence": {"sentence": span, "triggers": [span]},
            "mentions": {"count": 1, "offsets": [span]},
            "confidence": 0.9,
        }
    )


def test_dyad_key_is_directed_unless_reciprocal() -> None:
    assert _event(reciprocal=False, target_country="USA").dyad_key == "RUS|USA"
    assert _event(reciprocal=True, target_country="AFG").dyad_key == "AFG|RUS"
    assert _event(reciprocal=False, target_country=None).dyad_key == "RUS|-"


def test_event_json_round_trips() -> None:
    event = _event(reciprocal=True, target_country="USA")
    assert DiplomaticEvent.model_validate_json(event.model_dump_json()) == event


def test_dead_letter_headers_round_trip_through_kafka_headers() -> None:
    headers = DeadLetterHeaders(
        reason=DeadLetterReason.INVALID_JSON,
        error="Expecting value: line 1 column 1",
        original_topic="articles.raw",
        original_partition=2,
        original_offset=41,
        service_version="0.1.0",
    )
    wire = headers.to_kafka_headers()
    assert ("dlq_reason", b"invalid_json") in wire
    assert DeadLetterHeaders.from_kafka_headers([("trace", b"x"), *wire]) == headers


def test_quad_class_slugs_name_the_routed_topics() -> None:
    assert [quad.slug for quad in QuadClass] == [
        "verbal-cooperation",
        "material-cooperation",
        "verbal-conflict",
        "material-conflict",
    ]
