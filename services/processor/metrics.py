"""Every Prometheus metric of the worker, declared once, with its type and meaning.

The metrics live in their own registry so that ``/metrics`` shows the worker's figures and
nothing that other libraries might register globally.
"""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, Info

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

# Counter: records of the events topic that could not be folded into a story and were written
# to the dead-letter topic, by reason (a DeadLetterReason value).
STORY_EVENTS_DEAD_LETTERED = Counter(
    "dipstream_story_events_dead_lettered",
    "Records of the events topic dead-lettered by the stories agent, by reason.",
    ["reason"],
    registry=REGISTRY,
)

# Counter: events written, by PLOVER event type and destination topic.
EVENTS_PRODUCED = Counter(
    "dipstream_events_produced",
    "Diplomatic events acknowledged by the broker, by event type and topic.",
    ["event_type", "topic"],
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

# Gauge: records not yet consumed, per partition (highwater minus the consumer position).
CONSUMER_LAG = Gauge(
    "dipstream_consumer_lag",
    "Records behind the end of the partition (highwater minus consumer position).",
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

# Info (a gauge fixed at 1): versions of the service and of the extraction engine.
BUILD_INFO = Info(
    "dipstream_build",
    "Version of the service and of the extraction engine.",
    registry=REGISTRY,
)
