"""Scoring a whole article as an analyst reads it: which coded events are right, missing or extra.

Sentence scores hide what hurts on real news: one event coded once per sentence that mentions
it, events whose actors have no country, right types between the wrong actors. Here an engine
event is right when, anywhere in its article, it has a gold event's type (or an accepted one),
both of its actors (by country or by name; either order when the gold event is reciprocal) and
its status. Time and place are reported beside, over the events matched on type and actors.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from schemas import DiplomaticEvent
from services.evaluation.gold_samples import GoldEvent
from services.evaluation.metrics import precision_recall_f1, ratio
from services.evaluation.scoring import actor_matches, field_accuracies, status_agrees

Pair = tuple[GoldEvent, DiplomaticEvent]
MISSED = "none"


@dataclass(frozen=True)
class ArticleScores:
    """Article-level figures of one gold set; see ``article_metrics`` for their meaning."""

    metrics: dict[str, float | None]
    event_fields: dict[str, float | None]
    type_confusion: dict[str, int]


def actors_match(gold: GoldEvent, event: DiplomaticEvent) -> bool:
    """Both gold actors are the event's, in order or, for a reciprocal event, swapped."""
    straight = actor_matches(event.source, gold.source) and (
        gold.target is None or actor_matches(event.target, gold.target)
    )
    if straight or not gold.reciprocal or gold.target is None:
        return straight
    return actor_matches(event.target, gold.source) and actor_matches(event.source, gold.target)


def typed_match(gold: GoldEvent, event: DiplomaticEvent) -> bool:
    """Same kind of event between the same actors, whatever its status."""
    return event.event_type in gold.roots and actors_match(gold, event)


def full_match(gold: GoldEvent, event: DiplomaticEvent) -> bool:
    """What an analyst keeps as coded: type, both actors and status."""
    return typed_match(gold, event) and status_agrees(gold, event)


def pair_events(
    gold_events: Sequence[GoldEvent],
    events: Sequence[DiplomaticEvent],
    matches: Callable[[GoldEvent, DiplomaticEvent], bool],
) -> list[Pair]:
    """One-to-one pairs within one article, each gold event taking its most confident match."""
    remaining = list(events)
    pairs: list[Pair] = []
    for gold in gold_events:
        candidates = [event for event in remaining if matches(gold, event)]
        if candidates:
            chosen = max(candidates, key=lambda event: event.confidence)
            remaining.remove(chosen)
            pairs.append((gold, chosen))
    return pairs


def _event_key(event: DiplomaticEvent) -> tuple[str, ...]:
    source = event.source.country or event.source.name
    target = (event.target.country or event.target.name) if event.target else "-"
    sides = sorted((source, target)) if event.reciprocal else [source, target]
    return (str(event.event_type), *sides, str(event.status))


def duplicates(events: Sequence[DiplomaticEvent]) -> int:
    """Events that repeat an earlier event of the article: same type, actors and status."""
    counts = Counter(_event_key(event) for event in events)
    return sum(count - 1 for count in counts.values())


def has_countries(event: DiplomaticEvent) -> bool:
    """Whether both sides of the event are placed in a country or organisation."""
    return bool(event.source.country) and (event.target is None or bool(event.target.country))


def _confusion(gold_events: Sequence[GoldEvent], events: Sequence[DiplomaticEvent]) -> Counter[str]:
    """For each gold event, the type the engine gave it between the same actors ("none": no
    event between them)."""
    confusion: Counter[str] = Counter()
    for gold in gold_events:
        between = [event for event in events if actors_match(gold, event)]
        if any(event.event_type in gold.roots for event in between):
            continue
        guess = max(between, key=lambda event: event.confidence, default=None)
        confusion[f"{gold.event_type}->{guess.event_type if guess else MISSED}"] += 1
    return confusion


def article_metrics(
    article_ids: Sequence[str],
    gold_events: Sequence[GoldEvent],
    extracted: Sequence[Sequence[DiplomaticEvent]],
) -> ArticleScores:
    """Event precision, recall and F1 over whole articles, and what explains the misses.

    ``status_agreement`` and the field agreements are taken over the events matched on type
    and actors, so that a wrong status counts there and not as a missing event twice.
    """
    full: list[Pair] = []
    typed: list[Pair] = []
    duplicate_count = 0
    confusion: Counter[str] = Counter()
    emitted = [event for events in extracted for event in events]
    for article_id, events in zip(article_ids, extracted, strict=True):
        gold = [event for event in gold_events if event.article_id == article_id]
        full.extend(pair_events(gold, events, full_match))
        typed.extend(pair_events(gold, events, typed_match))
        duplicate_count += duplicates(events)
        confusion.update(_confusion(gold, events))
    precision, recall, f1 = precision_recall_f1(len(full), len(emitted), len(gold_events))
    fields = field_accuracies(typed)
    metrics: dict[str, float | None] = {
        "article_event_precision": precision,
        "article_event_recall": recall,
        "article_event_f1": f1,
        "typed_event_recall": ratio(len(typed), len(gold_events)),
        "status_agreement": fields.get("status"),
        "time_day_agreement": fields.get("time_day"),
        "location_agreement": fields.get("location_country"),
        "both_countries_share": ratio(sum(map(has_countries, emitted)), len(emitted)),
        "duplicates_per_article": ratio(duplicate_count, len(article_ids)),
        "events_per_article": ratio(len(emitted), len(article_ids)),
        "gold_events_per_article": ratio(len(gold_events), len(article_ids)),
    }
    return ArticleScores(metrics, fields, dict(confusion.most_common(12)))
