"""``dipstream bench``: throughput and latency benchmarks that print tables and write JSON."""

from __future__ import annotations

import argparse
from typing import Any

from services.benchmarks import e2e, extract, sink


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Add ``bench extract``, ``bench e2e`` and ``bench sink``."""
    parser = subparsers.add_parser("bench", help="measure extraction and pipeline speed")
    kinds = parser.add_subparsers(dest="bench", metavar="KIND", required=True)
    for name, module, help_text in (
        ("extract", extract, "engine vs bare spaCy on one core, and the pre-filter gain"),
        ("e2e", e2e, "articles/s and latency through the local Kafka broker"),
        ("sink", sink, "events/s from the event topic into the event store"),
    ):
        kind = kinds.add_parser(name, help=help_text)
        module.add_arguments(kind)
        kind.set_defaults(handler=module.run)
