"""The local broker, topic creation and the client settings against a real Kafka broker."""

from __future__ import annotations

import asyncio
import os
import shutil
import socket
from collections.abc import Iterator

import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from kafka import KafkaProducer

from services.broker import local
from services.broker.client_config import aiokafka_config, kafka_python_config
from services.broker.errors import BrokerError
from services.broker.paths import BrokerPaths
from services.broker.topics import create_topics, internal_topics, list_topics, topic_names
from services.cli.commands.broker import EXIT_STOPPED
from services.cli.main import main
from services.settings import Settings, get_settings
from tests.integration.conftest import (
    CONSUME_TIMEOUT_S,
    EXTERNAL_BOOTSTRAP_ENV,
    MessageReader,
    SettingsFactory,
    TopicFactory,
)

pytestmark = pytest.mark.broker

local_broker_only = pytest.mark.skipif(
    bool(os.environ.get(EXTERNAL_BOOTSTRAP_ENV)), reason="checks the project's own local broker"
)


@pytest.fixture
def listening_socket() -> Iterator[socket.socket]:
    """A socket listening on a free loopback port, standing for 'some other program'."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        yield listener


@local_broker_only
def test_up_on_a_running_broker_reports_it_without_starting_another(
    kafka_settings: Settings,
) -> None:
    before = local.status(kafka_settings)
    after, launched = local.up(kafka_settings)
    assert before.running
    assert not launched
    assert after.pid == before.pid


@local_broker_only
def test_up_refuses_a_port_another_program_listens_on(
    kafka_settings: Settings, listening_socket: socket.socket
) -> None:
    taken_port = listening_socket.getsockname()[1]
    settings = kafka_settings.model_copy(
        update={"broker_port": taken_port, "broker_controller_port": taken_port + 1}
    )
    with pytest.raises(BrokerError, match=f"port {taken_port} is in use"):
        local.up(settings)
    assert not local.status(settings).running


@local_broker_only
def test_down_and_status_of_a_broker_that_never_ran(
    kafka_settings: Settings, listening_socket: socket.socket
) -> None:
    # The port of the listening socket belongs to another program: down must not touch it.
    settings = kafka_settings.model_copy(update={"broker_port": listening_socket.getsockname()[1]})
    assert local.down(settings) is False
    assert local.status(settings).running is False
    assert listening_socket.fileno() != -1


@local_broker_only
def test_broker_that_cannot_start_reports_why_and_where_it_logs(kafka_settings: Settings) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        free_port = probe.getsockname()[1]
    settings = kafka_settings.model_copy(
        update={"broker_port": free_port, "broker_controller_port": free_port + 1}
    )
    paths = BrokerPaths.of(settings)
    paths.data.mkdir(parents=True)
    # Storage formatted for another node id: Kafka refuses to start on it.
    (paths.data / "meta.properties").write_text(
        "node.id=2\nversion=1\ncluster.id=E3d6iYJdTkyCFUCl5QjXIA\n"
        "directory.id=_YWgcPk_XlNR1fPN8dN1rA\n"
    )
    try:
        with pytest.raises(BrokerError, match=r"exited during start-up .*node id 2") as raised:
            local.up(settings)
        assert str(paths.server_log) in str(raised.value)
        assert not local.status(settings).running
    finally:
        shutil.rmtree(paths.instance)


def test_create_topics_creates_each_missing_topic_once(settings_factory: SettingsFactory) -> None:
    settings = settings_factory()
    first = create_topics(settings, partitions=2)
    second = create_topics(settings, partitions=2)
    on_cluster = list_topics(settings)
    every_topic = [*topic_names(settings), *internal_topics(settings)]
    assert first == every_topic
    assert second == []
    assert all(on_cluster[name] == 2 for name in every_topic)


def test_create_topics_reports_an_invalid_name(kafka_settings: Settings) -> None:
    with pytest.raises(BrokerError, match="creating topic 'no spaces allowed' failed"):
        create_topics(kafka_settings, ["no spaces allowed"])


def test_round_trip_keeps_keys_values_and_per_key_order(
    unique_topic: TopicFactory, kafka_producer: KafkaProducer, read_messages: MessageReader
) -> None:
    topic = unique_topic(partitions=3)
    sent = [(f"k{n % 2}".encode(), f"v{n}".encode()) for n in range(6)]
    for key, value in sent:
        kafka_producer.send(topic, key=key, value=value)
    kafka_producer.flush()
    received = read_messages(topic, len(sent))
    for key in (b"k0", b"k1"):
        expected = [value for sent_key, value in sent if sent_key == key]
        assert [record.value for record in received if record.key == key] == expected


def test_kafka_python_transaction_hides_aborted_messages_from_read_committed(
    kafka_settings: Settings, unique_topic: TopicFactory, read_messages: MessageReader
) -> None:
    topic = unique_topic()
    producer = KafkaProducer(transactional_id=f"{topic}-txn", **kafka_python_config(kafka_settings))
    try:
        producer.init_transactions()
        producer.begin_transaction()
        producer.send(topic, b"aborted")
        producer.abort_transaction()
        producer.begin_transaction()
        producer.send(topic, b"committed")
        producer.commit_transaction()
    finally:
        producer.close()
    records = read_messages(topic, 1, isolation_level="read_committed")
    assert [record.value for record in records] == [b"committed"]


def test_aiokafka_transactional_producer_commits(
    kafka_settings: Settings, unique_topic: TopicFactory, read_messages: MessageReader
) -> None:
    # Faust's exactly-once guarantee rests on aiokafka's transactions.
    topic = unique_topic()

    async def produce_in_a_transaction() -> None:
        producer = AIOKafkaProducer(
            transactional_id=f"{topic}-txn", **aiokafka_config(kafka_settings)
        )
        await producer.start()
        try:
            async with producer.transaction():
                await producer.send_and_wait(topic, b"first")
                await producer.send_and_wait(topic, b"second")
        finally:
            await producer.stop()

    asyncio.run(produce_in_a_transaction())
    records = read_messages(topic, 2, isolation_level="read_committed")
    assert [record.value for record in records] == [b"first", b"second"]


def test_aiokafka_consumer_group_reads_every_partition_and_commits(
    kafka_settings: Settings,
    unique_topic: TopicFactory,
    unique_group: str,
    kafka_producer: KafkaProducer,
) -> None:
    # Faust consumes through aiokafka's group protocol, which Kafka 4 trimmed to newer versions.
    topic = unique_topic(partitions=2)
    for n in range(4):
        kafka_producer.send(topic, key=str(n).encode(), value=f"m{n}".encode())
    kafka_producer.flush()

    async def consume_all() -> tuple[list[bytes], int]:
        consumer = AIOKafkaConsumer(
            topic,
            group_id=unique_group,
            auto_offset_reset="earliest",
            enable_auto_commit=False,
            **aiokafka_config(kafka_settings),
        )
        await consumer.start()
        try:
            values = []
            async for message in consumer:
                values.append(message.value)
                if len(values) == 4:
                    break
            await consumer.commit()
            committed = [await consumer.committed(tp) or 0 for tp in consumer.assignment()]
        finally:
            await consumer.stop()
        return values, sum(committed)

    values, committed_offsets = asyncio.run(asyncio.wait_for(consume_all(), CONSUME_TIMEOUT_S))
    assert sorted(values) == [b"m0", b"m1", b"m2", b"m3"]
    assert committed_offsets == 4


@pytest.fixture
def cli_env(kafka_settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Points the CLI's environment-built settings at the test broker."""
    monkeypatch.setenv("DIPSTREAM_BROKER_HOME", str(kafka_settings.broker_home))
    monkeypatch.setenv("DIPSTREAM_BROKER_PORT", str(kafka_settings.broker_port))
    monkeypatch.setenv(
        "DIPSTREAM_BROKER_CONTROLLER_PORT", str(kafka_settings.broker_controller_port)
    )
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@local_broker_only
def test_cli_status_exits_0_for_the_running_broker_and_up_leaves_it_alone(
    cli_env: None, kafka_settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    pid = local.status(kafka_settings).pid
    assert main(["broker", "status"]) == 0
    assert f"running: pid {pid}" in capsys.readouterr().out
    assert main(["broker", "up"]) == 0
    assert f"already running at 127.0.0.1:{kafka_settings.broker_port} (pid {pid})" in (
        capsys.readouterr().out
    )


@local_broker_only
def test_cli_status_exits_3_and_down_is_a_no_op_without_a_broker(
    cli_env: None,
    listening_socket: socket.socket,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    port = listening_socket.getsockname()[1]
    monkeypatch.setenv("DIPSTREAM_BROKER_PORT", str(port))
    get_settings.cache_clear()
    assert main(["broker", "status"]) == EXIT_STOPPED
    assert capsys.readouterr().out.startswith(f"stopped: port {port}")
    assert main(["broker", "down"]) == 0
    assert "was not running" in capsys.readouterr().out
