"""The one log line a worker writes when it starts: what it connects to and what it runs.

An operator reading a worker's first line learns which cluster, consumer group and topics it
uses, its delivery guarantee, where its metrics are and which versions run, without opening
its configuration; as JSON (``DIPSTREAM_LOG_FORMAT=json``) each of these is a field.
"""

from __future__ import annotations

import logging
import platform
from importlib.metadata import version
from typing import Any

import faust

from services import __version__
from services.extraction import EXTRACTOR_VERSION
from services.settings import Settings

logger = logging.getLogger("dipstream.worker")


def startup_fields(settings: Settings) -> dict[str, Any]:
    """Broker, group, topics, guarantee, metrics URL and versions of a worker."""
    return {
        "broker": settings.kafka_bootstrap_servers,
        "security_protocol": settings.kafka_security_protocol,
        "group": settings.app_id,
        "topics": {
            "articles": settings.topic_articles,
            "events": settings.topic_events,
            "dead_letters": settings.topic_dlq,
            "stories": settings.topic_stories,
        },
        "guarantee": settings.processing_guarantee,
        "metrics_url": f"http://{settings.web_host}:{settings.web_port}/metrics",
        "extraction_workers": settings.extraction_workers,
        "versions": {
            "dipstream": __version__,
            "extractor": EXTRACTOR_VERSION,
            "spacy_model": settings.spacy_model,
            "spacy": version("spacy"),
            "faust": version("faust-streaming"),
            "aiokafka": version("aiokafka"),
            "python": platform.python_version(),
        },
    }


def register_startup_line(app: faust.App, settings: Settings) -> None:
    """Log the start-up line once the worker's logging is set up (a task at app start)."""
    fields = startup_fields(settings)

    async def log_startup() -> None:
        logger.info(
            "worker starting: broker %s, group %s, topic %s, %s, metrics at %s, dipstream %s",
            fields["broker"],
            fields["group"],
            fields["topics"]["articles"],
            fields["guarantee"],
            fields["metrics_url"],
            fields["versions"]["dipstream"],
            extra=fields,
        )

    app.task(log_startup)
