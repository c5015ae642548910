"""The evaluation report: a readable table on the terminal and a JSON file."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from services.evaluation.run import SetReport

_PERCENT_METRICS = frozenset(
    {
        "root_accuracy",
        "root_macro_f1",
        "type_recall",
        "dyad_recall",
        "actor_country_accuracy",
        "actor_country_coverage",
        "no_event_precision",
        "event_precision",
        "event_recall",
        "event_f1",
        "article_event_precision",
        "article_event_recall",
        "article_event_f1",
        "typed_event_recall",
        "status_agreement",
        "time_day_agreement",
        "location_agreement",
        "both_countries_share",
    }
)


def _cell(name: str, value: float | None) -> str:
    if value is None:
        return "-"
    if name in _PERCENT_METRICS:
        return f"{100 * value:.1f}%"
    return f"{value:.3f}"


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    widths = [max(len(row[column]) for row in (header, *rows)) for column in range(len(header))]
    lines = [
        "  ".join(
            cell.ljust(width) if column == 0 else cell.rjust(width)
            for column, (cell, width) in enumerate(zip(row, widths, strict=True))
        )
        for row in (header, *rows)
    ]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


def render_table(reports: Sequence[SetReport]) -> str:
    """Metrics by gold set, then the field accuracies of the own set's matched events."""
    names = list(dict.fromkeys(name for report in reports for name in report.metrics))
    rows = [
        ["articles", *(str(report.articles) for report in reports)],
        ["sentences", *(str(report.sentences) for report in reports)],
        ["seconds", *(f"{report.seconds:.1f}" for report in reports)],
        ["engine errors", *(str(len(report.extraction_errors)) for report in reports)],
        *([name, *(_cell(name, report.metrics.get(name)) for report in reports)] for name in names),
    ]
    parts = [_table(["metric", *(report.name for report in reports)], rows)]
    for report in reports:
        if report.event_fields:
            field_rows = [
                [name, f"{100 * value:.1f}%" if value is not None else "-"]
                for name, value in report.event_fields.items()
            ]
            parts.append(_table([f"{report.name}: matched-event field", "agreement"], field_rows))
        if report.type_confusion:
            confusion_rows = [[pair, str(count)] for pair, count in report.type_confusion.items()]
            parts.append(_table([f"{report.name}: gold->engine type", "events"], confusion_rows))
    return "\n\n".join(parts)


def report_document(reports: Sequence[SetReport], extractor_version: str) -> dict[str, Any]:
    """The JSON document written by ``dipstream eval``."""
    return {
        "extractor_version": extractor_version,
        "seconds": sum(report.seconds for report in reports),
        "sets": {report.name: asdict(report) for report in reports},
    }


def write_report(document: dict[str, Any], path: Path) -> None:
    """Write the JSON report, creating its folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document, indent=2, sort_keys=True) + "\n", encoding="utf-8")
