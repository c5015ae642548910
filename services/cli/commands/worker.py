"""``dipstream worker``: run the stream processor until SIGINT or SIGTERM."""

from __future__ import annotations

import argparse
from typing import Any

from services.settings import get_settings

LOG_LEVELS = ("debug", "info", "warning", "error", "critical")


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Add ``worker``."""
    parser = subparsers.add_parser("worker", help="run the Kafka stream processor")
    parser.add_argument(
        "--web-port", type=int, help="port of /metrics, /healthz and /readyz (overrides settings)"
    )
    parser.add_argument("--loglevel", "-l", choices=LOG_LEVELS, default="info")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Start the worker; returns its exit code once it has drained and committed."""
    # Faust and spaCy are heavy imports: only this command pays for them.
    import faust

    from services.processor.app import create_app
    from services.processor.json_logs import json_logging_config

    settings = get_settings()
    if args.web_port is not None:
        settings = settings.model_copy(update={"web_port": args.web_port})
    app = create_app(settings)
    # JSON logs: every line through the JSON formatter, and no banner (Faust's start-up
    # table, written to stdout outside logging, is not JSON).
    json_logs = settings.log_format == "json"
    # faust.Worker installs SIGINT/SIGTERM handlers that stop the app: agents finish their
    # batch, acked offsets are committed, then the loop closes.
    worker = faust.Worker(
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
