"""The engine the evaluation tests score, loaded once per session."""

from __future__ import annotations

import pytest

from services.extraction import ExtractionEngine


@pytest.fixture(scope="session")
def engine() -> ExtractionEngine:
    """The engine with its shipped model and data, no confidence threshold."""
    return ExtractionEngine.load()
