"""``dipstream topics``: create dipstream's topics on the configured cluster, or list them."""

from __future__ import annotations

import argparse
from typing import Any

from services.broker import topics
from services.broker.errors import BrokerError
from services.errors import UserError
from services.settings import get_settings


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Add ``topics create`` and ``topics list``."""
    parser = subparsers.add_parser("topics", help="dipstream's Kafka topics")
    actions = parser.add_subparsers(dest="topics_action", metavar="ACTION", required=True)
    create = actions.add_parser("create", help="create the missing topics (existing ones are kept)")
    create.add_argument(
        "--partitions",
        type=int,
        default=None,
        help="partitions of each new topic (default: DIPSTREAM_TOPIC_PARTITIONS)",
    )
    create.set_defaults(handler=_create)
    listing = actions.add_parser("list", help="every topic on the cluster with its partitions")
    listing.set_defaults(handler=_list)


def _create(args: argparse.Namespace) -> int:
    settings = get_settings()
    if args.partitions is not None and args.partitions < 1:
        raise UserError(f"--partitions must be at least 1, not {args.partitions}")
    try:
        created = topics.create_topics(settings, partitions=args.partitions)
    except BrokerError as error:
        raise UserError(str(error)) from error
    for name in topics.topic_names(settings):
        print(f"{'created' if name in created else 'exists '}  {name}")
    return 0


def _list(_args: argparse.Namespace) -> int:
    try:
        partitions = topics.list_topics(get_settings())
    except BrokerError as error:
        raise UserError(str(error)) from error
    for name in sorted(partitions):
        print(f"{name}\t{partitions[name]} partitions")
    return 0
