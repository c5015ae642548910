"""``dipstream eval``: the own set without the shared folder, and clear errors without it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from services.cli.main import main
from services.settings import get_settings


@pytest.fixture
def fresh_settings() -> Iterator[None]:
    """Settings re-read from the environment this test sets."""
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def test_own_set_runs_without_the_shared_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "report.json"
    assert main(["eval", "--sets", "own", "--limit", "3", "--output", str(output)]) == 0
    report = json.loads(output.read_text(encoding="utf-8"))
    own = report["sets"]["own"]
    assert own["articles"] == 3
    assert set(own["metrics"]) >= {"root_accuracy", "root_macro_f1", "event_f1", "dyad_recall"}
    assert len(own["reliability"]) == 10
    assert "root_accuracy" in capsys.readouterr().out


def test_shared_set_with_a_missing_folder_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nowhere"
    assert main(["eval", "--sets", "own,plv", "--shared", str(missing)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert str(missing / "gold" / "plv" / "PLV_train.tsv") in err


def test_shared_folder_comes_from_dipstream_shared(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    fresh_settings: None,
) -> None:
    monkeypatch.setenv("DIPSTREAM_SHARED", str(tmp_path))
    assert main(["eval", "--sets", "gsr"]) == 1
    assert str(tmp_path / "gold" / "plover_gsr") in capsys.readouterr().err


def test_unknown_set_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["eval", "--sets", "own,acled"])
    assert exit_info.value.code == 2
    assert "unknown gold set acled" in capsys.readouterr().err
