"""dipstream's topics: their names, and creating them on the cluster."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from kafka import KafkaAdminClient
from kafka.errors import KafkaError, TopicAlreadyExistsError

from schemas.vocabulary import QuadClass
from services.broker.client_config import kafka_python_config
from services.broker.errors import BrokerError
from services.settings import Settings

# Let the broker's default.replication.factor decide (KIP-464): 1 on the local broker, the
# cluster's policy elsewhere.
BROKER_DEFAULT = -1
_TOPIC_READY_TIMEOUT_MS = 30_000
# Long enough for a remote cluster, short enough that a stopped broker is reported promptly.
_BOOTSTRAP_TIMEOUT_MS = 10_000


def topic_names(settings: Settings) -> list[str]:
    """Every topic dipstream reads or writes."""
    return [
        settings.topic_articles,
        settings.topic_events,
        *(settings.quad_class_topic(quad_class.slug) for quad_class in QuadClass),
        settings.topic_dlq,
        settings.topic_stories,
    ]


def internal_topics(settings: Settings) -> dict[str, dict[str, str]]:
    """Topics of the worker's own state, with their configs: the stories table's changelog
    and the dead-letter guard's window.

    Created with the others so that workers starting together find them whole: when each
    worker's Faust created the changelog on start, one could read its metadata before it had
    partitions and stop with a partition-count mismatch.
    """
    compacted = {"cleanup.policy": "compact"}
    return {settings.story_changelog_topic(): compacted, settings.dlq_guard_topic(): compacted}


@contextmanager
def admin_client(settings: Settings) -> Iterator[KafkaAdminClient]:
    """A kafka-python admin client of the configured cluster, closed on exit."""
    try:
        admin = KafkaAdminClient(
            client_id="dipstream-admin",
            bootstrap_timeout_ms=_BOOTSTRAP_TIMEOUT_MS,
            **kafka_python_config(settings),
        )
    except KafkaError as error:
        raise BrokerError(
            f"no Kafka broker answers at {settings.kafka_bootstrap_servers}: "
            "start one with `dipstream broker up`"
        ) from error
    try:
        yield admin
    finally:
        admin.close()


def create_topics(
    settings: Settings, names: Sequence[str] | None = None, partitions: int | None = None
) -> list[str]:
    """Create the missing topics among ``names`` (default: all of dipstream's); return them.

    Topics that already exist are left as they are, whatever their partition count. Every topic
    gets the same partition count: the stories changelog must match the events topic's.
    """
    configs = internal_topics(settings)
    wanted = list(names) if names is not None else [*topic_names(settings), *configs]
    count = partitions if partitions is not None else settings.topic_partitions
    request = {
        name: {
            "num_partitions": count,
            "replication_factor": BROKER_DEFAULT,
            "configs": configs.get(name, {}),
        }
        for name in wanted
    }
    with admin_client(settings) as admin:
        try:
            response = admin.create_topics(request, raise_errors=False)
        except KafkaError as error:
            raise BrokerError(f"creating topics failed: {error}") from error
        created = []
        for topic in response["topics"]:
            name, code = topic["name"], topic["error_code"]
            if code == 0:
                created.append(name)
            elif code != TopicAlreadyExistsError.errno:
                message = topic.get("error_message") or f"error code {code}"
                raise BrokerError(f"creating topic {name!r} failed: {message}")
        try:
            admin.wait_for_topics(created, timeout_ms=_TOPIC_READY_TIMEOUT_MS)
        except KafkaError as error:
            raise BrokerError(f"created topics have no leader yet: {error}") from error
    return [name for name in wanted if name in created]


def list_topics(settings: Settings) -> dict[str, int]:
    """Partition count of every topic on the cluster, Kafka's internal ones excepted."""
    with admin_client(settings) as admin:
        try:
            described = admin.describe_topics()
        except KafkaError as error:
            raise BrokerError(f"listing topics failed: {error}") from error
    return {
        topic["name"]: len(topic["partitions"])
        for topic in described
        if not topic.get("is_internal") and not topic["name"].startswith("__")
    }
