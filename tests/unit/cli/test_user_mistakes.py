"""Mistakes a user makes on the command line are one line on stderr and a non-zero exit."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from services.cli.main import main
from services.processes.worker import free_port
from services.settings import get_settings


@pytest.fixture(autouse=True)
def fresh_settings(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """Settings read again from this test's environment, with no ``.env`` of the checkout."""
    monkeypatch.chdir(tmp_path)
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def one_error_line(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert "Traceback" not in err
    [line] = err.strip().splitlines()
    assert line.startswith("dipstream: error: ")
    return line


def test_deeply_nested_json_to_extract_is_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    nested = tmp_path / "deep.json"
    nested.write_text('{"id": "a", "text": "t", "x": ' + "[" * 100_000)
    assert main(["extract", "--input", str(nested)]) == 1
    assert "nested more than 64 levels" in one_error_line(capsys)


def test_a_list_setting_that_is_not_json_is_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DIPSTREAM_ACTOR_DATA_DIRS", "notjson")
    assert main(["topics", "list"]) == 1
    assert "actor_data_dirs" in one_error_line(capsys)


def test_an_invalid_web_port_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_request:
        main(["worker", "--web-port", "99999"])
    assert exit_request.value.code == 2
    assert "not a port" in one_error_line(capsys)


def test_a_busy_web_port_is_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        port = listener.getsockname()[1]
        assert main(["worker", "--web-port", str(port)]) == 1
    assert "in use" in one_error_line(capsys)


def test_a_worker_with_the_broker_down_is_one_line_and_makes_its_data_folder(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("DIPSTREAM_KAFKA_BOOTSTRAP_SERVERS", f"127.0.0.1:{free_port()}")
    monkeypatch.setenv("DIPSTREAM_WEB_PORT", str(free_port()))
    assert main(["worker"]) == 1
    assert "cannot reach Kafka" in one_error_line(capsys)
    assert (tmp_path / "var" / "worker").is_dir()
