"""schemas/asyncapi.yaml stays in step with the settings and the generated JSON Schemas."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from schemas import DeadLetterReason, QuadClass
from services.settings import Settings

ASYNCAPI = Path(__file__).parents[3] / "schemas" / "asyncapi.yaml"


def _document() -> dict[str, Any]:
    document: dict[str, Any] = yaml.safe_load(ASYNCAPI.read_text(encoding="utf-8"))
    return document


def test_every_default_topic_is_a_channel() -> None:
    settings = Settings()
    expected = {
        settings.topic_articles,
        settings.topic_events,
        settings.topic_dlq,
        settings.topic_stories,
        *(settings.quad_class_topic(quad.slug) for quad in QuadClass),
    }
    addresses = {channel["address"] for channel in _document()["channels"].values()}
    assert addresses == expected


def test_payload_references_point_at_committed_schemas() -> None:
    messages = _document()["components"]["messages"].values()
    refs = [m["payload"]["$ref"] for m in messages if "$ref" in m["payload"]]
    assert refs
    for ref in refs:
        assert (ASYNCAPI.parent / ref).is_file(), ref


def test_dead_letter_reasons_match_the_model() -> None:
    headers = _document()["components"]["messages"]["DeadLetter"]["headers"]
    assert headers["properties"]["dlq_reason"]["enum"] == [r.value for r in DeadLetterReason]


def test_operations_reference_existing_channels() -> None:
    document = _document()
    for operation in document["operations"].values():
        name = operation["channel"]["$ref"].removeprefix("#/channels/")
        assert name in document["channels"]
