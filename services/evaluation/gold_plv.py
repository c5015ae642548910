"""The PLV gold set: real news sentences with a gold root and source and target spans.

Only the gold columns are read (``sentence``, ``source``, ``target``, ``gold_root``, and
``marked_sentence`` when present, for whether a target is tagged at all); the
``silver_*``, ``*_L1``, ``*_L2``, ``prompt_*`` and ``modality_L2`` columns are model outputs.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

from services.evaluation.items import (
    GoldActor,
    GoldArticle,
    GoldFormatError,
    single_sentence_article,
)

RELATIVE_PATH = Path("gold/plv/PLV_train.tsv")
_COLUMNS = ("sentence_id", "sentence", "source", "target", "gold_root")


def load_plv(path: Path, limit: int | None = None) -> list[GoldArticle]:
    """One single-sentence article per row of ``PLV_train.tsv``."""
    # Some sentences are long quotations; the default field limit is 128 KiB.
    csv.field_size_limit(sys.maxsize)
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t")
        missing = [name for name in _COLUMNS if name not in (rows.fieldnames or ())]
        if missing:
            raise GoldFormatError(f"{path}: missing column(s) {', '.join(missing)}")
        articles: list[GoldArticle] = []
        for row in rows:
            if limit is not None and len(articles) >= limit:
                break
            if any(row[name] is None for name in _COLUMNS):
                raise GoldFormatError(f"{path}: line {rows.line_num}: missing fields")
            text = row["sentence"].strip()
            if not text:
                continue
            try:
                label = row["gold_root"].strip()
                article = single_sentence_article(
                    item_id=f"plv-{row['sentence_id']}",
                    text=text,
                    label=label,
                    sources=(GoldActor(row["source"].strip()),),
                    targets=_targets(row),
                )
            except ValueError as error:
                raise GoldFormatError(f"{path}: line {rows.line_num}: {error}") from error
            articles.append(article)
    return articles


def _targets(row: dict[str, str]) -> tuple[GoldActor, ...]:
    """The gold target, or none when the marked sentence tags none: the ``target`` column then
    holds a placeholder ("a recipient") that names no one in the sentence."""
    marked = row.get("marked_sentence")
    if marked is not None and "<t>" not in marked:
        return ()
    return (GoldActor(row["target"].strip()),)
