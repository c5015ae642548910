"""kafka-python producers and consumers for the CLI, with one clear line when Kafka is down."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from kafka import KafkaConsumer, KafkaProducer, TopicPartition
from kafka.errors import KafkaError

from services.broker.client_config import kafka_python_config
from services.broker.errors import BrokerError
from services.errors import UserError
from services.settings import Settings

# A CLI command should say the broker is down within seconds, not after kafka-python's 30 s.
BOOTSTRAP_TIMEOUT_MS = 5_000


def unreachable(settings: Settings) -> UserError:
    """The error shown when no broker answers at the configured address."""
    return UserError(
        f"cannot reach Kafka at {settings.kafka_bootstrap_servers}: is the broker up? "
        "try `dipstream broker up`"
    )


@contextmanager
def kafka_failures_as_user_errors(settings: Settings) -> Iterator[None]:
    """Turn a Kafka failure in the middle of a command (broker gone, timeout) into one line."""
    try:
        yield
    except KafkaError as error:
        raise UserError(
            f"Kafka at {settings.kafka_bootstrap_servers} failed: {error}; "
            "is the broker up? try `dipstream broker status`"
        ) from error


def require_topic(settings: Settings, topic: str) -> None:
    """UserError unless ``topic`` exists: the local broker does not create topics on use."""
    consumer = open_consumer(settings, group_id=None)
    try:
        if not consumer.partitions_for_topic(topic):
            raise UserError(f"topic {topic} does not exist: try `dipstream topics create`")
    finally:
        consumer.close()


def _connection_config(settings: Settings) -> dict[str, object]:
    try:
        return kafka_python_config(settings)
    except BrokerError as error:
        raise UserError(str(error)) from error


def open_producer(settings: Settings, **overrides: Any) -> KafkaProducer:
    """A producer of raw bytes; raises :class:`UserError` when Kafka does not answer."""
    config = {
        **_connection_config(settings),
        "bootstrap_timeout_ms": BOOTSTRAP_TIMEOUT_MS,
        "max_block_ms": BOOTSTRAP_TIMEOUT_MS * 2,
        **overrides,
    }
    try:
        return KafkaProducer(**config)
    except KafkaError as error:
        raise unreachable(settings) from error


def open_consumer(settings: Settings, **overrides: Any) -> KafkaConsumer:
    """A consumer of raw bytes, not yet subscribed; raises :class:`UserError` when Kafka is down."""
    config = {
        **_connection_config(settings),
        "bootstrap_timeout_ms": BOOTSTRAP_TIMEOUT_MS,
        "enable_auto_commit": False,
        # Under exactly-once the worker writes in transactions; never show or replay a record
        # of an aborted one. Without transactions this changes nothing.
        "isolation_level": "read_committed",
        **overrides,
    }
    try:
        return KafkaConsumer(**config)
    except KafkaError as error:
        raise unreachable(settings) from error


def assign_whole_topic(consumer: KafkaConsumer, topic: str) -> list[TopicPartition]:
    """Assign every partition of ``topic`` to ``consumer``; :class:`UserError` if it is missing."""
    partitions = consumer.partitions_for_topic(topic)
    if not partitions:
        raise UserError(f"topic {topic} does not exist: try `dipstream topics create`")
    assigned = [TopicPartition(topic, partition) for partition in sorted(partitions)]
    consumer.assign(assigned)
    return assigned
