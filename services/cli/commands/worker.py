"""``dipstream worker``: run the stream processor until SIGINT or SIGTERM."""

from __future__ import annotations

import argparse
import asyncio
from typing import Any

from services.broker.errors import BrokerError
from services.broker.readiness import port_is_free
from services.broker.topics import create_topics
from services.errors import UserError
from services.settings import Settings, get_settings

MAX_PORT = 65_535

LOG_LEVELS = ("debug", "info", "warning", "error", "critical")


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Add ``worker``."""
    parser = subparsers.add_parser("worker", help="run the Kafka stream processor")
    parser.add_argument(
        "--web-port",
        type=_port,
        help="port of /metrics, /healthz and /readyz (overrides settings)",
    )
    parser.add_argument("--loglevel", "-l", choices=LOG_LEVELS, default="info")
    parser.set_defaults(handler=run)


def _port(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= MAX_PORT:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port (1-{MAX_PORT})")
    return int(text)


def _check_start(settings: Settings) -> None:
    """What would otherwise end in a traceback, said in one line before anything starts."""
    from services.processor.health import broker_reachable  # imports Faust

    # Faust keeps table state there and does not create it (a fresh clone has no var/).
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    if not port_is_free(settings.web_host, settings.web_port):
        raise UserError(
            f"port {settings.web_port} on {settings.web_host} is in use or cannot be bound: "
            "choose another with DIPSTREAM_WEB_PORT or --web-port"
        )
    if not asyncio.run(broker_reachable(settings)):
        raise UserError(
            f"cannot reach Kafka at {settings.kafka_bootstrap_servers}: is the broker up? "
            "try `dipstream broker up`"
        )
    # The guard's window topic is new: a cluster whose topics were created before it came
    # would refuse the worker's first batch (brokers do not create topics on first use).
    guard_topic = settings.dlq_guard_topic()
    try:
        create_topics(settings, [guard_topic])
    except BrokerError as error:
        raise UserError(f"cannot create {guard_topic}: {error}") from error


def run(args: argparse.Namespace) -> int:
    """Start the worker; returns its exit code once it has drained and committed."""
    # Faust and spaCy are heavy imports: only this command pays for them.
    from services.processor.app import create_app
    from services.processor.json_logs import json_logging_config
    from services.processor.shutdown import StoppingWorker

    settings = get_settings()
    if args.web_port is not None:
        settings = settings.model_copy(update={"web_port": args.web_port})
    _check_start(settings)
    app = create_app(settings)
    # JSON logs: every line through the JSON formatter, and no banner (Faust's start-up
    # table, written to stdout outside logging, is not JSON).
    json_logs = settings.log_format == "json"
    # faust.Worker installs SIGINT/SIGTERM handlers that stop the app: agents finish their
    # batch (or give it up at half the grace), acked offsets are committed, then the loop
    # closes; past DIPSTREAM_SHUTDOWN_GRACE_S the worker exits non-zero whatever it was doing.
    worker = StoppingWorker(
        app,
        loglevel=args.loglevel,
        quiet=json_logs,
        logging_config=json_logging_config(args.loglevel) if json_logs else None,
    )
    # mode turns every ending into SystemExit: 0 after a clean stop, 1 after a crash (such as
    # the dead-letter guard tripping), whose reason the worker has already logged.
    try:
        worker.execute_from_commandline()
    except SystemExit as exit_request:
        return exit_request.code if isinstance(exit_request.code, int) else 1
