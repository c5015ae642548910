"""Poison pills: no single record stops the stream.

Every kind of record that once stopped the worker, and every kind of the dead-letter list,
goes in between good articles. The worker stays up, each pill is dead-lettered with its
reason, and each good article's events come out once.
"""

from __future__ import annotations

import json
from collections import Counter

import pytest
from kafka import KafkaProducer
from kafka.consumer.fetcher import ConsumerRecord
from kafka.serializer import Serializer

from schemas import DeadLetterHeaders, DeadLetterReason, DiplomaticEvent
from schemas.article import MAX_TEXT_BYTES
from services.broker.client_config import kafka_python_config
from services.broker.topics import create_topics
from services.processor.dead_letters import ORIGINAL_VALUE_HEADER
from services.settings import Settings
from tests.integration.conftest import SettingsFactory
from tests.integration.workers import (
    StartWorker,
    article_json,
    coded_article_text,
    collect,
    longest_article_text,
    wait_for_metric,
)

pytestmark = pytest.mark.broker
# The worker-process fixtures: start_worker.
pytest_plugins = ["tests.integration.workers"]

# Long enough for a loaded 2-core machine to code a one-sentence article well within it, and
# far shorter than the long article below takes anywhere.
BUDGET_S = 2.0
LONG_TEXT = longest_article_text()

# Key of each pill -> (value, the reason it is dead-lettered with).
PILLS: dict[str, tuple[bytes, DeadLetterReason]] = {
    # Python's JSON parser raised RecursionError and the worker exited.
    "deep-array": (b"[" * 5_000 + b"]" * 5_000, DeadLetterReason.TOO_DEEPLY_NESTED),
    "deep-field": (
        b'{"id": "deep-field", "text": "Egypt met Israel.", "x": ' + b"[" * 3_000,
        DeadLetterReason.TOO_DEEPLY_NESTED,
    ),
    # Invalid, just under the producer's limit: its dead letter's headers pushed it over, the
    # producer refused it and the worker exited.
    "near-limit": (b"x" * 1_048_000, DeadLetterReason.OVERSIZED_OUTPUT),
    # Coding it took longer than the budget.
    "long": (article_json("long", LONG_TEXT), DeadLetterReason.EXTRACTION_TIMEOUT),
    # The README's dead-letter list.
    "undecodable": (b"\xff\xfe\x00 not text", DeadLetterReason.UNDECODABLE),
    "invalid-json": (b'{"id": "broken", ', DeadLetterReason.INVALID_JSON),
    "schema": (json.dumps({"title": "no id, no text"}).encode(), DeadLetterReason.SCHEMA_VIOLATION),
    "empty": (article_json("empty", "   \n "), DeadLetterReason.EMPTY_TEXT),
    "oversized": (
        article_json("oversized", "word " * (MAX_TEXT_BYTES // 4)),
        DeadLetterReason.OVERSIZED,
    ),
    "french": (
        article_json("french", "La France a rencontré l'Allemagne.", language="fr"),
        DeadLetterReason.UNSUPPORTED_LANGUAGE,
    ),
    # extraction_error has no record here: the last input the engine raised on (a date past
    # the calendar) is coded now; the agent's unit tests dead-letter it with a failing extractor.
}
# Its event's evidence is 1.2 MB of escaped control characters: the producer refused it and
# the worker exited. Now it comes out cut, flagged, once.
NOT_AN_EVENT_KEY = b"not-an-event"
HUGE_EVIDENCE_ID = "control-characters"
HUGE_EVIDENCE = article_json(
    HUGE_EVIDENCE_ID, "Egypt accused Israel of violating the agreement " + "\x01" * 100_000 + "."
)


def test_no_single_record_stops_the_stream(
    settings_factory: SettingsFactory, start_worker: StartWorker
) -> None:
    settings = settings_factory(
        extraction_workers=0, batch_timeout_s=0.1, extraction_timeout_s=BUDGET_S
    )
    create_topics(settings)
    worker = start_worker(settings)
    good = [f"good-{index}" for index in range(len(PILLS) + 3)]

    producer = KafkaProducer(acks="all", **kafka_python_config(settings))
    try:
        send = producer.send
        pills = iter(PILLS.items())
        for index, article_id in enumerate(good):
            send(settings.topic_articles, article_json(article_id, coded_article_text(index)))
            pill = next(pills, None)
            if pill is not None:
                key, (value, _) = pill
                send(settings.topic_articles, key=key.encode(), value=value)
        _send_without_key_and_value(settings)
        send(settings.topic_articles, HUGE_EVIDENCE)
        # A record of the events topic that is not an event: the stories agent dead-letters it.
        send(settings.topic_events, key=NOT_AN_EVENT_KEY, value=b"{not an event")
        producer.flush()
    finally:
        producer.close()

    expected_letters = len(PILLS) + 2
    dead = collect(settings, [settings.topic_dlq], lambda found: len(found) >= expected_letters)
    outputs = collect(
        settings,
        [settings.topic_events],
        lambda found: _article_ids(_events(found)) >= {*good, HUGE_EVIDENCE_ID},
    )
    events = [DiplomaticEvent.model_validate_json(record.value) for record in _events(outputs)]
    wait_for_metric(worker, "dipstream_articles_processed_total", len(good) + 1)

    assert worker.wait_exit(0) is None, worker.log_tail()
    assert worker.is_ready(), worker.get("/readyz")
    assert _reasons(dead) == {
        **{key: reason for key, (_, reason) in PILLS.items()},
        "(no key, no value)": DeadLetterReason.UNDECODABLE,
        "not-an-event": DeadLetterReason.INVALID_JSON,
    }
    copies = Counter(event.event_id for event in events)
    assert [event_id for event_id, count in copies.items() if count > 1] == []
    huge = [event for event in events if event.article_id == HUGE_EVIDENCE_ID]
    assert huge and all(event.evidence.truncated for event in huge)


class _ToNothing(Serializer):  # type: ignore[misc]  # kafka-python ships no type hints
    """Serialises any key to no key at all."""

    def serialize(self, topic: str, headers: object, value: object) -> None:
        return None


def _send_without_key_and_value(settings: Settings) -> None:
    """A record with neither key nor value: its dead letter could not be sent.

    Other clients produce such records; kafka-python refuses them unless the key is given and
    serialised to nothing.
    """
    producer = KafkaProducer(
        acks="all", key_serializer=_ToNothing(), **kafka_python_config(settings)
    )
    try:
        producer.send(settings.topic_articles, key=b"serialised to nothing", value=None)
        producer.flush()
    finally:
        producer.close()


def _events(records: list[ConsumerRecord]) -> list[ConsumerRecord]:
    """The records of the events topic that the worker wrote (not the test's pill)."""
    return [record for record in records if record.key != NOT_AN_EVENT_KEY]


def _article_ids(records: list[ConsumerRecord]) -> set[str]:
    return {DiplomaticEvent.model_validate_json(record.value).article_id for record in records}


def _reasons(records: list[ConsumerRecord]) -> dict[str, DeadLetterReason]:
    reasons = {}
    for record in records:
        headers = DeadLetterHeaders.from_kafka_headers(list(record.headers))
        if record.key is None and (ORIGINAL_VALUE_HEADER, b"null") in record.headers:
            key = "(no key, no value)"
        else:
            key = record.key.decode()
        reasons[key] = headers.reason
    return reasons
