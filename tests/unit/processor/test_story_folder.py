"""The stories agent's folding without a broker: one write per story, dead letters for the rest."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from datetime import UTC, datetime
from typing import Any

import pytest

from schemas import DeadLetterReason, StoryAggregate
from services.processor.metrics import REGISTRY
from services.processor.story_folder import StoryFolder
from services.settings import Settings
from tests.unit.processor.events import make_event
from tests.unit.processor.memory_publisher import InMemoryPublisher
from tests.unit.processor.stream_events import StreamEvent, stream_event

SETTINGS = Settings(_env_file=None)
SEEN_AT = datetime(2026, 4, 6, 9, 0, tzinfo=UTC)


class DictStore:
    """A stories table whose changelog is a list of (partition, key, value) writes."""

    def __init__(self) -> None:
        self.data: dict[str, Any] = {}
        self.changelog: list[tuple[int, Any, Any]] = []

    def send_changelog(self, partition: int, key: Any, value: Any) -> Awaitable[Any]:
        self.changelog.append((partition, key, value))
        written: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        written.set_result(None)
        return written


def on_events_topic(value: bytes | None, partition: int = 3) -> StreamEvent:
    return stream_event(SETTINGS.topic_events, value, SEEN_AT, key=b"FRA|DEU", partition=partition)


def folded(*events: StreamEvent) -> tuple[DictStore, InMemoryPublisher]:
    store, publisher = DictStore(), InMemoryPublisher()
    asyncio.run(StoryFolder(SETTINGS, store, publisher).fold(events))
    return store, publisher


def test_a_story_two_events_of_a_batch_change_is_written_and_published_once() -> None:
    first = make_event(article_id="a1", mentions=2)
    second = make_event(article_id="a2", mentions=1)
    store, publisher = folded(
        on_events_topic(first.model_dump_json().encode()),
        on_events_topic(second.model_dump_json().encode()),
    )
    [(partition, key, _)] = store.changelog
    assert partition == 3
    [published] = publisher.stored_on(SETTINGS.topic_stories)
    story = StoryAggregate.model_validate_json(published.value or b"")
    assert (published.key, story.num_mentions, story.num_articles) == (key.encode(), 3, 2)
    assert store.data[key]["partition"] == 3


def dead_lettered(reason: DeadLetterReason) -> float:
    sample = REGISTRY.get_sample_value(
        "dipstream_story_events_dead_lettered_total", {"reason": reason.value}
    )
    return sample or 0.0


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        (None, DeadLetterReason.UNDECODABLE),
        (b"{oops", DeadLetterReason.INVALID_JSON),
        (b"\xff\xfe", DeadLetterReason.INVALID_JSON),
        (b'{"event_type": "CONSULT"}', DeadLetterReason.SCHEMA_VIOLATION),
    ],
    ids=["no value", "not JSON", "not UTF-8", "not an event"],
)
def test_a_record_that_is_not_an_event_is_dead_lettered_and_counted(
    value: bytes | None, reason: DeadLetterReason
) -> None:
    before = dead_lettered(reason)
    bad = on_events_topic(value)
    store, publisher = folded(bad, on_events_topic(make_event().model_dump_json().encode()))
    [letter] = publisher.stored_on(SETTINGS.topic_dlq)
    assert (letter.key, letter.value) == (bad.message.key, bad.message.value)
    headers = dict(letter.headers)
    assert headers["dlq_reason"] == reason.value.encode()
    assert headers["dlq_original_topic"] == SETTINGS.topic_events.encode()
    assert dead_lettered(reason) == before + 1
    assert len(store.changelog) == 1
