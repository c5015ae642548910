"""Worker logs as one JSON object per line, for log shippers (``DIPSTREAM_LOG_FORMAT=json``).

Each line has ``time`` (RFC 3339, UTC), ``level``, ``logger`` and ``message``; a log call that
concerns one input record passes :func:`record_position` as ``extra`` and the line then also
has ``topic``, ``partition`` and ``offset``; other ``extra`` fields (the start-up line's) are
kept as they are. A traceback goes in ``exception`` as one string, never on lines of its own.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from typing import Any

from services.processor.records import InputRecord

# Attributes every LogRecord has: anything else on a record came in through ``extra``.
_STANDARD_ATTRIBUTES = frozenset(
    logging.LogRecord("", 0, "", 0, "", None, None).__dict__.keys() | {"message", "asctime"}
)


def record_position(record: InputRecord) -> dict[str, Any]:
    """``extra`` for a log call about one input record: where it is in Kafka."""
    return {"topic": record.topic, "partition": record.partition, "offset": record.offset}


class JsonLogFormatter(logging.Formatter):
    """Formats a log record as one line of JSON."""

    def format(self, record: logging.LogRecord) -> str:
        """The record as a JSON object on one line."""
        line: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        for name, value in record.__dict__.items():
            if name not in _STANDARD_ATTRIBUTES and not name.startswith("_"):
                line[name] = value
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        # default=str: an extra field that is not JSON (a path, a datetime) is still logged.
        return json.dumps(line, default=str, ensure_ascii=False)


def json_logging_config(level: str) -> dict[str, Any]:
    """A ``logging.config.dictConfig`` dictionary: every logger to stdout as JSON lines."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": JsonLogFormatter}},
        "handlers": {
            "stdout": {
                "class": "logging.StreamHandler",
                "formatter": "json",
                "stream": "ext://sys.stdout",
            }
        },
        "root": {"level": level.upper(), "handlers": ["stdout"]},
    }
