"""Reads articles from files, folders and stdin, as the Kafka messages they become.

JSON and JSONL inputs keep their bytes exactly as written (one message per ``.json`` file, or
per item when it holds a list; one per non-blank ``.jsonl`` line); a text file becomes
``{"id": <file stem>, "text": <content>}``.
Inputs that cannot become a message are yielded as :class:`SkippedInput` with the reason, so
the caller reports them instead of losing them silently.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any, BinaryIO

from pydantic import ValidationError

from schemas import Article
from services.processor.json_depth import MAX_JSON_DEPTH, exceeds_depth

STDIN = "-"
FOLDER_SUFFIXES = (".txt", ".json", ".jsonl")


class InputFormat(StrEnum):
    """How to read an input; ``auto`` decides by file suffix (and by content for stdin)."""

    AUTO = "auto"
    TEXT = "text"
    JSON = "json"
    JSONL = "jsonl"


@dataclass(frozen=True)
class ArticleMessage:
    """One message to send: the article id as key (when there is one) and the value bytes."""

    origin: str
    key: bytes | None
    value: bytes


@dataclass(frozen=True)
class SkippedInput:
    """An input that cannot become a message, and why."""

    origin: str
    reason: str


ReadOutcome = ArticleMessage | SkippedInput


def read_inputs(
    inputs: Sequence[str], input_format: InputFormat, stdin: BinaryIO
) -> Iterator[ReadOutcome]:
    """Every message (or skipped input) of ``inputs``: files, folders or ``-`` for stdin."""
    for name in inputs:
        if name == STDIN:
            yield from _read_content("stdin", "stdin", stdin.read(), input_format)
            continue
        path = Path(name)
        if path.is_dir():
            for file in _folder_files(path):
                yield from _read_file(file, input_format)
        elif path.is_file():
            yield from _read_file(path, input_format)
        else:
            yield SkippedInput(name, "no such file or folder")


def parse_article(message: ArticleMessage) -> Article:
    """The article a message carries; raises :class:`ValueError` with one readable line."""
    try:
        document = _loads(message.value)
    except ValueError as error:
        raise ValueError(f"invalid JSON: {error}") from None
    if not isinstance(document, dict):
        raise ValueError("invalid article: expected a JSON object with at least 'id' and 'text'")
    try:
        return Article.model_validate(document)
    except ValidationError as error:
        first = error.errors()[0]
        field = ".".join(str(part) for part in first["loc"]) or "article"
        if first["type"] == "missing":
            raise ValueError(f"invalid article: {field} is missing") from None
        detail = str(first["msg"]).removeprefix("Value error, ")
        if not detail.startswith(field):
            detail = f"{field}: {detail}"
        raise ValueError(f"invalid article: {detail}") from None


def _loads(content: str | bytes) -> Any:
    """``json.loads``, refusing with a ValueError what nests deeper than a record may."""
    raw = content.encode() if isinstance(content, str) else content
    if exceeds_depth(raw):
        raise ValueError(f"JSON nested more than {MAX_JSON_DEPTH} levels deep")
    return json.loads(content)


def _folder_files(folder: Path) -> list[Path]:
    return sorted(
        file
        for file in folder.rglob("*")
        if file.is_file()
        and file.suffix.lower() in FOLDER_SUFFIXES
        and not any(part.startswith(".") for part in file.relative_to(folder).parts)
    )


def _read_file(path: Path, input_format: InputFormat) -> Iterator[ReadOutcome]:
    try:
        content = path.read_bytes()
    except OSError as error:
        yield SkippedInput(str(path), f"cannot read: {error.strerror}")
        return
    yield from _read_content(str(path), path.stem, content, _file_format(path, input_format))


def _file_format(path: Path, input_format: InputFormat) -> InputFormat:
    if input_format is not InputFormat.AUTO:
        return input_format
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        return InputFormat.JSONL
    if suffix == ".json":
        return InputFormat.JSON
    return InputFormat.TEXT


def _read_content(
    origin: str, text_id: str, content: bytes, input_format: InputFormat
) -> Iterator[ReadOutcome]:
    if input_format is InputFormat.AUTO:
        input_format = _detect_format(content)
    if input_format is InputFormat.JSONL:
        yield from _jsonl_messages(origin, content)
    elif input_format is InputFormat.JSON:
        yield from _json_messages(origin, content.strip())
    else:
        yield _text_message(origin, text_id, content)


def _detect_format(content: bytes) -> InputFormat:
    # Content that opens with "{" or "[" is JSON: whole if it parses whole, else one per line.
    if not content.lstrip().startswith((b"{", b"[")):
        return InputFormat.TEXT
    try:
        _loads(content)
    except ValueError:
        return InputFormat.JSONL
    return InputFormat.JSON


def _jsonl_messages(origin: str, content: bytes) -> Iterator[ReadOutcome]:
    for number, line in enumerate(content.splitlines(), start=1):
        if line.strip():
            yield _json_message(f"{origin}:{number}", line.strip())


def _json_messages(origin: str, content: bytes) -> Iterator[ReadOutcome]:
    # A JSON list is one message per item; anything else goes out as written.
    try:
        document = _loads(content)
    except ValueError:
        document = None
    if isinstance(document, list):
        for number, item in enumerate(document, start=1):
            value = json.dumps(item, ensure_ascii=False).encode()
            yield _json_message(f"{origin}[{number}]", value)
    else:
        yield _json_message(origin, content)


def _json_message(origin: str, value: bytes) -> ReadOutcome:
    if not value:
        return SkippedInput(origin, "empty")
    return ArticleMessage(origin, _article_id_key(value), value)


def _article_id_key(value: bytes) -> bytes | None:
    # The key is a convenience for partitioning: a value that is not a JSON object with a
    # string id still goes out (without a key) when the caller sends unvalidated messages.
    try:
        document = _loads(value)
    except ValueError:
        return None
    article_id = document.get("id") if isinstance(document, dict) else None
    return article_id.encode() if isinstance(article_id, str) and article_id else None


def _text_message(origin: str, text_id: str, content: bytes) -> ReadOutcome:
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError as error:
        return SkippedInput(origin, f"not UTF-8 text (byte {error.start})")
    if not text.strip():
        return SkippedInput(origin, "empty")
    value = json.dumps({"id": text_id, "text": text}, ensure_ascii=False).encode()
    return ArticleMessage(origin, text_id.encode(), value)
