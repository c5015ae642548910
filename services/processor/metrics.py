"""Every Prometheus metric of the worker, declared once, with its type and meaning.

The metrics live in their own registry so that ``/metrics`` shows the worker's figures and
nothing that other libraries might register globally. Counters that alerts and dashboards
split by a label exist at zero from start-up (see :func:`initialise_label_sets`): a series
that appears only with its first increment makes ``rate()`` miss that increment and leaves
"no dead letters yet" indistinguishable from "not scraped".
"""

from __future__ import annotations

from prometheus_client import (
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    Info,
    disable_created_metrics,
)

from schemas import DeadLetterReason, PloverRoot, QuadClass

# ``*_created`` series double the series count and no rule or panel reads them.
disable_created_metrics()  # type: ignore[no-untyped-call]  # prometheus_client leaves it unannotated

REGISTRY = CollectorRegistry(auto_describe=True)

# Counter: records read from the articles topic, valid or not.
ARTICLES_CONSUMED = Counter(
    "dipstream_articles_consumed",
    "Records read from the articles topic, valid or not.",
    registry=REGISTRY,
)

# Counter: articles that went through the engine and whose events were all acknowledged.
ARTICLES_PROCESSED = Counter(
    "dipstream_articles_processed",
    "Articles coded and whose events were acknowledged by the broker.",
    registry=REGISTRY,
)

# Counter: article records written to the dead-letter topic, by reason (a DeadLetterReason value).
ARTICLES_DEAD_LETTERED = Counter(
    "dipstream_articles_dead_lettered",
    "Records sent to the dead-letter topic, by reason.",
    ["reason"],
    registry=REGISTRY,
)

# Counter: sentences the engine raised on. Their articles' other sentences were coded and
# their events published; each such article is also a dead letter (extraction_partial, or
# extraction_error when every sentence failed).
SENTENCES_FAILED = Counter(
    "dipstream_sentences_failed",
    "Sentences the extraction engine raised on (their articles' other events were published).",
    registry=REGISTRY,
)

# Counter: records of the events topic that could not be folded into a story and were written
# to the dead-letter topic, by reason (a DeadLetterReason value).
STORY_EVENTS_DEAD_LETTERED = Counter(
    "dipstream_story_events_dead_lettered",
    "Records of the events topic dead-lettered by the stories agent, by reason.",
    ["reason"],
    registry=REGISTRY,
)

# Counter: events published, each counted once (it goes to two topics), so that sum() over
# the labels equals the number of events on the events topic.
EVENTS_PUBLISHED = Counter(
    "dipstream_events_published",
    "Diplomatic events acknowledged by the broker, by PLOVER event type and quad class.",
    ["event_type", "quad_class"],
    registry=REGISTRY,
)

# Gauge: Unix time at which the last event was acknowledged (0 before the first one).
LAST_EVENT_TIMESTAMP = Gauge(
    "dipstream_last_event_timestamp_seconds",
    "Unix time at which this worker's last event was acknowledged by the broker.",
    registry=REGISTRY,
)

# Histogram: wall time of one extraction call (a batch, or its share on one process), seconds.
EXTRACTION_DURATION = Histogram(
    "dipstream_extraction_duration_seconds",
    "Wall time of one call to the extraction engine (a batch, or its share on one extraction "
    "process), in seconds.",
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0),
    registry=REGISTRY,
)

# Histogram: from the input record's timestamp to the acknowledgement of its events, seconds.
END_TO_END_LATENCY = Histogram(
    "dipstream_end_to_end_latency_seconds",
    "Time from the article record's Kafka timestamp to its events being acknowledged.",
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 300.0),
    registry=REGISTRY,
)

# Gauge: what kafka-consumer-groups shows as LAG, per assigned partition.
CONSUMER_LAG = Gauge(
    "dipstream_consumer_lag",
    "Records not yet committed by the consumer group, per partition this worker is assigned "
    "(log end offset minus the group's committed offset).",
    ["topic", "partition"],
    registry=REGISTRY,
)

# Gauge: articles taken from the stream whose outcome is not settled yet.
ARTICLES_IN_FLIGHT = Gauge(
    "dipstream_articles_in_flight",
    "Articles taken from the stream and not yet published or dead-lettered.",
    registry=REGISTRY,
)

# Counter: partition assignments received by this worker (each rebalance counts once).
REBALANCES = Counter(
    "dipstream_rebalances",
    "Partition assignments this worker received.",
    registry=REGISTRY,
)

# Gauges: the dead-letter guard, read from the guard at each scrape (see app.py).
DLQ_GUARD_TRIPPED = Gauge(
    "dipstream_dlq_guard_tripped",
    "1 once the dead-letter guard has halted consumption (until the worker restarts), else 0.",
    registry=REGISTRY,
)
DLQ_GUARD_RATIO = Gauge(
    "dipstream_dlq_guard_ratio",
    "Share of dead letters among the records in the dead-letter guard's window.",
    registry=REGISTRY,
)

# Counter and gauge: the stories table.
STORIES_UPDATED = Counter(
    "dipstream_stories_updated",
    "Story aggregates written to the stories table and topic.",
    registry=REGISTRY,
)
STORIES_TRACKED = Gauge(
    "dipstream_stories_tracked",
    "Stories in this worker's partitions of the stories table.",
    registry=REGISTRY,
)

# Info (a gauge fixed at 1): versions of the service and of the extraction engine.
BUILD_INFO = Info(
    "dipstream_build",
    "Version of the service and of the extraction engine.",
    registry=REGISTRY,
)


def initialise_label_sets() -> None:
    """Create every label set that rules and dashboards read, at zero."""
    for reason in DeadLetterReason:
        ARTICLES_DEAD_LETTERED.labels(reason=reason.value)
        STORY_EVENTS_DEAD_LETTERED.labels(reason=reason.value)
    for event_type in PloverRoot:
        for quad_class in QuadClass:
            EVENTS_PUBLISHED.labels(event_type=event_type.value, quad_class=quad_class.slug)
