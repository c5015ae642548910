"""Fixtures of the place tests."""

from __future__ import annotations

import pytest

from services.extraction.places import PlaceGazetteer


@pytest.fixture(scope="session")
def gazetteer() -> PlaceGazetteer:
    return PlaceGazetteer.load()
