"""The PLOVER GSR gold set: CAMEO-manual sentences with coded actors (old PLOVER names)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from services.evaluation.items import (
    GoldActor,
    GoldArticle,
    GoldFormatError,
    matching_rules,
    single_sentence_article,
)

RELATIVE_PATH = Path("gold/plover_gsr/PLOVER_GSR_CAMEO.txt")
_DOCUMENTATION_EVENT = "DOCUMENT"


def load_gsr(path: Path, limit: int | None = None) -> list[GoldArticle]:
    """One single-sentence article per GSR record, skipping the documentation record."""
    try:
        records = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise GoldFormatError(f"{path}: not JSON ({error})") from error
    if not isinstance(records, list):
        raise GoldFormatError(f"{path}: expected a JSON list of records")
    articles: list[GoldArticle] = []
    for number, record in enumerate(records, start=1):
        if limit is not None and len(articles) >= limit:
            break
        try:
            if record.get("event") == _DOCUMENTATION_EVENT or not record.get("text"):
                continue
            articles.append(
                single_sentence_article(
                    item_id=str(record["id"]),
                    text=str(record["text"]).strip(),
                    label=str(record["event"]),
                    sources=_actors(record.get("source")),
                    targets=_actors(record.get("target")),
                )
            )
        except (AttributeError, KeyError, TypeError, ValueError) as error:
            raise GoldFormatError(f"{path}: record {number}: {error!r}") from error
    return articles


def _actors(field: Any) -> tuple[GoldActor, ...]:
    """GSR actors are a list of {actorText, code, sector}, or "" / absent when there is none."""
    if not isinstance(field, list):
        return ()
    fixes = matching_rules().country_fixes
    return tuple(
        GoldActor(text=str(actor["actorText"]), country=fixes.get(code, code) if code else None)
        for actor in field
        for code in [actor.get("code")]
    )
