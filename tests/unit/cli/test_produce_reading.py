"""How ``dipstream produce`` turns files, folders and stdin into messages."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from services.cli.article_files import (
    ArticleMessage,
    InputFormat,
    ReadOutcome,
    SkippedInput,
    parse_article,
    read_inputs,
)


def _read(
    *inputs: str, input_format: InputFormat = InputFormat.AUTO, stdin: bytes = b""
) -> list[ReadOutcome]:
    return list(read_inputs(list(inputs), input_format, io.BytesIO(stdin)))


def test_a_folder_is_read_recursively_keeping_json_bytes(tmp_path: Path) -> None:
    (tmp_path / "deeper").mkdir()
    (tmp_path / "deeper" / "two.jsonl").write_text(
        '{"id": "b", "text": "B."}\n\n{"id":"c","text":"C."}\n'
    )
    (tmp_path / "one.json").write_text('{"id": "a",\n "text": "A."}\n')
    (tmp_path / "skip.md").write_text("ignored")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "x.txt").write_text("ignored too")

    outcomes = _read(str(tmp_path))

    assert outcomes == [
        ArticleMessage(f"{tmp_path}/deeper/two.jsonl:1", b"b", b'{"id": "b", "text": "B."}'),
        ArticleMessage(f"{tmp_path}/deeper/two.jsonl:3", b"c", b'{"id":"c","text":"C."}'),
        ArticleMessage(f"{tmp_path}/one.json", b"a", b'{"id": "a",\n "text": "A."}'),
    ]


def test_a_text_file_becomes_an_article_named_after_its_stem(tmp_path: Path) -> None:
    path = tmp_path / "talks-resume.txt"
    path.write_text("Ruritania and Freedonia resumed talks.\n")

    [outcome] = _read(str(path))

    assert isinstance(outcome, ArticleMessage)
    assert outcome.key == b"talks-resume"
    assert json.loads(outcome.value) == {
        "id": "talks-resume",
        "text": "Ruritania and Freedonia resumed talks.\n",
    }


def test_the_format_option_overrides_the_suffix(tmp_path: Path) -> None:
    path = tmp_path / "article.json"
    path.write_text('{"id": "x"}')

    [outcome] = _read(str(path), input_format=InputFormat.TEXT)

    assert isinstance(outcome, ArticleMessage)
    assert json.loads(outcome.value) == {"id": "article", "text": '{"id": "x"}'}


@pytest.mark.parametrize(
    ("content", "reason"),
    [(b"\xff\xfe not utf-8", "not UTF-8 text (byte 0)"), (b"  \n", "empty")],
)
def test_unusable_text_files_are_skipped_with_the_reason(
    tmp_path: Path, content: bytes, reason: str
) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)

    assert _read(str(path)) == [SkippedInput(str(path), reason)]


def test_a_missing_path_is_skipped_not_fatal(tmp_path: Path) -> None:
    missing = str(tmp_path / "nowhere")

    assert _read(missing) == [SkippedInput(missing, "no such file or folder")]


def test_stdin_lines_of_json_are_read_as_jsonl() -> None:
    outcomes = _read("-", stdin=b'{"id": "1", "text": "A."}\n{"id": "2", "text": "B."}\n')

    assert [(o.origin, o.key) for o in outcomes if isinstance(o, ArticleMessage)] == [
        ("stdin:1", b"1"),
        ("stdin:2", b"2"),
    ]


def test_stdin_with_one_pretty_printed_object_is_one_message() -> None:
    document = b'{\n  "id": "p",\n  "text": "Pretty."\n}\n'

    assert _read("-", stdin=document) == [ArticleMessage("stdin", b"p", document.strip())]


def test_stdin_prose_is_one_text_article() -> None:
    [outcome] = _read("-", stdin=b"Freedonia recalled its ambassador.")

    assert isinstance(outcome, ArticleMessage)
    assert json.loads(outcome.value)["id"] == "stdin"


def test_a_line_that_is_not_json_still_becomes_a_message_without_a_key(tmp_path: Path) -> None:
    path = tmp_path / "broken.jsonl"
    path.write_text("{not json\n")

    assert _read(str(path)) == [ArticleMessage(f"{path}:1", None, b"{not json")]


def test_parse_article_names_the_problem_in_one_line() -> None:
    message = ArticleMessage("x", b"a", b'{"id": "a", "text": "   "}')

    with pytest.raises(ValueError, match=r"^invalid article: text is empty$"):
        parse_article(message)


def test_parse_article_accepts_a_valid_article() -> None:
    message = ArticleMessage("x", b"a", b'{"id": "a", "body": "Talks resumed."}')

    assert parse_article(message).text == "Talks resumed."


def test_a_json_list_is_one_message_per_item(tmp_path: Path) -> None:
    path = tmp_path / "two.json"
    path.write_text('[{"id": "a", "text": "A."}, {"id": "b", "text": "B."}]')

    assert _read(str(path)) == [
        ArticleMessage(f"{path}[1]", b"a", b'{"id": "a", "text": "A."}'),
        ArticleMessage(f"{path}[2]", b"b", b'{"id": "b", "text": "B."}'),
    ]
