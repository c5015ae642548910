"""Fixtures shared by every test."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

SHARED_ENV = "DIPSTREAM_SHARED"


@pytest.fixture(scope="session")
def shared_file() -> Callable[[str], Path]:
    """A file under DIPSTREAM_SHARED: skips when unset, fails when the file is missing."""

    def locate(relative: str) -> Path:
        root = os.environ.get(SHARED_ENV)
        if not root:
            pytest.skip(f"{SHARED_ENV} is not set")
        path = Path(root) / relative
        if not path.exists():
            pytest.fail(f"{SHARED_ENV} is set but {path} is missing")
        return path

    return locate
