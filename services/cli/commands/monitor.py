"""``dipstream monitor`` (``make monitor``): a local Prometheus watching the local worker.

It scrapes the worker that ``make run`` (or ``dipstream worker``) serves on
``DIPSTREAM_WEB_PORT``, evaluates the project's recording and alert rules, prints its URL and
runs until Ctrl-C. Its data lives under ``var/monitor`` and goes with ``make clean``.
"""

from __future__ import annotations

import argparse
import time
import urllib.request
from pathlib import Path
from typing import Any

from services.broker.readiness import port_is_free
from services.cli.local_prometheus import LocalPrometheus
from services.errors import UserError
from services.processes.worker import interrupt_on_sigterm
from services.settings import get_settings

MONITOR_HOME = Path("var/monitor")
DEFAULT_PORT = 9090
SCRAPE_INTERVAL_S = 5.0


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Add ``monitor``."""
    parser = subparsers.add_parser(
        "monitor", help="a local Prometheus scraping the local worker, with dipstream's rules"
    )
    parser.add_argument(
        "--port", type=int, default=DEFAULT_PORT, help=f"Prometheus port (default {DEFAULT_PORT})"
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Start Prometheus, print where it is, wait for Ctrl-C, stop it."""
    settings = get_settings()
    if not port_is_free("127.0.0.1", args.port):
        raise UserError(f"port {args.port} is in use: choose another with --port")
    # A worker bound to every address still answers on loopback.
    host = "127.0.0.1" if settings.web_host == "0.0.0.0" else settings.web_host
    target = f"{host}:{settings.web_port}"
    interrupt_on_sigterm()
    prometheus = LocalPrometheus(MONITOR_HOME, args.port, [target], SCRAPE_INTERVAL_S)
    try:
        prometheus.wait_ready()
        print(f"Prometheus: {prometheus.url} (alerts: {prometheus.url}/alerts)", flush=True)
        print(f"scraping the worker at http://{target}/metrics every {SCRAPE_INTERVAL_S:g}s")
        if not _answers(f"http://{target}/metrics"):
            print(f"no worker answers at {target} yet: start one with `make run`")
        print("Ctrl-C stops it")
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        return 0
    finally:
        prometheus.stop()


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2):
            return True
    except OSError:
        return False
