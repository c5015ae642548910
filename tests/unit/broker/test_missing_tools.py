"""Without java or mvn on the PATH, the broker commands say which tool is missing."""

from __future__ import annotations

from pathlib import Path

import pytest

from services.broker import local
from services.broker.errors import BrokerError
from services.broker.install import install
from services.settings import Settings


@pytest.fixture
def empty_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A PATH with no programs on it."""
    folder = tmp_path / "bin"
    folder.mkdir()
    monkeypatch.setenv("PATH", str(folder))


def test_up_without_java_names_the_missing_jdk(empty_path: None, tmp_path: Path) -> None:
    settings = Settings(_env_file=None, broker_home=tmp_path / "kafka")
    with pytest.raises(BrokerError, match="java not found on PATH: install a JDK 17"):
        local.up(settings)
    assert not (tmp_path / "kafka").exists()


def test_install_without_maven_names_it(empty_path: None, tmp_path: Path) -> None:
    settings = Settings(_env_file=None, broker_home=tmp_path / "kafka")
    with pytest.raises(BrokerError, match="mvn not found on PATH"):
        install(settings)
    assert not (tmp_path / "kafka" / "libs").exists()
