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
REPORTS = (
    ("story-1", "Wire One", "Brazil and Argentina held talks in Buenos Aires on 6 April 2026."),
    ("story-2", "Wire Two", "On 6 April 2026, Brazil and Argentina held talks about trade."),
    ("story-3", "Wire One", "Brazil and Argentina held talks on 6 April 2026. Rain fell."),
)


def test_one_story_counts_mentions_articles_and_sources(
    pipeline_settings: Settings, start_worker: StartWorker
) -> None:
    settings = pipeline_settings
    start_worker(settings)
    produce(
        settings,
        [
            article_json(article_id, text, source=source, published_at=PUBLISHED)
            for article_id, source, text in REPORTS
        ],
    )

    updates = collect(
        settings,
        [settings.topic_stories],
        lambda found: any(json.loads(record.value)["num_articles"] == 3 for record in found),
    )

    final = [StoryAggregate.model_validate_json(record.value) for record in updates][-1]
    assert final.story_id == "ARG|BRA|CONSULT|2026-04-06"
    assert updates[-1].key == final.story_id.encode()
    assert (final.num_mentions, final.num_articles, final.num_sources) == (3, 3, 2)
    assert len(final.event_ids) == 3
