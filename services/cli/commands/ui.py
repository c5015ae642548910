"""``dipstream ui``: the live page over the event store, with the sink that feeds it."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from aiohttp import web

from services.cli.commands.sink import add_store_argument, open_sink, open_store
from services.cli.kafka_clients import kafka_failures_as_user_errors
from services.settings import get_settings
from services.ui.server import LivePage


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Add ``ui``."""
    parser = subparsers.add_parser(
        "ui", help="live page: feed, filters, dyad barometer, top dyads and stories, map"
    )
    add_store_argument(parser)
    parser.add_argument("--host", help="address to listen on (default: DIPSTREAM_UI_HOST)")
    parser.add_argument("--port", type=int, help="port (default: DIPSTREAM_UI_PORT)")
    parser.set_defaults(handler=_run)


def _log(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def _run(args: argparse.Namespace) -> int:
    settings = get_settings()
    host = args.host or settings.ui_host
    port = args.port or settings.ui_port
    store = open_store(args.store or settings.store_path)
    try:
        with kafka_failures_as_user_errors(settings):
            page = LivePage(store, None, log=_log)
            page.sink = open_sink(settings, store, on_stored=page.on_stored, log=lambda _: None)
        _log(f"ui: http://{host}:{port}/  (store {store.path})")
        try:
            web.run_app(page.app, host=host, port=port, print=None, shutdown_timeout=2)
        except OSError as error:
            _log(f"dipstream: error: cannot listen on {host}:{port}: {error.strerror}")
            return 1
    finally:
        store.close()
    return 0
