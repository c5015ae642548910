"""The engine's version, apart from the engine: a worker whose extraction processes hold the
engine tells it in its metrics and start-up line without importing spaCy itself.

Bump on any change that alters which events are found or how they are coded: it is part of
every event id, so consumers can tell re-extractions by a new engine from repeats.
"""

EXTRACTOR_VERSION = "dipstream-extractor/0.1.0"
