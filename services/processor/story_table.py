"""Stories kept in a changelog-backed Faust table, fed from the events topic.

Events are keyed by dyad, and a story's fingerprint starts with the dyad, so every event of a
story arrives on the same partition of the events topic: the table is co-partitioned with it
and each worker owns the stories of its partitions. The table is rebuilt from its changelog
topic when a worker starts, so stories survive restarts. Stored values remember their
partition so that the expiry sweep can write the deletion to the right changelog partition.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

import faust
from pydantic import ValidationError

from schemas import DiplomaticEvent
from services.processor.output import OutputProducer
from services.processor.records import input_record_of
from services.processor.stories import StoryState, fold_event_into_story, is_expired, story_id
from services.settings import Settings

logger = logging.getLogger(__name__)

STORY_TABLE_NAME = "stories"
EXPIRY_SWEEP_INTERVAL_S = 600.0


def register_stories(app: faust.App, settings: Settings) -> None:
    """Add the stories table, the agent that folds events into it, and the expiry sweep."""
    events_topic = app.topic(settings.topic_events, key_serializer="raw", value_serializer="raw")
    output = OutputProducer(app)
    table = app.Table(
        STORY_TABLE_NAME,
        default=None,
        partitions=settings.topic_partitions,
        help="Stories by fingerprint: the aggregate, its article ids and publishers.",
    )

    async def fold_one(record: Any) -> None:
        try:
            event = DiplomaticEvent.model_validate_json(record.message.value)
        except ValidationError as error:
            logger.error("skipping a non-event on %s: %s", settings.topic_events, error)
            return
        seen_at = datetime.fromtimestamp(record.message.timestamp, UTC)
        key = story_id(event, seen_at)
        stored = table.get(key)
        state = StoryState.model_validate(stored["state"]) if stored else None
        if state is not None and is_expired(state, seen_at, settings.story_expiry_days):
            state = None
        folded = fold_event_into_story(state, event, seen_at)
        if folded is state:
            return
        partition = record.message.partition
        table[key] = {"partition": partition, "state": folded.model_dump(mode="json")}
        sent = await output.send(
            settings.topic_stories,
            key.encode(),
            folded.aggregate.model_dump_json().encode(),
            (),
            input_record_of(record),
        )
        await sent

    @app.agent(events_topic, name="stories")
    async def fold_stories(stream: Any) -> None:
        # As for articles, a fault escaping the loop (a send the broker refused) stops the
        # worker rather than letting Faust's supervisor restart the agent past the event.
        try:
            async for record in stream.events():
                await fold_one(record)
        except Exception as fault:
            logger.critical("stopping the worker: %s: %s", type(fault).__name__, fault)
            await app.crash(fault)

    async def expire_idle_stories() -> None:
        # A timer that raises crashes the whole app; a sweep that fails is retried next time.
        try:
            _expire_idle_stories(app, table, settings)
        except Exception as error:
            logger.warning("story expiry sweep failed: %r", error)

    app.timer(EXPIRY_SWEEP_INTERVAL_S)(expire_idle_stories)


def _expire_idle_stories(app: faust.App, table: Any, settings: Settings) -> None:
    owned = {
        tp.partition for tp in app.assignor.assigned_actives() if tp.topic == settings.topic_events
    }
    now = datetime.now(UTC)
    for key, stored in list(table.data.items()):
        state = StoryState.model_validate(stored["state"])
        if stored["partition"] in owned and is_expired(state, now, settings.story_expiry_days):
            del table.data[key]
            table.send_changelog(stored["partition"], key, None)
            logger.info("story %s expired", key)
