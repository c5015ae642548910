"""``dipstream extract``: inputs it reads, outputs it writes, and one-line errors."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
import pytest

from schemas import DiplomaticEvent
from services.cli.main import main

CALL = (
    "German Chancellor Friedrich Merz and French President Emmanuel Macron "
    "held talks in Paris on Monday."
)
WEATHER = "Light rain is expected in the hills tomorrow, with sunny spells later."


def jsonl(*rows: dict[str, object]) -> str:
    return "".join(json.dumps(row) + "\n" for row in rows)


def events_of(output: str) -> list[DiplomaticEvent]:
    return [DiplomaticEvent.model_validate_json(line) for line in output.splitlines() if line]


def test_jsonl_on_stdin_gives_one_event_per_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    articles = jsonl(
        {"id": "call-1", "text": CALL, "published_at": "2025-06-03T09:00:00Z"},
        {"id": "rain-1", "text": WEATHER},
    )
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(articles.encode())))
    assert main(["extract", "--input", "-", "--output", "jsonl"]) == 0
    events = events_of(capsys.readouterr().out)
    assert events
    assert {event.article_id for event in events} == {"call-1"}
    assert any(event.event_type == "CONSULT" for event in events)


def test_text_files_in_a_folder_take_their_stem_as_id(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "paris-talks.txt").write_text(CALL, encoding="utf-8")
    (tmp_path / "notes.md").write_text("ignored: not an input suffix", encoding="utf-8")
    code = main(
        ["extract", "--input", str(tmp_path), "--published-at", "2025-06-03T09:00:00+02:00"]
    )
    assert code == 0
    events = events_of(capsys.readouterr().out)
    assert {event.article_id for event in events} == {"paris-talks"}
    assert all(event.published_at is not None for event in events)


def test_json_list_and_table_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "batch.json"
    path.write_text(json.dumps([{"id": "x", "text": CALL}, {"id": "y", "text": WEATHER}]))
    assert main(["extract", "--input", str(path), "--output", "table"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].split()[:3] == ["who", "what", "whom"]
    assert "CONSULT" in out
    assert out.rstrip().endswith("event(s)")


def test_min_confidence_drops_less_certain_events(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "call.txt"
    path.write_text(f"{CALL} Chile accused Peru of spying.", encoding="utf-8")
    assert main(["extract", "--input", str(path), "--min-confidence", "0"]) == 0
    everything = events_of(capsys.readouterr().out)
    best = max(event.confidence for event in everything)
    assert main(["extract", "--input", str(path), "--min-confidence", str(best)]) == 0
    kept = events_of(capsys.readouterr().out)
    assert kept
    assert all(event.confidence >= best for event in kept)
    assert len(kept) == sum(event.confidence >= best for event in everything)


@pytest.mark.parametrize(
    ("content", "suffix", "message"),
    [
        (jsonl({"id": "a", "text": CALL}) + "{not json\n", ".jsonl", ".jsonl:2: invalid JSON"),
        (
            jsonl({"id": "a", "text": CALL}, {"id": "b", "text": "  "}),
            ".jsonl",
            ".jsonl:2: invalid article: text is empty",
        ),
        (jsonl({"text": CALL}), ".jsonl", ".jsonl:1: invalid article: id is missing"),
        ('{"id": "a", "text": ', ".json", ".json: invalid JSON: Expecting value"),
        ("[1, 2]", ".json", ".json[1]: invalid article: expected a JSON object"),
    ],
)
def test_bad_input_is_one_line_on_stderr(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    content: str,
    suffix: str,
    message: str,
) -> None:
    path = tmp_path / f"input{suffix}"
    path.write_text(content, encoding="utf-8")
    assert main(["extract", "--input", str(path)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1
    assert message in captured.err


def test_missing_file_and_bad_flags_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["extract", "--input", str(tmp_path / "absent.jsonl")]) == 1
    assert "no such file or folder" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_info:
        main(["extract", "--input", "-", "--published-at", "2025-06-03 09:00"])
    assert exit_info.value.code == 2
    assert "no UTC offset" in capsys.readouterr().err


def test_empty_folder_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", "--input", str(tmp_path)]) == 1
    assert "no article found" in capsys.readouterr().err


def test_the_table_shows_country_codes_and_resolved_dates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "call.jsonl"
    path.write_text(jsonl({"id": "call-1", "text": CALL, "published_at": "2025-06-04T09:00:00Z"}))
    assert main(["extract", "--input", str(path), "--output", "table"]) == 0
    out = capsys.readouterr().out
    # "on Monday" before Wednesday 4 June 2025 is 2 June.
    assert "[DEU]" in out
    assert "[FRA]" in out
    assert "2025-06-02/day" in out
    assert "Monday" not in out.split("\n", 2)[2]


@pytest.mark.parametrize("output", ["csv", "parquet"])
def test_csv_and_parquet_output_hold_the_export_columns(tmp_path: Path, output: str) -> None:
    path = tmp_path / "call.jsonl"
    path.write_text(jsonl({"id": "call-1", "text": CALL, "published_at": "2025-06-04T09:00:00Z"}))
    target = tmp_path / f"events.{output}"
    args = ["extract", "--input", str(path), "--output", output, "--columns", "gdelt"]
    assert main([*args, "--file", str(target)]) == 0
    if output == "csv":
        frame = pd.read_csv(target, dtype={"EventCode": str, "EventRootCode": str})
    else:
        frame = pd.read_parquet(target)
    consult = frame[frame["EventRootCode"] == "04"]
    assert not consult.empty
    assert set(consult["SQLDATE"]) == {20250602}
    assert {"DEU", "FRA"} <= set(consult["Actor1CountryCode"]) | set(consult["Actor2CountryCode"])


def test_parquet_needs_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "call.txt"
    path.write_text(CALL, encoding="utf-8")
    assert main(["extract", "--input", str(path), "--output", "parquet"]) == 1
    assert "--file" in capsys.readouterr().err
