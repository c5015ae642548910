"""The engine's data, read once: every YAML file under ``data/`` passes through here into
typed records, which ``ExtractionEngine.load`` hands down to the components that use them, so
that no module keeps a cache of its own and a test can build any component from a fixture."""

from __future__ import annotations

from dataclasses import dataclass

from services.extraction.places.finder import PlaceWords, load_place_words
from services.extraction.sentences.prefilter import load_ambiguous_forms
from services.extraction.status.cues import Cues, load_cues
from services.extraction.timex.tense import TenseCues, load_tense_cues
from services.extraction.timex.vocabulary import TimeVocabulary, load_vocabulary
from services.extraction.triggers.codebook import Codebook
from services.extraction.triggers.modality import ModalityRules


@dataclass(frozen=True)
class EngineData:
    """The shipped data the engine's components are built from."""

    cues: Cues
    codebook: Codebook
    ambiguous_forms: frozenset[str]
    time_vocabulary: TimeVocabulary
    tense_cues: TenseCues
    modality: ModalityRules
    place_words: PlaceWords


def load_engine_data() -> EngineData:
    """Read the shipped data files; a malformed file is a ValueError naming it."""
    codebook = Codebook.load()
    return EngineData(
        cues=load_cues(),
        codebook=codebook,
        ambiguous_forms=load_ambiguous_forms(),
        time_vocabulary=load_vocabulary(),
        tense_cues=load_tense_cues(),
        modality=ModalityRules.load(codebook),
        place_words=load_place_words(),
    )
