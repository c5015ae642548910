"""``dipstream demo`` (what ``make run`` shows): the whole pipeline on this machine.

It starts the local broker unless it runs, creates the topics, starts a worker and the live
page (with the sink that stores the events), sends the sample articles and prints the events as
they arrive, until Ctrl-C. It then stops the page and the worker, and the broker only if it
started it.
"""

from __future__ import annotations

import argparse
import signal
import sys
from pathlib import Path
from typing import Any

from services.broker import local, topics
from services.broker.errors import BrokerError
from services.cli.commands.produce import produce_inputs
from services.cli.commands.tail import EventFilter, MessageKind, print_messages
from services.cli.page_process import PageProcess
from services.cli.topic_follower import TopicFollower
from services.errors import UserError
from services.processes.worker import (
    WorkerProcess,
    ensure_web_port_free,
    interrupt_on_sigterm,
)
from services.settings import Settings, get_settings

SAMPLE_ARTICLES = Path(__file__).resolve().parents[3] / "samples" / "articles.jsonl"
WORKER_LOG = Path("var/demo/worker.log")
PAGE_LOG = Path("var/demo/page.log")


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Add ``demo``."""
    parser = subparsers.add_parser(
        "demo", help="local broker, topics, a worker, the sample articles, live events"
    )
    parser.add_argument(
        "--articles",
        type=Path,
        default=SAMPLE_ARTICLES,
        help="articles to send (default: the sample articles)",
    )
    parser.add_argument(
        "--idle-exit",
        type=float,
        metavar="S",
        help="stop by itself after S seconds without a new event (default: run until Ctrl-C)",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Run the demo; Ctrl-C (or SIGTERM) stops it cleanly with exit code 0."""
    if not args.articles.exists():
        raise UserError(f"no articles at {args.articles}")
    settings = get_settings()
    ensure_web_port_free(settings)
    interrupt_on_sigterm()
    started_broker = _start_broker(settings)
    worker: WorkerProcess | None = None
    page: PageProcess | None = None
    follower: TopicFollower | None = None
    try:
        _create_topics(settings)
        page = PageProcess(settings, PAGE_LOG)
        worker = WorkerProcess(settings, WORKER_LOG)
        _say(f"worker: pid {worker.pid}, log {WORKER_LOG}; loading the model…")
        # Positioned before anything is sent, so that no event is missed.
        follower = TopicFollower(settings, settings.topic_events, from_beginning=False)
        worker.wait_ready()
        page.wait_ready()
        summary = produce_inputs(settings, [str(args.articles)], topic=settings.topic_articles)
        _say(summary.line())
        _say(f"metrics: {worker.base_url}/metrics")
        _say(f"page: {page.url} (events stored in {settings.store_path}; log {PAGE_LOG})")
        _say("events as they arrive (Ctrl-C to stop):")
        print_messages(
            follower, MessageKind.EVENT, EventFilter(), "pretty", idle_timeout_s=args.idle_exit
        )
    except KeyboardInterrupt:
        _say("stopping…")
    finally:
        _shut_down(settings, worker, page, follower, started_broker)
    return 0


def _start_broker(settings: Settings) -> bool:
    try:
        status, started = local.up(settings)
    except BrokerError as error:
        raise UserError(str(error)) from error
    state = "started" if started else "already running"
    _say(f"broker: {status.bootstrap_servers} ({state})")
    return started


def _create_topics(settings: Settings) -> None:
    try:
        created = topics.create_topics(settings)
    except BrokerError as error:
        raise UserError(str(error)) from error
    _say(f"topics: {len(created)} created" if created else "topics: all present")


def _shut_down(
    settings: Settings,
    worker: WorkerProcess | None,
    page: PageProcess | None,
    follower: TopicFollower | None,
    started_broker: bool,
) -> None:
    # A second Ctrl-C must not cut the clean-up short and leave processes behind.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    if follower is not None:
        follower.close()
    if page is not None:
        code = page.stop()
        _say(f"page stopped (exit code {code})" if code is not None else "page killed")
    if worker is not None:
        code = worker.stop()
        _say(f"worker stopped (exit code {code})" if code is not None else "worker killed")
    if started_broker:
        local.down(settings)
        _say("broker stopped (the demo had started it)")
    else:
        _say("broker left running (it was already up): `dipstream broker down` stops it")


def _say(line: str) -> None:
    print(f"demo: {line}", file=sys.stderr, flush=True)
