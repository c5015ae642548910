"""The worker's registry: labelled counters exist at zero, no ``_created`` series."""

from __future__ import annotations

from prometheus_client import generate_latest
from prometheus_client.parser import text_string_to_metric_families

from schemas import DeadLetterReason, PloverRoot, QuadClass
from services.processor.metrics import REGISTRY, initialise_label_sets
from services.processor.startup_line import startup_fields
from services.settings import Settings


def _sample_labels(name: str) -> list[dict[str, str]]:
    exposition = generate_latest(REGISTRY).decode()
    return [
        sample.labels
        for family in text_string_to_metric_families(exposition)
        for sample in family.samples
        if sample.name == name
    ]


def test_every_dead_letter_reason_and_event_class_is_exposed_from_the_start() -> None:
    initialise_label_sets()

    reasons = {
        labels["reason"] for labels in _sample_labels("dipstream_articles_dead_lettered_total")
    }
    events = {
        (labels["event_type"], labels["quad_class"])
        for labels in _sample_labels("dipstream_events_published_total")
    }
    assert reasons == {reason.value for reason in DeadLetterReason}
    assert events == {(root.value, quad.slug) for root in PloverRoot for quad in QuadClass}


def test_no_created_series_are_exposed() -> None:
    initialise_label_sets()

    assert "_created" not in generate_latest(REGISTRY).decode()


def test_the_start_up_line_names_broker_group_topics_guarantee_and_metrics_url() -> None:
    settings = Settings(
        _env_file=None,
        kafka_bootstrap_servers="kafka-1:9092,kafka-2:9092",
        app_id="dipstream-eu",
        processing_guarantee="exactly_once",
        web_host="0.0.0.0",
        web_port=6066,
    )

    fields = startup_fields(settings)

    assert fields["broker"] == "kafka-1:9092,kafka-2:9092"
    assert fields["group"] == "dipstream-eu"
    assert fields["topics"]["articles"] == settings.topic_articles
    assert fields["guarantee"] == "exactly_once"
    assert fields["metrics_url"] == "http://0.0.0.0:6066/metrics"
    assert set(fields["versions"]) >= {"dipstream", "extractor", "faust", "python"}
