"""Running the engine over the gold sets and gathering every score into one report."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from services.evaluation import gold_gsr, gold_plv
from services.evaluation.article_scoring import article_metrics
from services.evaluation.gold_samples import NEWS_DIR, OwnGold, load_news, load_samples
from services.evaluation.items import GoldArticle
from services.evaluation.metrics import (
    ReliabilityBin,
    agreement,
    dyad_recall,
    events_per_sentence,
    expected_calibration_error,
    macro_f1,
    no_event_precision,
    precision_recall_f1,
    ratio,
    reliability_bins,
    top1_accuracy,
    type_recall,
)
from services.evaluation.offline_extraction import BatchExtractor, extract_each
from services.evaluation.scoring import (
    country_pairs,
    field_accuracies,
    match_events,
    sentence_outcomes,
)

SET_NAMES = ("own", "news", "holdout", "gsr", "plv")
# The project's news gold: a development part, and a held-out part nobody tunes on.
NEWS_PARTS = {"news": NEWS_DIR / "dev", "holdout": NEWS_DIR / "holdout"}
SHARED_SETS: dict[str, tuple[Path, Callable[[Path, int | None], list[GoldArticle]]]] = {
    "gsr": (gold_gsr.RELATIVE_PATH, gold_gsr.load_gsr),
    "plv": (gold_plv.RELATIVE_PATH, gold_plv.load_plv),
}


@dataclass(frozen=True)
class SetReport:
    """Every score of one gold set; a metric is None when the set gives nothing to score."""

    name: str
    articles: int
    sentences: int
    seconds: float
    metrics: dict[str, float | None]
    reliability: list[ReliabilityBin]
    extraction_errors: dict[str, str] = field(default_factory=dict)
    event_fields: dict[str, float | None] = field(default_factory=dict)
    type_confusion: dict[str, int] = field(default_factory=dict)


def shared_path(shared: Path, name: str) -> Path:
    """Where gold set ``name`` lives under the shared folder."""
    return shared / SHARED_SETS[name][0]


def load_set(name: str, shared: Path | None, limit: int | None) -> list[GoldArticle] | OwnGold:
    """The gold of one set; the shared sets need ``shared`` (checked by the caller)."""
    if name == "own":
        return load_samples(limit=limit)
    if name in NEWS_PARTS:
        return load_news(NEWS_PARTS[name], limit)
    if shared is None:
        raise ValueError(f"gold set {name!r} needs the shared folder")
    relative, loader = SHARED_SETS[name]
    return loader(shared / relative, limit)


def evaluate_set(name: str, gold: list[GoldArticle] | OwnGold, engine: BatchExtractor) -> SetReport:
    """Extract from every article of the set and score the result."""
    articles = gold.articles if isinstance(gold, OwnGold) else gold
    started = time.perf_counter()
    extracted, errors = extract_each(engine, [item.article for item in articles])
    seconds = time.perf_counter() - started
    outcomes = sentence_outcomes(articles, extracted)
    countries, coded, _ = country_pairs(articles, extracted)
    bins = reliability_bins(outcomes)
    metrics: dict[str, float | None] = {
        "root_accuracy": top1_accuracy(outcomes),
        "root_macro_f1": macro_f1(outcomes),
        "type_recall": type_recall(outcomes),
        "dyad_recall": dyad_recall(outcomes),
        "actor_country_accuracy": agreement(list(countries)),
        "actor_country_coverage": ratio(len(countries), coded),
        "events_per_sentence": events_per_sentence(outcomes),
        "no_event_precision": no_event_precision(outcomes),
        "expected_calibration_error": expected_calibration_error(bins),
    }
    event_fields: dict[str, float | None] = {}
    confusion: dict[str, int] = {}
    if isinstance(gold, OwnGold):
        pairs = match_events(gold.events, articles, extracted)
        predicted = sum(len(events) for events in extracted)
        precision, recall, f1 = precision_recall_f1(len(pairs), predicted, len(gold.events))
        metrics |= {"event_precision": precision, "event_recall": recall, "event_f1": f1}
        event_fields = field_accuracies(pairs)
        whole = article_metrics([item.article.id for item in articles], gold.events, extracted)
        metrics |= whole.metrics
        # The held-out part shows its figures only: what the engine got wrong there stays unread.
        confusion = whole.type_confusion if name != "holdout" else {}
    return SetReport(
        name=name,
        articles=len(articles),
        sentences=len(outcomes),
        seconds=seconds,
        metrics=metrics,
        reliability=bins,
        extraction_errors=errors,
        event_fields=event_fields,
        type_confusion=confusion,
    )
