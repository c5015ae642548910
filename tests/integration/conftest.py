"""Fixtures of the integration tests, which run against a real Kafka broker.

The broker is the project's own local one (``services.broker.local``) on a test port, started
for the session, or an external cluster named by ``DIPSTREAM_TEST_BOOTSTRAP_SERVERS``. Every
test gets its own topics and consumer groups (uuid-named), so tests never see each other's
messages and need no cleanup.

Several pytest sessions (several engineers, one machine) may share the test broker: each
session holds a lease on it, and the last session to leave stops it, provided a test session
started it. A broker started by hand with ``dipstream broker up`` on that port is left running.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

import pytest
from kafka import KafkaConsumer, KafkaProducer
from kafka.consumer.fetcher import ConsumerRecord

from services.broker import local
from services.broker.client_config import kafka_python_config
from services.broker.paths import BrokerPaths
from services.broker.readiness import port_is_free
from services.broker.topics import create_topics
from services.settings import Settings

EXTERNAL_BOOTSTRAP_ENV = "DIPSTREAM_TEST_BOOTSTRAP_SERVERS"
TEST_PORT_ENV = "DIPSTREAM_TEST_BROKER_PORT"
DEFAULT_TEST_PORT = 19292
REPO_ROOT = Path(__file__).resolve().parents[2]
CONSUME_TIMEOUT_S = 30.0

SettingsFactory = Callable[..., Settings]
TopicFactory = Callable[..., str]
ConsumerFactory = Callable[..., KafkaConsumer]
MessageReader = Callable[..., list[ConsumerRecord]]


def _local_test_settings() -> Settings:
    port = int(os.environ.get(TEST_PORT_ENV, DEFAULT_TEST_PORT))
    return Settings(
        _env_file=None,
        broker_home=REPO_ROOT / ".cache" / "kafka",
        broker_port=port,
        broker_controller_port=port + 1,
        kafka_bootstrap_servers=f"127.0.0.1:{port}",
        kafka_security_protocol="PLAINTEXT",
    )


class _BrokerLease:
    """This session's claim on the shared test broker, kept as a file named after its pid."""

    def __init__(self, settings: Settings) -> None:
        instance = BrokerPaths.of(settings).instance
        self._leases = instance / "test-sessions"
        self._lock_file = instance / "test-sessions.lock"
        self._started_marker = instance / "started-by-tests"
        self._settings = settings

    def join(self) -> None:
        """Start the broker on a fresh data folder unless it runs, then record this session."""
        with self._locked():
            if not local.status(self._settings).running:
                if self._ports_free():
                    # A cluster of our own each time: no topics left from earlier sessions.
                    shutil.rmtree(BrokerPaths.of(self._settings).data, ignore_errors=True)
                local.up(self._settings)
                self._started_marker.touch()
            self._leases.mkdir(exist_ok=True)
            (self._leases / str(os.getpid())).touch()

    def leave(self) -> None:
        """Drop this session's lease; the last session out stops a broker that tests started."""
        with self._locked():
            (self._leases / str(os.getpid())).unlink(missing_ok=True)
            if self._live_sessions() or not self._started_marker.exists():
                return
            local.down(self._settings)
            self._started_marker.unlink(missing_ok=True)

    def _ports_free(self) -> bool:
        ports = (self._settings.broker_port, self._settings.broker_controller_port)
        return all(port_is_free(local.HOST, port) for port in ports)

    def _live_sessions(self) -> list[int]:
        alive = []
        for lease in self._leases.iterdir():
            pid = int(lease.name)
            if Path(f"/proc/{pid}").exists():
                alive.append(pid)
            else:
                lease.unlink()  # a session that crashed before leaving
        return alive

    def _locked(self) -> AbstractContextManager[None]:
        return _exclusive_lock(self._lock_file)


@contextmanager
def _exclusive_lock(path: Path) -> Iterator[None]:
    """Holds an exclusive advisory lock on ``path`` for the ``with`` block."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield


@pytest.fixture(scope="session")
def kafka_settings() -> Iterator[Settings]:
    """Settings whose bootstrap servers reach the session's test broker (started if needed)."""
    external = os.environ.get(EXTERNAL_BOOTSTRAP_ENV)
    if external:
        yield Settings(kafka_bootstrap_servers=external)
        return
    settings = _local_test_settings()
    lease = _BrokerLease(settings)
    lease.join()
    try:
        yield settings
    finally:
        lease.leave()


def isolated_settings(kafka_settings: Settings, data_dir: Path, suffix: str) -> Settings:
    """``kafka_settings`` with topics and an app id of its own (named by ``suffix``)."""
    return kafka_settings.model_copy(
        update={
            "topic_articles": f"articles.raw.{suffix}",
            "topic_events": f"diplomatic.events.{suffix}",
            "topic_dlq": f"articles.dlq.{suffix}",
            "topic_stories": f"diplomatic.stories.{suffix}",
            "app_id": f"dipstream-test-{suffix}",
            "data_dir": data_dir,
        }
    )


@pytest.fixture
def settings_factory(kafka_settings: Settings, tmp_path: Path) -> SettingsFactory:
    """``make(**overrides)``: kafka_settings with this test's own topics, app id and state dir."""
    isolated = isolated_settings(kafka_settings, tmp_path / "worker", uuid.uuid4().hex[:12])

    def make(**overrides: object) -> Settings:
        return isolated.model_copy(update=overrides)

    return make


@pytest.fixture
def unique_topic(kafka_settings: Settings) -> TopicFactory:
    """``make(partitions=1)``: creates a new uuid-named topic and returns its name."""

    def make(partitions: int = 1) -> str:
        name = f"test.{uuid.uuid4().hex}"
        create_topics(kafka_settings, [name], partitions=partitions)
        return name

    return make


@pytest.fixture
def unique_group() -> str:
    """A consumer group id no other test uses."""
    return f"dipstream-test-{uuid.uuid4().hex}"


@pytest.fixture
def kafka_producer(kafka_settings: Settings) -> Iterator[KafkaProducer]:
    """A kafka-python producer of raw bytes on the test broker, closed after the test."""
    producer = KafkaProducer(acks="all", **kafka_python_config(kafka_settings))
    yield producer
    producer.close()


@pytest.fixture
def kafka_consumer(kafka_settings: Settings, unique_group: str) -> Iterator[ConsumerFactory]:
    """``make(*topics, **options)``: a consumer from the earliest offset, closed after the test."""
    consumers: list[KafkaConsumer] = []

    def make(*topics: str, **options: object) -> KafkaConsumer:
        config: dict[str, object] = {
            "group_id": unique_group,
            "auto_offset_reset": "earliest",
            "enable_auto_commit": False,
            **kafka_python_config(kafka_settings),
            **options,
        }
        consumer = KafkaConsumer(*topics, **config)
        consumers.append(consumer)
        return consumer

    yield make
    for consumer in consumers:
        consumer.close()


@pytest.fixture
def read_messages(kafka_consumer: ConsumerFactory) -> MessageReader:
    """``read(topic, count, **consumer_options)``: the first ``count`` records, or fails."""

    def read(topic: str, count: int, **options: object) -> list[ConsumerRecord]:
        consumer = kafka_consumer(
            topic, consumer_timeout_ms=int(CONSUME_TIMEOUT_S * 1000), **options
        )
        records: list[ConsumerRecord] = []
        for record in consumer:
            records.append(record)
            if len(records) == count:
                return records
        pytest.fail(f"read {len(records)} of {count} records from {topic} in {CONSUME_TIMEOUT_S}s")

    return read
