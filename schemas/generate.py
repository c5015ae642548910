"""Write the JSON Schema of every message model to ``schemas/json`` (``make schemas``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

from pydantic import BaseModel

from schemas import Article, DeadLetterHeaders, DiplomaticEvent, StoryAggregate

JSON_DIR = Path(__file__).parent / "json"
MODELS: dict[str, type[BaseModel]] = {
    "article": Article,
    "diplomatic_event": DiplomaticEvent,
    "dead_letter_headers": DeadLetterHeaders,
    "story_aggregate": StoryAggregate,
}


def render(model: type[BaseModel]) -> str:
    """The committed text of one model's JSON Schema."""
    # Input is validated against what producers may send; outputs are what we serialise.
    mode: Literal["validation", "serialization"] = (
        "validation" if model is Article else "serialization"
    )
    return json.dumps(model.model_json_schema(mode=mode), indent=2, sort_keys=True) + "\n"


def schema_path(name: str) -> Path:
    """Where the schema of the model registered as ``name`` is committed."""
    return JSON_DIR / f"{name}.schema.json"


def main() -> None:
    """Regenerate every schema file."""
    JSON_DIR.mkdir(exist_ok=True)
    for name, model in MODELS.items():
        schema_path(name).write_text(render(model), encoding="utf-8")


if __name__ == "__main__":
    main()
