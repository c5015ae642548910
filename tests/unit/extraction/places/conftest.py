"""Fixtures of the place tests."""

from __future__ import annotations

import pytest

from services.extraction.data_loader import EngineData
from services.extraction.places import PlaceGazetteer


@pytest.fixture(scope="session")
def gazetteer(engine_data: EngineData) -> PlaceGazetteer:
    return engine_data.places
