"""Event-trigger lexicon: which words and phrases signal which CAMEO/PLOVER event."""

from services.extraction.triggers.choice import best_trigger
from services.extraction.triggers.lexicon import TriggerLexicon
from services.extraction.triggers.matcher import TriggerMatch, TriggerMatcher
from services.extraction.triggers.modality import recode_for_modality

__all__ = [
    "TriggerLexicon",
    "TriggerMatch",
    "TriggerMatcher",
    "best_trigger",
    "recode_for_modality",
]
