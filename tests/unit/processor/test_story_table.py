"""The stories table: its changelog is the topic ``dipstream topics create`` makes; its sweep."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from services.broker.topics import internal_topics
from services.processor.faust_fixes.transport import StreamApp
from services.processor.shutdown import Shutdown
from services.processor.stories import fold_event_into_story
from services.processor.story_table import STORY_TABLE_NAME, idle_stories, register_stories
from services.settings import Settings
from tests.unit.processor.events import make_event

# Nothing listens here: registering a table never connects.
UNREACHABLE_BROKER = "kafka://127.0.0.1:1"


def test_faust_names_the_changelog_as_the_settings_do() -> None:
    settings = Settings(_env_file=None, app_id="changelog-test")
    app = StreamApp(settings.app_id, broker=UNREACHABLE_BROKER, autodiscover=False)
    register_stories(app, settings, Shutdown(1.0, lambda: None))
    changelog = app.tables[STORY_TABLE_NAME].changelog_topic.get_topic_name()
    assert changelog == settings.story_changelog_topic()
    assert internal_topics(settings)[changelog] == {"cleanup.policy": "compact"}


def test_the_sweep_finds_idle_stories_of_owned_partitions_only() -> None:
    monday = datetime(2026, 4, 6, 9, 0, tzinfo=UTC)
    stories = {
        "idle-here": (0, monday - timedelta(days=3)),
        "idle-elsewhere": (1, monday - timedelta(days=3)),
        "recent-here": (0, monday - timedelta(hours=3)),
    }
    data = {
        key: {
            "partition": partition,
            "state": fold_event_into_story(None, make_event(article_id=key), seen).model_dump(
                mode="json"
            ),
        }
        for key, (partition, seen) in stories.items()
    }
    assert idle_stories(data, {0}, monday, expiry_days=2) == [("idle-here", 0)]
