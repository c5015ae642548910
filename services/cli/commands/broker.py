"""``dipstream broker``: install, start, stop and inspect the local Kafka broker."""

from __future__ import annotations

import argparse
import time
from typing import Any

from services.broker import local
from services.broker.errors import BrokerError
from services.broker.install import install
from services.errors import UserError
from services.settings import get_settings

EXIT_STOPPED = 3


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Add ``broker install|up|down|status``."""
    parser = subparsers.add_parser("broker", help="the local single-node Kafka broker")
    actions = parser.add_subparsers(dest="broker_action", metavar="ACTION", required=True)
    for name, handler, help_text in (
        ("install", _install, "fetch the Kafka jars with Maven (skipped when up to date)"),
        ("up", _up, "start the broker and wait until it answers (no-op when running)"),
        ("down", _down, "stop the broker (no-op when stopped)"),
        ("status", _status, "say whether the broker runs; exit 0 if it does, 3 if not"),
    ):
        action = actions.add_parser(name, help=help_text)
        action.set_defaults(handler=handler)


def _install(_args: argparse.Namespace) -> int:
    settings = get_settings()
    started = time.monotonic()
    try:
        fetched = install(settings)
    except BrokerError as error:
        raise UserError(str(error)) from error
    libs = settings.broker_home / "libs"
    if fetched:
        print(f"Kafka jars installed in {libs} in {time.monotonic() - started:.1f}s")
    else:
        print(f"Kafka jars already up to date in {libs}")
    return 0


def _up(_args: argparse.Namespace) -> int:
    settings = get_settings()
    started = time.monotonic()
    try:
        current, launched = local.up(settings)
    except BrokerError as error:
        raise UserError(str(error)) from error
    if launched:
        elapsed = time.monotonic() - started
        print(
            f"broker ready at {current.bootstrap_servers} (pid {current.pid}) in {elapsed:.1f}s; "
            f"log: {current.log_path}"
        )
    else:
        print(f"broker already running at {current.bootstrap_servers} (pid {current.pid})")
    return 0


def _down(_args: argparse.Namespace) -> int:
    settings = get_settings()
    if local.down(settings):
        print(f"broker on port {settings.broker_port} stopped")
    else:
        print(f"broker on port {settings.broker_port} was not running")
    return 0


def _status(_args: argparse.Namespace) -> int:
    current = local.status(get_settings())
    if current.running:
        print(
            f"running: pid {current.pid}, port {current.port}, "
            f"controller port {current.controller_port}, log {current.log_path}"
        )
        return 0
    print(f"stopped: port {current.port}, log {current.log_path}")
    return EXIT_STOPPED
