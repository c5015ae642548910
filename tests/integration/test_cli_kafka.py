"""``dipstream produce``, ``tail`` and ``dlq`` against the real test broker."""

from __future__ import annotations

import json
import os
import subprocess
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from kafka import KafkaConsumer, KafkaProducer, TopicPartition

from schemas import (
    Actor,
    DeadLetterHeaders,
    DiplomaticEvent,
    Evidence,
    Mentions,
    TextSpan,
)
from services.broker.client_config import kafka_python_config
from services.broker.topics import create_topics
from services.cli.main import main
from services.processes.child import settings_environment
from services.processes.worker import free_port
from services.settings import Settings, get_settings
from tests.integration.conftest import (
    REPO_ROOT,
    MessageReader,
    SettingsFactory,
    TopicFactory,
)

pytestmark = pytest.mark.broker

DIPSTREAM = REPO_ROOT / ".venv" / "bin" / "dipstream"
DEMO_TIMEOUT_S = 600

CliRunner = Callable[..., tuple[int, str, str]]
CLI_FIELDS = (
    "kafka_bootstrap_servers",
    "topic_articles",
    "topic_events",
    "topic_dlq",
    "topic_stories",
)


@pytest.fixture
def run_cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> CliRunner:
    """``run(settings, *argv)``: the CLI in this process with those settings; (code, out, err)."""

    def run(settings: Settings, *argv: str) -> tuple[int, str, str]:
        for name in CLI_FIELDS:
            monkeypatch.setenv(f"DIPSTREAM_{name.upper()}", str(getattr(settings, name)))
        get_settings.cache_clear()
        capsys.readouterr()
        try:
            code = main(list(argv))
        finally:
            get_settings.cache_clear()
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run


def _event(article_id: str, event_type: str) -> DiplomaticEvent:
    return DiplomaticEvent(
        schema_version="1.0",
        event_id=uuid.uuid4(),
        article_id=article_id,
        publisher="Test Wire",
        article_url=None,
        published_at=datetime(2025, 3, 3, tzinfo=UTC),
        extractor_version="test",
        event_type=event_type,
        cameo_code="040" if event_type == "CONSULT" else "112",
        cameo_name="Consult" if event_type == "CONSULT" else "Accuse",
        goldstein=1.0 if event_type == "CONSULT" else -2.0,
        quad_class=1 if event_type == "CONSULT" else 3,
        source=Actor(text="Ruritania", name="Ruritania", country="RUR", kind="state"),
        target=Actor(text="Freedonia", name="Freedonia", country="FRE", kind="state"),
        status="occurred",
        time=None,
        location=None,
        evidence=Evidence(sentence=TextSpan(text="They met.", start=0, end=9), triggers=[]),
        mentions=Mentions(count=1, offsets=[TextSpan(text="They met.", start=0, end=9)]),
        confidence=0.7,
    )


def _message_count(settings: Settings, topic: str) -> int:
    consumer = KafkaConsumer(**kafka_python_config(settings))
    try:
        partitions = [TopicPartition(topic, p) for p in consumer.partitions_for_topic(topic)]
        return sum(consumer.end_offsets(partitions).values())
    finally:
        consumer.close()


def test_produce_sends_a_folder_byte_exact(
    tmp_path: Path,
    kafka_settings: Settings,
    unique_topic: TopicFactory,
    read_messages: MessageReader,
    run_cli: CliRunner,
) -> None:
    folder = tmp_path / "in"
    (folder / "nested").mkdir(parents=True)
    (folder / "summit.txt").write_text("Ruritania and Freedonia met on Tuesday.\n")
    jsonl_lines = [
        '{"id": "j-1", "text": "Ruritania accused Freedonia.",  "source": "Wire"}',
        '{"text": "Freedonia rejected the claim.", "id": "j-2"}',
    ]
    (folder / "nested" / "batch.jsonl").write_text("\n".join(jsonl_lines) + "\n\n")
    single = '{\n  "id": "s-1",\n  "text": "Ruritania sent aid."\n}'
    (folder / "one.json").write_text(single)
    (folder / "notes.md").write_text("not an article file")
    topic = unique_topic()

    code, _, err = run_cli(kafka_settings, "produce", "--topic", topic, str(folder))

    assert code == 0, err
    assert "4 produced" in err
    received = {(r.key, r.value) for r in read_messages(topic, 4)}
    text_value = json.dumps({"id": "summit", "text": "Ruritania and Freedonia met on Tuesday.\n"})
    assert received == {
        (b"summit", text_value.encode()),
        (b"j-1", jsonl_lines[0].encode()),
        (b"j-2", jsonl_lines[1].encode()),
        (b"s-1", single.encode()),
    }


def test_produce_reports_invalid_articles_and_sends_the_rest(
    tmp_path: Path,
    kafka_settings: Settings,
    unique_topic: TopicFactory,
    read_messages: MessageReader,
    run_cli: CliRunner,
) -> None:
    source = tmp_path / "mixed.jsonl"
    source.write_text('{"id": "ok", "text": "Fine."}\n{"id": "bad", "text": "  "}\n{oops\n')
    topic = unique_topic()

    code, _, err = run_cli(kafka_settings, "produce", "--topic", topic, str(source))

    assert code == 1
    assert f"skipped {source}:2: invalid article: text is empty" in err
    assert f"skipped {source}:3: invalid JSON" in err
    assert "1 produced" in err
    assert [record.key for record in read_messages(topic, 1)] == [b"ok"]
    assert _message_count(kafka_settings, topic) == 1


def test_tail_prints_events_as_json_lines(
    settings_factory: SettingsFactory, kafka_producer: KafkaProducer, run_cli: CliRunner
) -> None:
    settings = settings_factory()
    create_topics(settings, [settings.topic_events])
    events = [_event("a-1", "CONSULT"), _event("a-2", "ACCUSE"), _event("a-3", "CONSULT")]
    for event in events:
        kafka_producer.send(settings.topic_events, value=event.model_dump_json().encode())
    kafka_producer.flush()

    code, out, _ = run_cli(
        settings, "tail", "--from-beginning", "--max", "3", "--format", "json", "--timeout", "20"
    )
    filtered_code, filtered_out, _ = run_cli(
        settings, "tail", "--from-beginning", "--type", "accuse", "--timeout", "3"
    )

    assert code == 0
    printed = [DiplomaticEvent.model_validate_json(line) for line in out.splitlines()]
    assert sorted(event.article_id for event in printed) == ["a-1", "a-2", "a-3"]
    assert filtered_code == 0
    assert len(filtered_out.splitlines()) == 1
    assert "Ruritania [RUR] → ACCUSE → Freedonia [FRE]" in filtered_out
    assert "[a-2]" in filtered_out


def test_dlq_replay_republishes_only_the_chosen_reason(
    settings_factory: SettingsFactory,
    kafka_producer: KafkaProducer,
    read_messages: MessageReader,
    run_cli: CliRunner,
) -> None:
    settings = settings_factory()
    create_topics(settings, [settings.topic_dlq, settings.topic_articles])
    letters = [
        (b"k-0", b"{not json", "invalid_json", settings.topic_articles),
        (b"k-1", b'{"id": "k-1"}', "schema_violation", settings.topic_articles),
        (b"k-2", b"[1, 2", "invalid_json", settings.topic_articles),
        # A record of the events topic that was not an event: it never goes to the articles.
        (b"RUS|USA", b"{not an event", "invalid_json", settings.topic_events),
        # Coded with a sentence failed: its events are out, coding it again would repeat them.
        (b"k-4", b'{"id": "k-4", "text": "x"}', "extraction_partial", settings.topic_articles),
    ]
    for offset, (key, value, reason, original_topic) in enumerate(letters):
        headers = DeadLetterHeaders(
            reason=reason,
            error="test",
            original_topic=original_topic,
            original_partition=0,
            original_offset=offset,
            service_version="test",
        )
        kafka_producer.send(
            settings.topic_dlq,
            key=key,
            value=value,
            headers=[("trace-id", b"t-" + key), *headers.to_kafka_headers()],
        )
    kafka_producer.flush()

    code, out, err = run_cli(
        settings, "dlq", "replay", "--reason", "invalid_json", "extraction_partial"
    )

    assert code == 0, err
    assert "replayed 2 dead letters" in out
    # Equal counts come in the order the partitions were read.
    left = out.split("; left 3 (", 1)[1].strip().removesuffix(")").split(", ")
    assert sorted(left) == [
        "(extraction_partial: events already published): 1",
        "(from another topic): 1",
        "schema_violation: 1",
    ]
    replayed = read_messages(settings.topic_articles, 2)
    assert sorted((r.key, r.value, tuple(r.headers)) for r in replayed) == [
        (b"k-0", b"{not json", (("trace-id", b"t-k-0"),)),
        (b"k-2", b"[1, 2", (("trace-id", b"t-k-2"),)),
    ]
    assert _message_count(settings, settings.topic_articles) == 2


def test_unreachable_broker_is_one_line_and_a_failure(tmp_path: Path, run_cli: CliRunner) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Ruritania and Freedonia met.")
    address = f"127.0.0.1:{free_port()}"
    settings = Settings(_env_file=None, kafka_bootstrap_servers=address)

    code, out, err = run_cli(settings, "produce", str(article))

    assert code == 1
    assert out == ""
    assert err.strip().splitlines() == [
        f"dipstream: error: cannot reach Kafka at {address}: is the broker up? "
        "try `dipstream broker up`"
    ]


def test_demo_shows_the_events_of_the_articles_then_stops_its_worker(
    tmp_path: Path, settings_factory: SettingsFactory
) -> None:
    settings = settings_factory(web_port=free_port())
    articles = tmp_path / "articles.jsonl"
    article = {
        "id": "demo-1",
        "text": "Russian President Vladimir Putin spoke by telephone with Turkish President "
        "Recep Tayyip Erdogan on Monday, the Kremlin said.",
        "published_at": "2025-03-03T09:00:00Z",
    }
    articles.write_text(json.dumps(article) + "\n")

    completed = subprocess.run(
        [str(DIPSTREAM), "demo", "--articles", str(articles), "--idle-exit", "30"],
        env={**os.environ, **settings_environment(settings)},
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=DEMO_TIMEOUT_S,
        check=False,
    )

    assert completed.returncode == 0, completed.stderr
    assert f"metrics: http://127.0.0.1:{settings.web_port}/metrics" in completed.stderr
    assert "CONSULT" in completed.stdout
    assert "[demo-1]" in completed.stdout
    assert "worker stopped (exit code 0)" in completed.stderr
    assert "broker left running" in completed.stderr
