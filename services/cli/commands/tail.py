"""``dipstream tail``: follow the event, story or dead-letter topic, one line per message."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, TypeVar

from kafka.consumer.fetcher import ConsumerRecord
from pydantic import ValidationError

from schemas import (
    Actor,
    DeadLetterHeaders,
    DiplomaticEvent,
    EventStatus,
    PloverRoot,
    QuadClass,
    StoryAggregate,
)
from services.cli import render
from services.cli.kafka_clients import kafka_failures_as_user_errors
from services.cli.topic_follower import TopicFollower
from services.errors import UserError
from services.settings import Settings, get_settings

VocabularyT = TypeVar("VocabularyT", bound=StrEnum)


class MessageKind(StrEnum):
    """What a followed topic carries, which decides how its messages are read and shown."""

    EVENT = "event"
    STORY = "story"
    DEAD_LETTER = "dead_letter"


def resolve_topic(settings: Settings, name: str) -> tuple[str, MessageKind]:
    """The topic a ``--topic`` value names (alias, quad-class slug or topic) and its kind."""
    slugs = [quad_class.slug for quad_class in QuadClass]
    if name in ("events", settings.topic_events):
        return settings.topic_events, MessageKind.EVENT
    if name in slugs:
        return settings.quad_class_topic(name), MessageKind.EVENT
    if name in ("stories", settings.topic_stories):
        return settings.topic_stories, MessageKind.STORY
    if name in ("dlq", settings.topic_dlq):
        return settings.topic_dlq, MessageKind.DEAD_LETTER
    if name.startswith(settings.topic_events + "."):
        return name, MessageKind.EVENT
    raise UserError(
        f"unknown topic {name!r}: use events, stories, dlq or one of {', '.join(slugs)}"
    )


@dataclass(frozen=True)
class EventFilter:
    """Which events to show: any of these types, involving this actor, with any such status."""

    types: frozenset[PloverRoot] = frozenset()
    actor: str | None = None
    statuses: frozenset[EventStatus] = frozenset()

    @property
    def is_empty(self) -> bool:
        """True when every event passes."""
        return not (self.types or self.actor or self.statuses)

    def matches(self, event: DiplomaticEvent) -> bool:
        """True when ``event`` passes every given criterion."""
        if self.types and event.event_type not in self.types:
            return False
        if self.statuses and event.status not in self.statuses:
            return False
        return self.actor is None or any(
            _actor_matches(actor, self.actor) for actor in (event.source, event.target)
        )


def _actor_matches(actor: Actor | None, query: str) -> bool:
    if actor is None:
        return False
    if actor.country and actor.country.upper() == query.upper():
        return True
    needle = query.casefold()
    return needle in actor.name.casefold() or needle in actor.text.casefold()


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Add ``tail``."""
    parser = subparsers.add_parser("tail", help="follow extracted events (or stories, or the DLQ)")
    parser.add_argument(
        "--topic",
        default="events",
        help="events (default), a quad class (verbal-cooperation, ...), stories or dlq",
    )
    parser.add_argument(
        "--type", dest="types", metavar="TYPES", help="event types, e.g. CONSULT,ACCUSE"
    )
    parser.add_argument("--actor", help="country code or name of the source or target, e.g. RUS")
    parser.add_argument(
        "--status", dest="statuses", metavar="STATUSES", help="statuses, e.g. occurred,scheduled"
    )
    parser.add_argument("--from-beginning", action="store_true", help="start at the oldest one")
    parser.add_argument(
        "--format", dest="output_format", choices=("pretty", "json"), default="pretty"
    )
    parser.add_argument(
        "--max", dest="max_messages", type=int, metavar="N", help="stop after N messages"
    )
    parser.add_argument(
        "--timeout", type=float, metavar="S", help="stop after S seconds without a message"
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Follow the topic until --max, --timeout or Ctrl-C."""
    settings = get_settings()
    topic, kind = resolve_topic(settings, args.topic)
    event_filter = EventFilter(
        types=frozenset(_parse_list(args.types, PloverRoot, str.upper)),
        actor=args.actor,
        statuses=frozenset(_parse_list(args.statuses, EventStatus, str.lower)),
    )
    if kind is not MessageKind.EVENT and not event_filter.is_empty:
        raise UserError("--type, --actor and --status filter events: use them with event topics")
    with kafka_failures_as_user_errors(settings):
        follower = TopicFollower(settings, topic, from_beginning=args.from_beginning)
        try:
            print_messages(
                follower, kind, event_filter, args.output_format, args.max_messages, args.timeout
            )
        except KeyboardInterrupt:
            # Ctrl-C is how a user stops following: not an error.
            pass
        finally:
            follower.close()
    return 0


def print_messages(
    follower: TopicFollower,
    kind: MessageKind,
    event_filter: EventFilter,
    output_format: str,
    max_messages: int | None = None,
    idle_timeout_s: float | None = None,
) -> int:
    """Print the matching messages as they arrive; return how many were printed."""
    printed = 0
    if max_messages is not None and max_messages <= 0:
        return printed
    for record in follower.records(idle_timeout_s):
        try:
            line = format_record(record, kind, event_filter, output_format)
        except ValueError as error:
            where = f"{record.topic}[{record.partition}]@{record.offset}"
            print(f"unreadable message at {where}: {error}", file=sys.stderr)
            continue
        if line is not None:
            print(line, flush=True)
            printed += 1
            if printed == max_messages:
                break
    return printed


def format_record(
    record: ConsumerRecord, kind: MessageKind, event_filter: EventFilter, output_format: str
) -> str | None:
    """The line showing ``record``, None when the filter rejects it; ValueError if unreadable."""
    received_at = datetime.fromtimestamp(record.timestamp / 1000, tz=UTC)
    if kind is MessageKind.DEAD_LETTER:
        return _dead_letter(record, received_at, output_format)
    try:
        if kind is MessageKind.STORY:
            story = StoryAggregate.model_validate_json(record.value)
            pretty = render.story_line(story, received_at)
        else:
            event = DiplomaticEvent.model_validate_json(record.value)
            if not event_filter.matches(event):
                return None
            pretty = render.event_line(event, received_at)
    except ValidationError as error:
        raise ValueError(_first_problem(error)) from None
    return pretty if output_format == "pretty" else _one_line_json(record.value)


def _dead_letter(record: ConsumerRecord, received_at: datetime, output_format: str) -> str:
    try:
        headers: DeadLetterHeaders | None = DeadLetterHeaders.from_kafka_headers(record.headers)
    except ValidationError:
        headers = None
    if output_format == "pretty":
        return render.dead_letter_line(headers, record.key, record.value, received_at)
    return json.dumps(
        {
            "headers": headers.model_dump(mode="json") if headers else None,
            "key": record.key.decode("utf-8", errors="replace") if record.key else None,
            "value": record.value.decode("utf-8", errors="replace"),
        },
        ensure_ascii=False,
    )


def _one_line_json(value: bytes) -> str:
    text = value.decode("utf-8")
    return json.dumps(json.loads(text), ensure_ascii=False) if "\n" in text else text


def _first_problem(error: ValidationError) -> str:
    first = error.errors()[0]
    where = ".".join(str(part) for part in first["loc"]) or "value"
    return f"not a valid message ({where}: {first['msg']})"


def _parse_list(
    text: str | None, vocabulary: type[VocabularyT], normalise: Callable[[str], str]
) -> list[VocabularyT]:
    if not text:
        return []
    values = []
    for item in text.split(","):
        try:
            values.append(vocabulary(normalise(item.strip())))
        except ValueError:
            known = ", ".join(member.value for member in vocabulary)
            raise UserError(f"unknown value {item.strip()!r}: expected one of {known}") from None
    return values
