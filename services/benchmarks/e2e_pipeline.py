"""One measured run of the pipeline: fresh topics, N worker subprocesses, a producer, a consumer.

Every run has topics, a consumer group and a state folder of its own (uuid-suffixed), so runs
never see each other's messages. The producer stamps each record with its send time (the
Kafka record timestamp) and remembers it per article id. A run is over when the workers'
``/metrics`` count every article as processed or dead-lettered. A consumer of the events topic
counts the events, and in a timed run notes when each arrives; an untimed run reads them only
afterwards, since on a small machine that consumer would slow the worker it measures.
"""

from __future__ import annotations

import json
import sys
import threading
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kafka import KafkaConsumer, KafkaProducer
from kafka.errors import KafkaError

from services.broker import topics
from services.broker.client_config import kafka_python_config
from services.broker.errors import BrokerError
from services.errors import UserError
from services.processes.worker import WorkerProcess, free_port
from services.settings import Settings

PARTITIONS = 4
FINISHED_COUNTERS = ("dipstream_articles_processed", "dipstream_articles_dead_lettered")
POLL_S = 0.2


@dataclass
class RunResult:
    """What one pipeline run measured."""

    label: str
    workers: int
    articles: int
    seconds: float
    events: int
    duplicate_events: int
    latencies_s: list[float] = field(repr=False)
    peak_rss_bytes: int
    # Shared pages (the model of forked extraction processes) counted once.
    peak_pss_bytes: int = 0

    @property
    def articles_per_s(self) -> float:
        """Articles through the pipeline per second of wall time."""
        return self.articles / self.seconds if self.seconds > 0 else 0.0


class _EventClock(threading.Thread):
    """Consumes the events topic and notes when each event first arrives, and its article.

    Event ids are deterministic, so an event seen twice is a redelivery (at-least-once after
    a rebalance), counted apart and not timed again.
    """

    def __init__(self, settings: Settings) -> None:
        super().__init__(name="event-clock", daemon=True)
        self.arrivals: dict[str, tuple[str, float]] = {}
        self.duplicates = 0
        self.records_read = 0
        self._stop_requested = threading.Event()
        self._consumer = KafkaConsumer(
            settings.topic_events,
            group_id=f"{settings.app_id}-clock",
            auto_offset_reset="earliest",
            enable_auto_commit=False,
            **kafka_python_config(settings),
        )

    def run(self) -> None:
        while not self._stop_requested.is_set():
            for batch in self._consumer.poll(timeout_ms=100).values():
                arrived = time.time()
                for record in batch:
                    # The CloudEvents headers name the event and its article: reading them
                    # instead of the JSON keeps this process from taking CPU from the worker.
                    headers = dict(record.headers)
                    event_id = headers["ce_id"].decode()
                    self.records_read += 1
                    if event_id in self.arrivals:
                        self.duplicates += 1
                    else:
                        self.arrivals[event_id] = (headers["ce_subject"].decode(), arrived)
        self._consumer.close()

    def wait_assigned(self, timeout_s: float = 30.0) -> None:
        """Block until the consumer owns its partitions, so no event can slip past it."""
        deadline = time.monotonic() + timeout_s
        while not self._consumer.assignment() and time.monotonic() < deadline:
            time.sleep(POLL_S)

    def stop(self) -> None:
        """End the thread, which closes the consumer; close it here if it never started."""
        if self.is_alive():
            self._stop_requested.set()
            self.join()
        else:
            self._consumer.close()


def run_pipeline(
    settings: Settings,
    corpus: Sequence[dict[str, Any]],
    *,
    label: str,
    count: int,
    workers: int,
    passthrough: bool = False,
    rate: float | None = None,
    time_events: bool = False,
    timeout_s: float,
    log_dir: Path,
) -> RunResult:
    """Send ``count`` articles (at ``rate`` per second, or at once) and time their processing.

    With ``time_events`` the events are consumed as they come, and timed; without, they are
    only counted, after the run, so that no consumer takes CPU from the worker meanwhile.
    """
    suffix = uuid.uuid4().hex[:10]
    run_settings = settings.model_copy(
        update={
            "topic_articles": f"bench.articles.{suffix}",
            "topic_events": f"bench.events.{suffix}",
            "topic_dlq": f"bench.dlq.{suffix}",
            "topic_stories": f"bench.stories.{suffix}",
            "topic_partitions": PARTITIONS,
            "app_id": f"dipstream-bench-{suffix}",
            "extraction_passthrough": passthrough,
        }
    )
    names = [*topics.topic_names(run_settings), *topics.internal_topics(run_settings)]
    topics.create_topics(run_settings, names, partitions=PARTITIONS)
    processes: list[WorkerProcess] = []
    clock = _EventClock(run_settings)
    try:
        for index in range(workers):
            worker_settings = run_settings.model_copy(
                update={"web_port": free_port(), "data_dir": log_dir / suffix / f"worker-{index}"}
            )
            log_path = log_dir / suffix / f"worker-{index}.log"
            processes.append(WorkerProcess(worker_settings, log_path))
        _wait_all_ready(processes)
        if time_events:
            clock.start()
            clock.wait_assigned()
        sent_at = _produce(run_settings, corpus, count, rate, suffix)
        started = min(sent_at.values())
        finished, peak_rss, peak_pss = _wait_finished(processes, count, timeout_s, label)
        if not time_events:
            clock.start()
        _wait_events_read(clock, processes, timeout_s, label)
    finally:
        for process in processes:
            process.stop()
        clock.stop()
        _delete_topics(run_settings, names)
    latencies = [
        arrived - sent_at[article_id]
        for article_id, arrived in clock.arrivals.values()
        if time_events and article_id in sent_at
    ]
    return RunResult(
        label=label,
        workers=workers,
        articles=count,
        seconds=finished - started,
        events=len(clock.arrivals),
        duplicate_events=clock.duplicates,
        latencies_s=latencies,
        peak_rss_bytes=peak_rss,
        peak_pss_bytes=peak_pss,
    )


def _wait_all_ready(processes: Sequence[WorkerProcess]) -> None:
    # A worker joining the group makes the others rebalance: ready means all of them at once.
    while True:
        for process in processes:
            process.wait_ready()
        if all(process.is_ready() for process in processes):
            return
        time.sleep(POLL_S)


def _produce(
    settings: Settings,
    corpus: Sequence[dict[str, Any]],
    count: int,
    rate: float | None,
    suffix: str,
) -> dict[str, float]:
    producer = KafkaProducer(acks="all", linger_ms=5, **kafka_python_config(settings))
    sent_at: dict[str, float] = {}
    try:
        begin = time.time()
        for index in range(count):
            if rate is not None:
                time.sleep(max(0.0, begin + index / rate - time.time()))
            article_id = f"{corpus[index % len(corpus)]['id']}#{suffix}-{index}"
            value = json.dumps({**corpus[index % len(corpus)], "id": article_id}).encode()
            now = time.time()
            sent_at[article_id] = now
            producer.send(
                settings.topic_articles,
                key=article_id.encode(),
                value=value,
                timestamp_ms=int(now * 1000),
            )
        producer.flush()
    finally:
        producer.close()
    return sent_at


def _wait_finished(
    processes: Sequence[WorkerProcess], count: int, timeout_s: float, label: str
) -> tuple[float, int, int]:
    """When the workers had finished ``count`` articles, and their peak memory meanwhile
    (resident, and proportional)."""
    deadline = time.monotonic() + timeout_s
    peak_rss = peak_pss = 0
    finished = 0
    while time.monotonic() < deadline:
        peak_rss = max(peak_rss, max(process.rss_bytes() for process in processes))
        peak_pss = max(peak_pss, max(process.pss_bytes() for process in processes))
        finished = sum(_finished_articles(process) for process in processes)
        if finished >= count:
            return time.time(), peak_rss, peak_pss
        time.sleep(POLL_S)
    logs = ", ".join(str(process.log_path) for process in processes)
    raise UserError(
        f"{label}: {finished} of {count} articles done after {timeout_s:.0f}s; see {logs}"
    )


def _wait_events_read(
    clock: _EventClock,
    processes: Sequence[WorkerProcess],
    timeout_s: float,
    label: str,
) -> None:
    """Wait until the clock has read every event the workers published."""
    published = sum(process.metric_sum("dipstream_events_published") for process in processes)
    deadline = time.monotonic() + timeout_s
    while clock.records_read < published:
        if time.monotonic() > deadline:
            raise UserError(
                f"{label}: {clock.records_read} of {published:.0f} events read "
                f"after {timeout_s:.0f}s"
            )
        time.sleep(POLL_S)


def _finished_articles(process: WorkerProcess) -> int:
    return int(sum(process.metric_sum(family) for family in FINISHED_COUNTERS))


def _delete_topics(settings: Settings, names: Sequence[str]) -> None:
    # Leftover topics only cost disk on a local broker: a failure here must not hide the
    # run's own outcome, so it is reported and the run goes on.
    try:
        with topics.admin_client(settings) as admin:
            admin.delete_topics(list(names))
    except (BrokerError, KafkaError) as error:
        print(f"could not delete the benchmark topics {', '.join(names)}: {error}", file=sys.stderr)
