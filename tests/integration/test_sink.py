"""The sink stores each event once: killed mid-stream and restarted, it loses and doubles none."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from kafka import KafkaProducer

from schemas import DiplomaticEvent
from services.broker.client_config import kafka_python_config
from services.broker.topics import create_topics
from services.processes.child import settings_environment
from services.settings import Settings
from services.store.database import EventStore
from tests.integration.conftest import SettingsFactory
from tests.unit.processor.events import make_event

pytestmark = pytest.mark.broker

FIRST_RUN = 3_000
SECOND_RUN = 1_000
REPEATED = 200
BATCH = 25
TIMEOUT_S = 120.0
_STORED = re.compile(r"sink: stored (\d+) records")


def event_values(count: int) -> list[tuple[bytes, bytes]]:
    """``count`` distinct events as (key, value) records."""
    records = []
    for index in range(count):
        event = make_event(article_id=f"sink-{index}").model_copy(update={"event_id": uuid.uuid4()})
        records.append((event.dyad_key.encode(), event.model_dump_json().encode()))
    return records


def produce_events(settings: Settings, records: list[tuple[bytes, bytes]]) -> None:
    producer = KafkaProducer(acks="all", **kafka_python_config(settings))
    try:
        for key, value in records:
            producer.send(settings.topic_events, key=key, value=value)
        producer.flush()
    finally:
        producer.close()


def start_sink(settings: Settings, log_path: Path, *extra: str) -> subprocess.Popen[bytes]:
    inherited = {k: v for k, v in os.environ.items() if not k.startswith("DIPSTREAM_")}
    with log_path.open("ab") as log:
        return subprocess.Popen(
            [sys.executable, "-m", "services.cli.main", "sink", "--batch", str(BATCH), *extra],
            env={**inherited, **settings_environment(settings)},
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def stored_so_far(log_path: Path) -> int:
    counts = [int(found) for found in _STORED.findall(log_path.read_text(errors="replace"))]
    return max(counts, default=0)


def stored_ids(path: Path) -> list[str]:
    with EventStore(path, read_only=True) as store:
        cursor = store.cursor()
        return [str(row[0]) for row in cursor.execute("SELECT event_id FROM events").fetchall()]


def test_a_sink_killed_mid_stream_and_restarted_stores_each_event_once(
    settings_factory: SettingsFactory, tmp_path: Path
) -> None:
    settings = settings_factory(store_path=tmp_path / "store.duckdb")
    create_topics(settings)
    first = event_values(FIRST_RUN)
    produce_events(settings, first)
    log_path = tmp_path / "sink.log"

    sink = start_sink(settings, log_path)
    deadline = time.monotonic() + TIMEOUT_S
    while stored_so_far(log_path) < BATCH * 4:
        assert sink.poll() is None, log_path.read_text()
        assert time.monotonic() < deadline, f"the sink stored nothing:\n{log_path.read_text()}"
        time.sleep(0.02)
    os.killpg(sink.pid, signal.SIGKILL)
    sink.wait()
    after_kill = len(stored_ids(settings.store_path))
    assert 0 < after_kill < FIRST_RUN, "the sink was not killed mid-stream"

    # More events, and some of the first ones again, as a worker re-sends after its own crash.
    second = event_values(SECOND_RUN)
    produce_events(settings, second + first[:REPEATED])
    restarted = start_sink(settings, log_path, "--idle-exit", "3")
    assert restarted.wait(TIMEOUT_S) == 0, log_path.read_text()

    ids = stored_ids(settings.store_path)
    expected = {make_id(value) for _key, value in first + second}
    assert len(ids) == len(set(ids)) == FIRST_RUN + SECOND_RUN
    assert set(ids) == expected
    last_line = log_path.read_text().splitlines()[-1]
    repeated = int(re.search(r"(\d+) already stored", last_line).group(1))  # type: ignore[union-attr]  # the sink's closing line names it
    assert repeated >= REPEATED


def make_id(value: bytes) -> str:
    """The event id of a produced record."""
    return str(DiplomaticEvent.model_validate_json(value).event_id)
