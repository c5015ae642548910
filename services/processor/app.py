"""``create_app(settings)``: the one place where the Faust app is built and wired.

Faust keeps process-wide state (the current app, its web server and agents), so an app is
built once per process, here, from :class:`Settings` alone.
"""

from __future__ import annotations

import logging
from typing import Any

import faust

from services import __version__
from services.broker.faust_config import faust_broker_url, faust_credentials
from services.extraction import EXTRACTOR_VERSION
from services.processor.agent import ArticleProcessor
from services.processor.batch_clock import BatchClock
from services.processor.consumer_watch import register_consumer_watch
from services.processor.dlq_guard import DeadLetterGuard
from services.processor.dlq_guard_store import load_window
from services.processor.extraction_pool import ExtractionPool
from services.processor.faust_fixes.batching import BatchingStream
from services.processor.faust_fixes.output import OutputProducer
from services.processor.faust_fixes.stall_watch import register_stall_watch
from services.processor.faust_fixes.transport import StreamApp
from services.processor.health import register_health
from services.processor.liveness import AgentLiveness
from services.processor.metrics import (
    BUILD_INFO,
    DLQ_GUARD_RATIO,
    DLQ_GUARD_TRIPPED,
    REGISTRY,
    initialise_label_sets,
)
from services.processor.process_metrics import register_process_metrics
from services.processor.shutdown import Shutdown
from services.processor.startup_line import register_startup_line
from services.processor.story_table import register_stories
from services.settings import Settings

logger = logging.getLogger(__name__)


def create_app(settings: Settings) -> StreamApp:
    """The stream processor as a Faust app, ready for a :class:`StoppingWorker` with its
    ``shutdown``."""
    app = StreamApp(
        settings.app_id,
        broker=faust_broker_url(settings),
        broker_credentials=faust_credentials(settings),
        processing_guarantee=settings.processing_guarantee,
        broker_session_timeout=settings.consumer_session_timeout_s,
        broker_commit_interval=settings.commit_interval_s,
        web_host=settings.web_host,
        # Faust binds 0.0.0.0 unless told otherwise; web_host alone is only the advertised name.
        web_bind=settings.web_host,
        web_port=settings.web_port,
        datadir=str(settings.data_dir),
        store="memory://",
        topic_partitions=settings.topic_partitions,
        # A worker stopping waits until every started batch is acked, then commits.
        stream_wait_empty=True,
        # A new consumer group starts at the oldest article, so none produced before it is lost.
        consumer_auto_offset_reset="earliest",
        autodiscover=False,
        Stream=BatchingStream,
    )
    pool = ExtractionPool(settings)
    # Read by the consumer and the batching stream when the app stops; StoppingWorker begins it.
    app.shutdown = Shutdown(settings.shutdown_grace_s, pool.kill)
    guard = DeadLetterGuard(settings.dlq_guard_window, settings.dlq_guard_max_ratio)
    clock = BatchClock(settings.extraction_timeout_s)
    liveness = AgentLiveness()
    _register_metrics(guard)
    _register_article_agent(app, settings, pool, guard, clock, liveness)
    register_stories(app, settings, app.shutdown)
    lag = register_consumer_watch(app, settings)
    register_stall_watch(app)
    register_health(app, settings, pool, guard, lag, clock, liveness)
    register_startup_line(app, settings)
    return app


def _register_metrics(guard: DeadLetterGuard) -> None:
    BUILD_INFO.info({"version": __version__, "extractor_version": EXTRACTOR_VERSION})
    initialise_label_sets()
    DLQ_GUARD_TRIPPED.set_function(lambda: float(guard.tripped))
    DLQ_GUARD_RATIO.set_function(lambda: guard.ratio)
    register_process_metrics(REGISTRY)


def _register_article_agent(
    app: StreamApp,
    settings: Settings,
    pool: ExtractionPool,
    guard: DeadLetterGuard,
    clock: BatchClock,
    liveness: AgentLiveness,
) -> None:
    processor = ArticleProcessor(settings, pool, guard, OutputProducer(app), clock, app.shutdown)
    articles = app.topic(settings.topic_articles, key_serializer="raw", value_serializer="raw")

    @app.agent(articles, name="articles")
    async def code_articles(stream: Any) -> None:
        # Per-article faults become dead letters inside the processor, so whatever escapes is
        # systemic: a model that fails to load, an extraction process that died, sends the
        # broker refused, or a dead-letter share that says the model or the producers went
        # wrong. It stops the whole worker rather than this agent, which Faust's supervisor
        # would restart past the failed batch; that batch stays uncommitted.
        try:
            with liveness.running("articles"):
                await pool.start()
                saved = await load_window(settings)
                if saved is not None and guard.restore(saved):
                    logger.info("dead-letter guard restored: %s", guard.describe())
                await processor.run(
                    stream.take_batches(settings.batch_size, within=settings.batch_timeout_s)
                )
        except Exception as fault:
            logger.critical("stopping the worker: %s: %s", type(fault).__name__, fault)
            await app.crash(fault)

    async def stop_extraction(_sender: faust.App, *_args: Any, **_kwargs: Any) -> None:
        pool.close()

    # mode annotates signal receivers with a type that no function satisfies under mypy.
    before_shutdown: Any = app.on_before_shutdown
    before_shutdown.connect(stop_extraction)
