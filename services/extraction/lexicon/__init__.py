"""Event-trigger lexicon: which words and phrases signal which CAMEO/PLOVER event."""

from services.extraction.lexicon.choice import best_trigger
from services.extraction.lexicon.lexicon import TriggerLexicon
from services.extraction.lexicon.matcher import TriggerMatch, TriggerMatcher
from services.extraction.lexicon.modality import recode_for_modality

__all__ = [
    "TriggerLexicon",
    "TriggerMatch",
    "TriggerMatcher",
    "best_trigger",
    "recode_for_modality",
]
