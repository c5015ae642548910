"""Fixtures shared by every test."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

SHARED_ENV = "DIPSTREAM_SHARED"

# The worker fixtures are a plugin of the test modules that also import its helpers; marked
# here, before any of them is imported, its asserts are rewritten like a test module's.
pytest.register_assert_rewrite("tests.integration.workers")


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
