"""The extraction engine: from an article to coded diplomatic events (no Kafka here).

The folders follow the pipeline an article goes through: ``sentences`` (split, pre-filter,
parse), ``actors``, ``triggers``, ``events`` (roles, dyads, per-trigger steps, merging,
confidence, assembly), with ``status``, ``timex`` and ``places`` read for each event.
``ExtractionEngine`` (``engine.py``) loads everything once and runs it.
"""

from services.extraction.engine import ExtractionEngine
from services.extraction.events.assembly import EXTRACTOR_VERSION

__all__ = ["EXTRACTOR_VERSION", "ExtractionEngine"]
