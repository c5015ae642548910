"""Each kind of bad record lands in the dead-letter topic unchanged, and work goes on."""

from __future__ import annotations

import json

import pytest

from schemas import DeadLetterHeaders, DeadLetterReason, DiplomaticEvent
from schemas.article import MAX_TEXT_BYTES
from services.broker.topics import create_topics
from services.settings import Settings
from tests.integration.conftest import SettingsFactory
from tests.integration.workers import (
    STOP_TIMEOUT_S,
    StartWorker,
    article_json,
    collect,
    produce,
)

pytestmark = pytest.mark.broker
# The worker-process fixtures: start_worker, pipeline_settings.
pytest_plugins = ["tests.integration.workers"]

BAD_RECORDS = {
    DeadLetterReason.UNDECODABLE: b"\xff\xfe\x00 not text",
    DeadLetterReason.INVALID_JSON: b'{"id": "broken", ',
    DeadLetterReason.SCHEMA_VIOLATION: json.dumps({"title": "no id, no text"}).encode(),
    DeadLetterReason.EMPTY_TEXT: article_json("empty", "   \n "),
    DeadLetterReason.OVERSIZED: article_json("huge", "word " * (MAX_TEXT_BYTES // 4)),
    DeadLetterReason.UNSUPPORTED_LANGUAGE: article_json(
        "french", "La France a rencontré l'Allemagne.", language="fr"
    ),
    # extraction_error has no article here: the engine no longer raises on any input we know
    # (the last one, a date past the calendar, is now coded). The agent's unit tests
    # (tests/unit/processor/test_article_processor.py) dead-letter it with a failing extractor.
}


def test_bad_records_are_dead_lettered_with_reason_and_original_bytes(
    pipeline_settings: Settings, start_worker: StartWorker
) -> None:
    settings = pipeline_settings
    start_worker(settings)
    good = article_json("after-the-bad-ones", "Egypt accused Israel of violating the agreement.")
    produce(settings, [*BAD_RECORDS.values(), good], partition=0)

    dead = collect(settings, [settings.topic_dlq], lambda found: len(found) >= len(BAD_RECORDS))

    by_reason = {}
    for record in dead:
        headers = DeadLetterHeaders.from_kafka_headers(list(record.headers))
        assert headers.original_topic == settings.topic_articles
        assert headers.original_partition == 0
        by_reason[headers.reason] = record.value
    assert by_reason == BAD_RECORDS
    events = collect(settings, [settings.topic_events], lambda found: len(found) >= 1)
    assert DiplomaticEvent.model_validate_json(events[0].value).article_id == "after-the-bad-ones"


def test_dead_letter_guard_stops_a_worker_fed_only_bad_records(
    settings_factory: SettingsFactory, start_worker: StartWorker
) -> None:
    settings = settings_factory(dlq_guard_window=10, extraction_passthrough=True)
    create_topics(settings)
    worker = start_worker(settings)

    produce(settings, [b"{not json"] * 12, partition=0)

    assert worker.wait_exit(STOP_TIMEOUT_S) == 1
    assert "stopping the worker: DeadLetterGuardError" in worker.log_tail(200)
