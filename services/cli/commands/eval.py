"""``dipstream eval``: score the extraction engine on the gold sets and write a JSON report."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from services.errors import UserError
from services.evaluation.items import GoldFormatError
from services.evaluation.offline_extraction import extractor_version, load_engine
from services.evaluation.report import render_table, report_document, write_report
from services.evaluation.run import SET_NAMES, SHARED_SETS, evaluate_set, load_set, shared_path
from services.settings import get_settings

DEFAULT_OUTPUT = Path("var/eval/report.json")


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Add ``eval``."""
    parser = subparsers.add_parser("eval", help="score the extractor on the gold sets")
    parser.add_argument(
        "--shared",
        type=Path,
        help="folder holding gold/plover_gsr and gold/plv (default: DIPSTREAM_SHARED)",
    )
    parser.add_argument(
        "--sets",
        type=_set_names,
        help=f"comma-separated gold sets among {','.join(SET_NAMES)} "
        "(default: all, or only the project's own sets when no shared folder is configured)",
    )
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="JSON report path")
    parser.add_argument("--limit", type=int, help="score at most N articles or sentences per set")
    parser.set_defaults(handler=_run)


def _set_names(value: str) -> tuple[str, ...]:
    names = tuple(dict.fromkeys(name.strip() for name in value.split(",") if name.strip()))
    unknown = [name for name in names if name not in SET_NAMES]
    if unknown or not names:
        named = ", ".join(unknown) if unknown else repr(value)
        raise argparse.ArgumentTypeError(
            f"unknown gold set {named}; choose among {','.join(SET_NAMES)}"
        )
    return names


def _chosen_sets(requested: tuple[str, ...] | None, shared: Path | None) -> tuple[str, ...]:
    if requested is not None:
        return requested
    if shared is None:
        print(
            "dipstream: no shared folder (--shared or DIPSTREAM_SHARED): scoring the project's "
            "own sets only",
            file=sys.stderr,
        )
        return tuple(name for name in SET_NAMES if name not in SHARED_SETS)
    return SET_NAMES


def _check_shared(names: tuple[str, ...], shared: Path | None) -> None:
    needed = [name for name in names if name in SHARED_SETS]
    if not needed:
        return
    if shared is None:
        raise UserError(
            f"gold set(s) {','.join(needed)} need the shared folder: pass --shared PATH "
            "or set DIPSTREAM_SHARED"
        )
    for name in needed:
        path = shared_path(shared, name)
        if not path.is_file():
            raise UserError(f"gold set {name}: {path} not found")


def _run(args: argparse.Namespace) -> int:
    settings = get_settings()
    if args.limit is not None and args.limit < 1:
        raise UserError("--limit must be a positive number")
    shared: Path | None = args.shared or settings.shared
    names = _chosen_sets(args.sets, shared)
    _check_shared(names, shared)
    try:
        golds = {name: load_set(name, shared, args.limit) for name in names}
    except (GoldFormatError, OSError) as error:
        raise UserError(str(error)) from error
    engine = load_engine(settings)
    reports = [evaluate_set(name, gold, engine) for name, gold in golds.items()]
    print(render_table(reports))
    for report in reports:
        if report.extraction_errors:
            article_id, failure = next(iter(report.extraction_errors.items()))
            print(
                f"dipstream: warning: the engine failed on {len(report.extraction_errors)} "
                f"{report.name} article(s), scored as no event; first: {article_id}: {failure}",
                file=sys.stderr,
            )
    write_report(report_document(reports, extractor_version()), args.output)
    print(f"\nreport written to {args.output}")
    return 0
