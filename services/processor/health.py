"""The worker's web server serves ``/metrics``, ``/healthz`` and ``/readyz``, and nothing else.

In a container the server binds beyond loopback, for probes and scrapes; Faust's own views
(``/router/``, the partition map, and ``/table/``, the story table's contents, among others)
have no authentication, so none of them is mounted.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import faust
from faust.web.base import BlueprintManager
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from services.broker.client_config import bootstrap_servers
from services.processor.consumer_watch import ConsumerLag
from services.processor.dlq_guard import DeadLetterGuard
from services.processor.extraction_pool import ExtractionPool
from services.processor.metrics import REGISTRY
from services.settings import Settings

logger = logging.getLogger(__name__)

BROKER_PROBE_TIMEOUT_S = 1.0
# A scrape waits this long for the lag figures, then shows the previous ones.
LAG_REFRESH_TIMEOUT_S = 2.0


def register_health(
    app: faust.App,
    settings: Settings,
    pool: ExtractionPool,
    guard: DeadLetterGuard,
    lag: ConsumerLag,
) -> None:
    """Serve the three views, and only them, on ``app``'s web server."""
    # Faust mounts its built-in views from this manager when the server starts.
    app.web.blueprints = BlueprintManager()

    @app.page("/metrics")
    async def metrics_view(web: Any, _request: Any) -> Any:
        await _refresh_lag(lag)
        # The exposition format's content type carries its version and charset.
        content_type, _, charset = CONTENT_TYPE_LATEST.partition("; charset=")
        response = web.bytes(generate_latest(REGISTRY), content_type=content_type)
        response.charset = charset
        return response

    @app.page("/healthz")
    async def healthz_view(web: Any, _request: Any) -> Any:
        return web.json({"alive": True})

    @app.page("/readyz")
    async def readyz_view(web: Any, _request: Any) -> Any:
        checks = {
            "partitions_assigned": _partitions_assigned(app),
            "broker_reachable": await broker_reachable(settings),
            "model_loaded": pool.loaded,
            "dlq_guard_ok": not guard.tripped,
        }
        failing = [name for name, passed in checks.items() if not passed]
        body: dict[str, Any] = {"ready": not failing, "checks": checks, "failing": failing}
        if guard.tripped:
            body["dlq_guard"] = guard.describe()
        return web.json(body, status=503 if failing else 200)


def _partitions_assigned(app: Any) -> bool:
    # Before the consumer has started, asking it for its assignment raises.
    try:
        return bool(app.consumer.assignment())
    except Exception:
        return False


async def broker_reachable(settings: Settings) -> bool:
    """True when one bootstrap server accepts a TCP connection within a second."""
    for server in bootstrap_servers(settings):
        host, _, port = server.rpartition(":")
        try:
            _, writer = await asyncio.wait_for(
                asyncio.open_connection(host, int(port)), BROKER_PROBE_TIMEOUT_S
            )
        except (OSError, TimeoutError, ValueError):
            continue
        writer.close()
        await writer.wait_closed()
        return True
    return False


async def _refresh_lag(lag: ConsumerLag) -> None:
    # A figure that cannot be read now (a rebalance, a slow broker) must not fail the scrape.
    try:
        await asyncio.wait_for(lag.refresh(), LAG_REFRESH_TIMEOUT_S)
    except Exception as error:
        logger.warning("consumer lag not refreshed: %r", error)
