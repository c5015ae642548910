"""Three articles about one meeting, from two publishers, make one story."""

from __future__ import annotations

import json
import time

import pytest
from kafka import KafkaProducer

from schemas import StoryAggregate
from services.broker.client_config import kafka_python_config
from services.settings import Settings
from tests.integration.workers import StartWorker, article_json, collect, produce
from tests.unit.processor.events import make_event

pytestmark = pytest.mark.broker
# The worker-process fixtures: start_worker, pipeline_settings.
pytest_plugins = ["tests.integration.workers"]

PUBLISHED = "2026-04-06T18:00:00Z"
STORY_ID = "ARG|BRA|CONSULT|2026-04-06"
REPORTS = (
    ("story-1", "Wire One", "Brazil and Argentina held talks in Buenos Aires on 6 April 2026."),
    ("story-2", "Wire Two", "On 6 April 2026, Brazil and Argentina held talks about trade."),
    ("story-3", "Wire One", "Brazil and Argentina held talks on 6 April 2026. Rain fell."),
)


def story_updates(settings: Settings, articles: int) -> list[StoryAggregate]:
    """Story updates until one counts ``articles`` articles."""
    records = collect(
        settings,
        [settings.topic_stories],
        lambda found: any(json.loads(record.value)["num_articles"] == articles for record in found),
    )
    for record in records:
        assert record.key == json.loads(record.value)["story_id"].encode()
    return [StoryAggregate.model_validate_json(record.value) for record in records]


def report(index: int) -> bytes:
    article_id, source, text = REPORTS[index]
    return article_json(article_id, text, source=source, published_at=PUBLISHED)


def test_one_story_counts_mentions_articles_and_sources_across_a_restart(
    pipeline_settings: Settings, start_worker: StartWorker
) -> None:
    settings = pipeline_settings
    first_worker = start_worker(settings)
    produce(settings, [report(0), report(1)])
    story_updates(settings, articles=2)
    assert first_worker.stop() == 0

    start_worker(settings)
    produce(settings, [report(2)])

    updates = story_updates(settings, articles=3)
    final = [update for update in updates if update.story_id == STORY_ID][-1]
    assert (final.num_mentions, final.num_articles, final.num_sources) == (3, 3, 2)
    assert len(final.event_ids) == 3


def test_the_sweep_drops_an_idle_story_with_a_changelog_tombstone(
    pipeline_settings: Settings, start_worker: StartWorker
) -> None:
    settings = pipeline_settings.model_copy(
        update={"story_expiry_days": 1, "story_expiry_sweep_s": 1.0}
    )
    start_worker(settings)
    event = make_event(article_id="idle-story")
    producer = KafkaProducer(acks="all", **kafka_python_config(settings))
    try:
        # Seen two days ago: idle for longer than the one-day expiry as soon as it is stored.
        two_days_ago_ms = int((time.time() - 2 * 86400) * 1000)
        producer.send(
            settings.topic_events,
            key=event.dyad_key.encode(),
            value=event.model_dump_json().encode(),
            timestamp_ms=two_days_ago_ms,
        )
        producer.flush()
    finally:
        producer.close()

    records = collect(
        settings,
        [settings.story_changelog_topic()],
        lambda found: any(record.value is None for record in found),
    )
    stored, tombstone = records
    assert stored.key == tombstone.key
    assert json.loads(stored.key) == json.loads(stored.value)["state"]["aggregate"]["story_id"]
    assert (stored.partition, tombstone.partition) == (json.loads(stored.value)["partition"],) * 2
