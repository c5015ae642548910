"""The extraction engine: from an article to coded diplomatic events (no Kafka here).

The folders follow the pipeline an article goes through: ``sentences`` (split, pre-filter,
parse), ``actors``, ``triggers``, ``events`` (roles, dyads, per-trigger steps, merging,
confidence, assembly), with ``status``, ``timex`` and ``places`` read for each event.
``ExtractionEngine`` (``engine.py``) loads everything once and runs it.

The engine, and spaCy with it, is imported on first use of ``ExtractionEngine``, not with the
package: a worker whose extraction processes hold the engine imports the package only for its
version and the budget's error, and spaCy would cost it about 60 MB of its own for nothing.
"""

from typing import TYPE_CHECKING, Any

from services.extraction.version import EXTRACTOR_VERSION

if TYPE_CHECKING:
    from services.extraction.engine import ExtractionEngine

__all__ = ["EXTRACTOR_VERSION", "ExtractionEngine"]


def __getattr__(name: str) -> Any:
    if name == "ExtractionEngine":
        from services.extraction.engine import ExtractionEngine

        return ExtractionEngine
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
