"""Runs ``dipstream worker`` as a subprocess against the test broker, and reads its outputs.

Each worker gets its settings as ``DIPSTREAM_*`` variables (its own topics, consumer group and
state folder come from ``settings_factory``), a free web port, and a log file; the fixture
stops every worker it started, even when the test fails.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from kafka import KafkaConsumer, KafkaProducer
from kafka.consumer.fetcher import ConsumerRecord
from pydantic import SecretStr

from schemas import DiplomaticEvent
from services.broker.client_config import kafka_python_config
from services.broker.topics import create_topics
from services.settings import Settings

REPO_ROOT = Path(__file__).resolve().parents[2]
DIPSTREAM = REPO_ROOT / ".venv" / "bin" / "dipstream"
READY_TIMEOUT_S = 120.0
STOP_TIMEOUT_S = 60.0
OUTPUT_TIMEOUT_S = 90.0
_POLL_S = 0.25


def settings_env(settings: Settings) -> dict[str, str]:
    """The ``DIPSTREAM_*`` variables that reproduce ``settings`` in a child process."""
    env = {}
    for name, value in settings.model_dump().items():
        if value is None:
            continue
        if isinstance(value, SecretStr):
            text = value.get_secret_value()
        elif isinstance(value, tuple | list):
            # pydantic-settings reads complex fields as JSON.
            text = json.dumps([str(item) for item in value])
        else:
            text = str(value)
        env[f"DIPSTREAM_{name.upper()}"] = text
    return env


def free_port() -> int:
    """A loopback port nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass
class WorkerProcess:
    """One running ``dipstream worker``."""

    process: subprocess.Popen[bytes]
    web_port: int
    log_path: Path

    def get(self, path: str) -> tuple[int, str]:
        """Status and body of a GET on the worker's web server."""
        url = f"http://127.0.0.1:{self.web_port}{path}"
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def wait_ready(self, timeout_s: float = READY_TIMEOUT_S) -> None:
        """Wait until ``/readyz`` answers 200; fail with the log tail if the worker exits."""
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"worker exited with {self.process.returncode}:\n{self.log_tail()}")
            try:
                if self.get("/readyz")[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(_POLL_S)
        pytest.fail(f"worker not ready within {timeout_s:.0f}s:\n{self.log_tail()}")

    def metric(self, name: str) -> float:
        """The value of one unlabelled sample of ``/metrics`` (0 when absent)."""
        for line in self.get("/metrics")[1].splitlines():
            if line.startswith(name + " "):
                return float(line.split()[1])
        return 0.0

    def stop(self, timeout_s: float = STOP_TIMEOUT_S) -> int:
        """SIGTERM, then wait for a clean exit; returns the exit code."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout_s)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
                pytest.fail(f"worker ignored SIGTERM for {timeout_s:.0f}s:\n{self.log_tail()}")
        return self.process.returncode

    def log_tail(self, lines: int = 40) -> str:
        """The end of the worker's log, for failure messages."""
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])


StartWorker = Callable[[Settings], WorkerProcess]


@pytest.fixture
def start_worker(tmp_path: Path) -> Iterator[StartWorker]:
    """``start(settings)``: a ready worker; every worker started is stopped at teardown."""
    started: list[WorkerProcess] = []

    def start(settings: Settings) -> WorkerProcess:
        port = free_port()
        log_path = tmp_path / f"worker-{len(started)}.log"
        inherited = {k: v for k, v in os.environ.items() if not k.startswith("DIPSTREAM_")}
        env = {**inherited, **settings_env(settings.model_copy(update={"web_port": port}))}
        with log_path.open("wb") as log:
            process = subprocess.Popen(
                [str(DIPSTREAM), "worker", "--loglevel", "info"],
                env=env,
                cwd=tmp_path,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        worker = WorkerProcess(process, port, log_path)
        started.append(worker)
        worker.wait_ready()
        return worker

    yield start
    for worker in started:
        if worker.process.poll() is None:
            worker.process.kill()
            worker.process.wait()


@pytest.fixture
def pipeline_settings(settings_factory: Callable[..., Settings]) -> Settings:
    """Isolated settings with every topic created: one in-process extraction thread."""
    settings = settings_factory(extraction_workers=0, batch_timeout_s=0.1)
    create_topics(settings)
    return settings


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


def coded_article_text(index: int) -> str:
    """The text of the ``index``-th test article, cycling over pairs and two event kinds."""
    first, second = _STATE_PAIRS[index % len(_STATE_PAIRS)]
    if index // len(_STATE_PAIRS) % 2:
        return f"{first} and {second} held talks in Geneva on Monday."
    return f"{first} accused {second} of violating the agreement."
