"""The project's own gold: the sample articles and the news articles, annotated exhaustively.

``samples/articles.jsonl`` with ``samples/gold.jsonl`` are short wire items; ``samples/news/``
holds realistic full-length articles, one JSON file each (``{"article": ..., "events": [...]}``,
the events in the fields of ``gold.jsonl``), in a development part and a held-out part.

Sentences are found by the samples' own convention (see ``samples/README.md``): a sentence ends
with ``.``, ``!`` or ``?``, perhaps a closing quote, then white space. A sentence that only
re-mentions an event stated elsewhere is not scored per sentence (either reading would be right).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from schemas import Article, PloverRoot
from services.evaluation.items import GoldActor, GoldArticle, GoldFormatError, GoldSentence

SAMPLES_DIR = Path(__file__).resolve().parents[2] / "samples"
NEWS_DIR = SAMPLES_DIR / "news"
_SENTENCE_BREAK = re.compile(r"[.!?][\"\u201d]?(\s+)(?=\S)")


@dataclass(frozen=True)
class GoldEvent:
    """One expected event of a sample article, for event-level scoring."""

    article_id: str
    spans: tuple[tuple[int, int], ...]  # its sentence first, then the sentences re-mentioning it
    roots: frozenset[PloverRoot]
    event_type: PloverRoot
    mode: str | None
    source: GoldActor
    target: GoldActor | None
    status: str
    reciprocal: bool
    time_start: date | None
    time_precision: str | None
    location_country: str | None
    reported_by_country: str | None


@dataclass(frozen=True)
class OwnGold:
    """The sample articles with their scored sentences, and their expected events."""

    articles: list[GoldArticle]
    events: list[GoldEvent]


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of a sample article."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_BREAK.finditer(text):
        spans.append((start, match.start(1)))
        start = match.end(1)
    spans.append((start, len(text)))
    return spans


def load_samples(folder: Path = SAMPLES_DIR, limit: int | None = None) -> OwnGold:
    """The sample articles (at most ``limit``) and their gold events."""
    articles = [Article.model_validate(row) for row in _read_jsonl(folder / "articles.jsonl")]
    articles = articles[:limit] if limit is not None else articles
    by_id = {article.id: article for article in articles}
    events = [
        _gold_event(row, by_id[row["article_id"]])
        for row in _read_jsonl(folder / "gold.jsonl")
        if row["article_id"] in by_id
    ]
    return OwnGold([_scored_article(article, events) for article in articles], events)


def load_news(folder: Path, limit: int | None = None) -> OwnGold:
    """The news articles of one part of ``samples/news`` (at most ``limit``), by file name."""
    if not folder.is_dir():
        raise GoldFormatError(f"{folder}: no such folder of news gold")
    articles: list[Article] = []
    events: list[GoldEvent] = []
    for path in sorted(folder.glob("*.json"))[:limit]:
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
            article = Article.model_validate(document["article"])
            rows = document["events"]
        except (json.JSONDecodeError, KeyError, ValueError) as error:
            raise GoldFormatError(f"{path}: {error}") from error
        articles.append(article)
        events.extend(_gold_event(row, article) for row in rows)
    return OwnGold([_scored_article(article, events) for article in articles], events)


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if line.strip():
                try:
                    rows.append(json.loads(line))
                except json.JSONDecodeError as error:
                    raise GoldFormatError(f"{path}: line {number}: {error.msg}") from error
    return rows


def _span_of(sentence: str, article: Article) -> tuple[int, int]:
    start = article.text.find(sentence)
    if start < 0 or (start, start + len(sentence)) not in sentence_spans(article.text):
        raise GoldFormatError(f"{article.id}: gold sentence is not a sentence of it: {sentence!r}")
    return start, start + len(sentence)


def _actor(raw: dict[str, Any] | None) -> GoldActor | None:
    return GoldActor(text=raw["text"], country=raw["country"]) if raw else None


def _gold_event(row: dict[str, Any], article: Article) -> GoldEvent:
    try:
        event_type = PloverRoot(row["event_type"])
        accepted = frozenset({event_type, *(PloverRoot(root) for root in row["also_accept"])})
        source = _actor(row["source"])
    except (KeyError, ValueError) as error:
        raise GoldFormatError(f"{article.id}: bad gold line: {error}") from error
    if source is None:
        raise GoldFormatError(f"{article.id}: gold event without a source")
    time = row.get("time") or {}
    start = time.get("start")
    return GoldEvent(
        article_id=article.id,
        spans=tuple(_span_of(text, article) for text in [row["sentence"], *row["mentions"]]),
        roots=accepted,
        event_type=event_type,
        mode=row.get("event_mode"),
        source=source,
        target=_actor(row.get("target")),
        status=row["status"],
        reciprocal=bool(row.get("reciprocal")),
        time_start=date.fromisoformat(start[:10]) if start else None,
        time_precision=time.get("precision"),
        location_country=(row.get("location") or {}).get("country"),
        reported_by_country=(row.get("reported_by") or {}).get("country"),
    )


def _scored_article(article: Article, events: list[GoldEvent]) -> GoldArticle:
    own = [event for event in events if event.article_id == article.id]
    mentioned_only = {span for event in own for span in event.spans[1:]}
    sentences: list[GoldSentence] = []
    for number, (start, end) in enumerate(sentence_spans(article.text)):
        stated = [event for event in own if event.spans[0] == (start, end)]
        if not stated and (start, end) in mentioned_only:
            continue
        sentences.append(
            GoldSentence(
                item_id=f"{article.id}#{number}",
                start=start,
                end=end,
                roots=frozenset(root for event in stated for root in event.roots),
                label=stated[0].event_type if stated else None,
                sources=tuple(event.source for event in stated),
                targets=tuple(event.target for event in stated if event.target),
            )
        )
    return GoldArticle(article, tuple(sentences))
