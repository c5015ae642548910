"""The stories table's changelog is the topic that ``dipstream topics create`` makes."""

from __future__ import annotations

from services.broker.topics import internal_topics
from services.processor.story_table import STORY_TABLE_NAME, register_stories
from services.processor.transport import StreamApp
from services.settings import Settings

# Nothing listens here: registering a table never connects.
UNREACHABLE_BROKER = "kafka://127.0.0.1:1"


def test_faust_names_the_changelog_as_the_settings_do() -> None:
    settings = Settings(_env_file=None, app_id="changelog-test")
    app = StreamApp(settings.app_id, broker=UNREACHABLE_BROKER, autodiscover=False)
    register_stories(app, settings)
    changelog = app.tables[STORY_TABLE_NAME].changelog_topic.get_topic_name()
    assert changelog == settings.story_changelog_topic()
    assert internal_topics(settings) == {changelog: {"cleanup.policy": "compact"}}
