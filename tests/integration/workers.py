"""Runs ``dipstream worker`` as a subprocess against the test broker, and reads its outputs.

Each worker gets its settings as ``DIPSTREAM_*`` variables (its own topics, consumer group and
state folder come from ``settings_factory``), a free web port, and a log file; the fixture
stops every worker it started, even when the test fails.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from kafka import KafkaConsumer, KafkaProducer
from kafka.consumer.fetcher import ConsumerRecord

from schemas import DiplomaticEvent
from schemas.article import MAX_TEXT_BYTES
from services.broker.client_config import kafka_python_config
from services.broker.topics import create_topics
from services.errors import UserError
from services.processes.worker import WorkerProcess, free_port
from services.settings import Settings

READY_TIMEOUT_S = 120.0
STOP_TIMEOUT_S = 60.0
OUTPUT_TIMEOUT_S = 90.0
_POLL_S = 0.25
# Faust's default broker_commit_interval: how often a worker commits.
COMMIT_INTERVAL_S = 2.8


StartWorker = Callable[[Settings], WorkerProcess]


def stop_worker(worker: WorkerProcess) -> int:
    """SIGTERM and wait for a clean exit; fails the test if the worker had to be killed."""
    code = worker.stop(STOP_TIMEOUT_S)
    if code is None:
        pytest.fail(f"worker ignored SIGTERM for {STOP_TIMEOUT_S:.0f}s:\n{worker.log_tail()}")
    return code


@pytest.fixture
def start_worker(tmp_path: Path) -> Iterator[StartWorker]:
    """``start(settings)``: a ready worker on a free port; every one started is stopped."""
    started: list[WorkerProcess] = []

    def start(settings: Settings) -> WorkerProcess:
        log_path = tmp_path / f"worker-{len(started)}.log"
        worker = WorkerProcess(
            settings.model_copy(update={"web_port": free_port()}), log_path, cwd=tmp_path
        )
        started.append(worker)
        try:
            worker.wait_ready(READY_TIMEOUT_S)
        except UserError as error:
            pytest.fail(f"{error}:\n{worker.log_tail()}")
        return worker

    yield start
    for worker in started:
        worker.stop(timeout_s=0)


@pytest.fixture
def pipeline_settings(settings_factory: Callable[..., Settings]) -> Settings:
    """Isolated settings with every topic created: one in-process extraction thread."""
    settings = settings_factory(extraction_workers=0, batch_timeout_s=0.1)
    create_topics(settings)
    return settings


def exactly_once_settings(settings_factory: Callable[..., Settings], **overrides: Any) -> Settings:
    """Isolated exactly-once settings with every topic created; a worker killed or stopped
    hard hands its partitions over once its 10 s session times out."""
    settings = settings_factory(
        processing_guarantee="exactly_once",
        batch_timeout_s=0.1,
        consumer_session_timeout_s=10,
        **overrides,
    )
    create_topics(settings)
    return settings


def assert_each_event_visible_once(settings: Settings) -> None:
    """No event id twice on the events topic for read_committed readers, read once whatever
    a worker commits late has had two commit intervals to show up."""
    time.sleep(2 * COMMIT_INTERVAL_S)
    records = collect(settings, [settings.topic_events], bool, isolation_level="read_committed")
    copies = Counter(dict(record.headers)["ce_id"] for record in records)
    assert [event_id for event_id, count in copies.items() if count > 1] == []


def article_json(article_id: str, text: str, **fields: Any) -> bytes:
    """An article record value."""
    return json.dumps({"id": article_id, "text": text, **fields}).encode()


def produce(
    settings: Settings,
    values: list[bytes],
    *,
    keys: list[bytes] | None = None,
    partition: int | None = None,
) -> None:
    """Write ``values`` (with ``keys``, if given) to the articles topic; wait for the acks."""
    producer = KafkaProducer(acks="all", **kafka_python_config(settings))
    try:
        for index, value in enumerate(values):
            key = keys[index] if keys is not None else None
            producer.send(settings.topic_articles, key=key, value=value, partition=partition)
        producer.flush()
    finally:
        producer.close()


def accounted_article_ids(settings: Settings, records: list[ConsumerRecord]) -> set[str]:
    """Article ids with an outcome: events name their article, dead letters keep its key."""
    ids = set()
    for record in records:
        if record.topic == settings.topic_dlq:
            ids.add(record.key.decode())
        else:
            ids.add(DiplomaticEvent.model_validate_json(record.value).article_id)
    return ids


def wait_for_metric(worker: WorkerProcess, name: str, at_least: float) -> None:
    """Wait until the worker's ``name`` sample reaches ``at_least``; fails on timeout."""
    deadline = time.monotonic() + OUTPUT_TIMEOUT_S
    while worker.metric(name) < at_least:
        if time.monotonic() > deadline:
            pytest.fail(f"{name} stayed under {at_least}:\n{worker.log_tail()}")
        time.sleep(_POLL_S)


def collect(
    settings: Settings,
    topics: list[str],
    done: Callable[[list[ConsumerRecord]], bool],
    timeout_s: float = OUTPUT_TIMEOUT_S,
    **consumer_options: Any,
) -> list[ConsumerRecord]:
    """Records of ``topics`` from the start until ``done(records)`` holds; fails on timeout."""
    consumer = KafkaConsumer(
        *topics,
        auto_offset_reset="earliest",
        enable_auto_commit=False,
        consumer_timeout_ms=1000,
        **kafka_python_config(settings),
        **consumer_options,
    )
    records: list[ConsumerRecord] = []
    deadline = time.monotonic() + timeout_s
    try:
        while time.monotonic() < deadline:
            records.extend(consumer)
            if done(records):
                return records
    finally:
        consumer.close()
    pytest.fail(f"outputs incomplete after {timeout_s:.0f}s: {len(records)} records on {topics}")


# Short articles, each coded into at least one event by the engine: accusations and talks
# between pairs of states.
_STATE_PAIRS = (
    ("Germany", "Poland"),
    ("Egypt", "Israel"),
    ("Turkey", "Greece"),
    ("Kenya", "Uganda"),
    ("India", "Pakistan"),
    ("Spain", "Italy"),
)


def longest_article_text() -> str:
    """An article as long as the schema allows, of events, places and actors: the slowest
    valid article to code (about 9 s of CPU on an idle development machine, far more loaded)."""
    sentences: list[str] = []
    size = 0
    while size < MAX_TEXT_BYTES - 100:
        sentences.append(coded_article_text(len(sentences)))
        size += len(sentences[-1]) + 1
    return " ".join(sentences)[: MAX_TEXT_BYTES - 100]


def coded_article_text(index: int) -> str:
    """The text of the ``index``-th test article, cycling over pairs and two event kinds."""
    first, second = _STATE_PAIRS[index % len(_STATE_PAIRS)]
    if index // len(_STATE_PAIRS) % 2:
        return f"{first} and {second} held talks in Geneva on Monday."
    return f"{first} accused {second} of violating the agreement."
