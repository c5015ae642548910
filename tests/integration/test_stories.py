"""Three articles about one meeting, from two publishers, make one story."""

from __future__ import annotations

import json

import pytest

from schemas import StoryAggregate
from services.settings import Settings
from tests.integration.workers import StartWorker, article_json, collect, produce

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
