"""JSON log lines: one object per line, with the record's position when one is given."""

from __future__ import annotations

import io
import json
import logging
import logging.config
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from services.processor.json_logs import JsonLogFormatter, json_logging_config, record_position
from services.processor.records import InputRecord

RECORD = InputRecord(
    topic="articles.raw",
    partition=3,
    offset=1042,
    key=b"a-1",
    value=b"{}",
    headers=(),
    timestamp=datetime(2026, 1, 2, tzinfo=UTC),
)


@pytest.fixture
def log_lines() -> Iterator[tuple[logging.Logger, io.StringIO]]:
    """A logger whose output, formatted as JSON, goes to a string buffer."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonLogFormatter())
    logger = logging.getLogger("tests.json_logs")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    yield logger, stream
    logger.removeHandler(handler)


def _lines(stream: io.StringIO) -> list[dict[str, object]]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]


def test_a_line_has_time_level_logger_message_and_the_record_position(
    log_lines: tuple[logging.Logger, io.StringIO],
) -> None:
    logger, stream = log_lines
    logger.warning("extraction failed on %s", "a-1", extra=record_position(RECORD))

    (line,) = _lines(stream)
    assert line["level"] == "warning"
    assert line["logger"] == "tests.json_logs"
    assert line["message"] == "extraction failed on a-1"
    assert (line["topic"], line["partition"], line["offset"]) == ("articles.raw", 3, 1042)
    assert datetime.fromisoformat(str(line["time"])).tzinfo is not None


def test_a_traceback_stays_inside_its_line(log_lines: tuple[logging.Logger, io.StringIO]) -> None:
    logger, stream = log_lines
    try:
        raise ValueError("bad\nvalue")
    except ValueError:
        logger.exception("coding failed")

    (line,) = _lines(stream)
    assert "ValueError: bad" in str(line["exception"])
    assert "topic" not in line


def test_fields_that_are_not_json_are_written_as_text(
    log_lines: tuple[logging.Logger, io.StringIO],
) -> None:
    logger, stream = log_lines
    logger.info("state", extra={"seen_at": datetime(2026, 1, 2, tzinfo=UTC)})

    assert _lines(stream)[0]["seen_at"] == "2026-01-02 00:00:00+00:00"


def test_the_configuration_sends_every_logger_through_the_formatter() -> None:
    config = json_logging_config("warning")

    assert config["root"] == {"level": "WARNING", "handlers": ["stdout"]}
    assert config["formatters"]["json"]["()"] is JsonLogFormatter
