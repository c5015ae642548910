"""Folds a batch of the events topic into the stories table and publishes the stories it changed.

A story that several events of a batch change is written to the table and published once, with
all of them counted; the caller acks the batch once those writes are acknowledged. A record
that is not an event cannot be folded: like a bad article, it goes to the dead-letter topic with
its reason, and is counted by reason.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, MutableMapping, Sequence
from typing import Any, Protocol

from schemas import DiplomaticEvent
from services.processor.dead_letters import send_dead_letter
from services.processor.decode import decode_event
from services.processor.metrics import STORIES_UPDATED, STORY_EVENTS_DEAD_LETTERED
from services.processor.publisher import Publisher
from services.processor.records import InputRecord, InvalidMessage, input_record_of
from services.processor.stories import StoryState, fold_events_into_stories
from services.settings import Settings

logger = logging.getLogger(__name__)


class StoryStore(Protocol):
    """The part of Faust's table the folder uses: its data, and writes to its changelog."""

    @property
    def data(self) -> MutableMapping[str, Any]: ...

    def send_changelog(self, partition: int, key: Any, value: Any) -> Awaitable[Any]: ...


class StoryFolder:
    """Folds batches of event records into ``table`` and publishes the changed stories."""

    def __init__(self, settings: Settings, table: StoryStore, output: Publisher) -> None:
        self._settings = settings
        self._table = table
        self._output = output

    async def fold(self, events: Sequence[Any]) -> None:
        """Fold a batch of Faust events; returns once every write is acknowledged."""
        records = [input_record_of(event) for event in events]
        decoded = [(record, decode_event(record)) for record in records]
        valid = [(record, item) for record, item in decoded if isinstance(item, DiplomaticEvent)]
        invalid = [item for _, item in decoded if isinstance(item, InvalidMessage)]
        changed = fold_events_into_stories(
            self._stored_state,
            [(event, record.timestamp) for record, event in valid],
            self._settings.story_expiry_days,
        )
        acks: list[Awaitable[Any]] = []
        for key, (index, state) in changed.items():
            acks.extend(await self._write(key, state, valid[index][0]))
        for item in invalid:
            logger.warning(
                "dead-lettering a record of %s[%d]@%d that is not an event: %s",
                item.record.topic,
                item.record.partition,
                item.record.offset,
                item.error,
            )
            acks.append(await send_dead_letter(self._output, self._settings.topic_dlq, item))
        await asyncio.gather(*acks)
        STORIES_UPDATED.inc(len(changed))
        for item in invalid:
            STORY_EVENTS_DEAD_LETTERED.labels(reason=item.reason.value).inc()

    async def _write(
        self, key: str, state: StoryState, source: InputRecord
    ) -> list[Awaitable[Any]]:
        stored = {"partition": source.partition, "state": state.model_dump(mode="json")}
        # Written as the expiry sweep deletes: Faust's ``table[key] = ...`` would take the
        # changelog partition from the stream's current event, which in a batch is the last one
        # read, not necessarily this story's.
        self._table.data[key] = stored
        changelog = self._table.send_changelog(source.partition, key, stored)
        published = await self._output.send(
            self._settings.topic_stories,
            key.encode(),
            state.aggregate.model_dump_json().encode(),
            (),
            source,
        )
        return [changelog, published]

    def _stored_state(self, key: str) -> StoryState | None:
        stored = self._table.data.get(key)
        return StoryState.model_validate(stored["state"]) if stored else None
