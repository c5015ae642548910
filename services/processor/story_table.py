"""Stories kept in a changelog-backed Faust table, fed from the events topic.

Events are keyed by dyad, and a story's fingerprint starts with the dyad, so every event of a
story arrives on the same partition of the events topic: the table is co-partitioned with it
and each worker owns the stories of its partitions. The table is rebuilt from its changelog
topic when a worker starts, so stories survive restarts. Stored values remember their
partition so that the expiry sweep can write the deletion to the right changelog partition.

Events are folded in batches by :class:`~services.processor.story_folder.StoryFolder`, and a
batch is committed only once its writes are acknowledged.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

import faust

from services.processor.faust_fixes.output import OutputProducer
from services.processor.metrics import STORIES_TRACKED
from services.processor.shutdown import Shutdown
from services.processor.stories import StoryState, is_expired
from services.processor.story_folder import StoryFolder
from services.settings import Settings

logger = logging.getLogger(__name__)

STORY_TABLE_NAME = "stories"
# Events folded per batch; each batch costs one write per story it changes.
STORY_BATCH_SIZE = 256


def register_stories(app: faust.App, settings: Settings, shutdown: Shutdown) -> None:
    """Add the stories table, the agent that folds events into it, and the expiry sweep."""
    events_topic = app.topic(settings.topic_events, key_serializer="raw", value_serializer="raw")
    output = OutputProducer(app)
    table = app.Table(
        STORY_TABLE_NAME,
        default=None,
        partitions=settings.topic_partitions,
        help="Stories by fingerprint: the aggregate, its article ids and publishers.",
    )
    STORIES_TRACKED.set_function(lambda: len(table.data))

    folder = StoryFolder(settings, table, output)

    @app.agent(events_topic, name="stories")
    async def fold_stories(stream: Any) -> None:
        # As for articles, a fault escaping the loop (a send the broker refused) stops the
        # worker rather than letting Faust's supervisor restart the agent past the batch.
        try:
            async for batch in stream.take_batches(
                STORY_BATCH_SIZE, within=settings.batch_timeout_s
            ):
                with shutdown.batch():
                    async with output.publishing_batch():
                        await folder.fold(batch.events)
                        await batch.ack()
        except Exception as fault:
            logger.critical("stopping the worker: %s: %s", type(fault).__name__, fault)
            await app.crash(fault)

    async def expire_idle_stories() -> None:
        # A timer that raises crashes the whole app; a sweep that fails is retried next time.
        try:
            owned = {
                tp.partition
                for tp in app.assignor.assigned_actives()
                if tp.topic == settings.topic_events
            }
            now = datetime.now(UTC)
            for key, partition in idle_stories(table.data, owned, now, settings.story_expiry_days):
                del table.data[key]
                # Raw, as Faust deletes: the JSON serializer would write "null", which
                # compaction keeps, instead of a tombstone.
                table.send_changelog(partition, key, None, value_serializer="raw")
                logger.info("story %s expired", key)
        except Exception as error:
            logger.warning("story expiry sweep failed: %r", error)

    app.timer(settings.story_expiry_sweep_s)(expire_idle_stories)


def idle_stories(
    data: Mapping[str, Any], owned_partitions: set[int], now: datetime, expiry_days: int
) -> list[tuple[str, int]]:
    """(story id, partition) of the stored stories of ``owned_partitions`` idle for more than
    ``expiry_days`` at ``now``; a partition this worker does not own is another's to sweep."""
    return [
        (key, stored["partition"])
        for key, stored in data.items()
        if stored["partition"] in owned_partitions
        and is_expired(StoryState.model_validate(stored["state"]), now, expiry_days)
    ]
