"""Laying the engine's events over gold sentences and gold events."""

from __future__ import annotations

from collections.abc import Sequence

from schemas import Actor, DiplomaticEvent, EventStatus, PloverRoot
from services.evaluation.gold_samples import GoldEvent
from services.evaluation.items import (
    GoldActor,
    GoldArticle,
    GoldSentence,
    matching_rules,
    mentions_overlap,
)
from services.evaluation.metrics import NO_EVENT, SentenceOutcome, agreement


def event_spans(event: DiplomaticEvent) -> list[tuple[int, int]]:
    """Every sentence the event is stated or re-mentioned in, as character spans."""
    spans = [(event.evidence.sentence.start, event.evidence.sentence.end)]
    spans.extend((mention.start, mention.end) for mention in event.mentions.offsets)
    return spans


def in_sentence(event: DiplomaticEvent, start: int, end: int) -> bool:
    """Whether the event is stated or re-mentioned inside ``[start, end)``."""
    return any(low < end and start < high for low, high in event_spans(event))


def actor_matches(actor: Actor | None, gold: GoldActor) -> bool:
    """The event's actor is the gold actor: same country code, or overlapping words."""
    if actor is None:
        return False
    if gold.country and actor.country == gold.country:
        return True
    return names_gold(actor, gold)


def names_gold(actor: Actor, gold: GoldActor) -> bool:
    """Whether the actor's words, as written or as resolved, share an identifying word with the
    gold mention: "it" resolved to the Taliban is the gold "The Taliban"."""
    return mentions_overlap(actor.text, gold.text) or mentions_overlap(actor.name, gold.text)


def _dyad_found(sentence: GoldSentence, events: Sequence[DiplomaticEvent]) -> bool:
    for event in events:
        if event.event_type not in sentence.roots:
            continue
        source_ok = any(actor_matches(event.source, gold) for gold in sentence.sources)
        target_ok = not sentence.targets or any(
            actor_matches(event.target, gold) for gold in sentence.targets
        )
        if source_ok and target_ok:
            return True
    return False


def sentence_outcomes(
    articles: Sequence[GoldArticle], extracted: Sequence[Sequence[DiplomaticEvent]]
) -> list[SentenceOutcome]:
    """One outcome per scored sentence; its events are those stated or mentioned in it."""
    outcomes: list[SentenceOutcome] = []
    for article, events in zip(articles, extracted, strict=True):
        for sentence in article.sentences:
            inside = [event for event in events if in_sentence(event, sentence.start, sentence.end)]
            top = max(inside, key=lambda event: event.confidence, default=None)
            outcomes.append(
                SentenceOutcome(
                    gold_roots=frozenset(str(root) for root in sentence.roots),
                    gold_label=str(sentence.label) if sentence.label else NO_EVENT,
                    predicted=str(top.event_type) if top else NO_EVENT,
                    confidence=top.confidence if top else None,
                    event_types=frozenset(str(event.event_type) for event in inside),
                    event_count=len(inside),
                    dyad_found=_dyad_found(sentence, inside),
                )
            )
    return outcomes


def country_pairs(
    articles: Sequence[GoldArticle], extracted: Sequence[Sequence[DiplomaticEvent]]
) -> tuple[list[tuple[str, str | None]], int, int]:
    """(gold code, engine code) for every coded gold actor that an event actor mentions.

    Also returns how many coded gold actors there were, and how many were left out because
    their code names a kind of actor rather than a country (GSR ``IGO``, ``NGO``, ...).
    """
    uncoded = matching_rules().uncoded_codes
    pairs: list[tuple[str, str | None]] = []
    coded = skipped = 0
    for article, events in zip(articles, extracted, strict=True):
        for sentence in article.sentences:
            inside = [event for event in events if in_sentence(event, sentence.start, sentence.end)]
            actors = [actor for event in inside for actor in (event.source, event.target) if actor]
            for gold in (*sentence.sources, *sentence.targets):
                if gold.country is None:
                    continue
                if gold.country in uncoded:
                    skipped += 1
                    continue
                coded += 1
                match = next((a for a in actors if names_gold(a, gold)), None)
                if match is not None:
                    pairs.append((gold.country, match.country))
    return pairs, coded, skipped


def match_events(
    gold_events: Sequence[GoldEvent],
    articles: Sequence[GoldArticle],
    extracted: Sequence[Sequence[DiplomaticEvent]],
) -> list[tuple[GoldEvent, DiplomaticEvent]]:
    """One-to-one pairs of gold and engine events: same article, sentence and acceptable root.

    Among candidates, the one whose source matches the gold source is preferred.
    """
    by_article = {
        gold.article.id: list(events) for gold, events in zip(articles, extracted, strict=True)
    }
    pairs: list[tuple[GoldEvent, DiplomaticEvent]] = []
    for gold in gold_events:
        remaining = by_article.get(gold.article_id, [])
        candidates = [
            event
            for event in remaining
            if event.event_type in gold.roots
            and any(in_sentence(event, start, end) for start, end in gold.spans)
        ]
        if not candidates:
            continue
        chosen = max(candidates, key=lambda event: actor_matches(event.source, gold.source))
        remaining.remove(chosen)
        pairs.append((gold, chosen))
    return pairs


def status_agrees(gold: GoldEvent, event: DiplomaticEvent) -> bool:
    """The event's status is the gold one's. A refused act that the gold also accepts as REJECT
    ("ruled out talks": talks refused, or a rejection that happened) is the same coding when
    the engine gives the rejection that happened: the two say one thing, and PLOVER's own
    category for it is REJECT."""
    if str(event.status) == gold.status:
        return True
    return (
        gold.status == str(EventStatus.REFUSED)
        and event.event_type is PloverRoot.REJECT
        and event.event_type in gold.roots
        and event.status is EventStatus.OCCURRED
    )


def _judged_fields(gold: GoldEvent, event: DiplomaticEvent) -> dict[str, tuple[object, object]]:
    """(gold, engine) values of every field the gold event states."""
    fields: dict[str, tuple[object, object]] = {
        "event_type": (gold.event_type, event.event_type),
        "status": (True, status_agrees(gold, event)),
        "source": (True, actor_matches(event.source, gold.source)),
        "source_country": (gold.source.country, event.source.country),
    }
    if gold.mode:
        fields["mode"] = (gold.mode, event.event_mode)
    if gold.target:
        fields["target"] = (True, actor_matches(event.target, gold.target))
        fields["target_country"] = (gold.target.country, event.target and event.target.country)
    if gold.time_start:
        start = event.time.start if event.time else None
        fields["time_day"] = (gold.time_start, start.date() if start else None)
    if gold.time_precision:
        fields["time_precision"] = (
            gold.time_precision,
            str(event.time.precision) if event.time else None,
        )
    if gold.location_country:
        fields["location_country"] = (
            gold.location_country,
            event.location.country if event.location else None,
        )
    if gold.reported_by_country:
        fields["reported_by_country"] = (
            gold.reported_by_country,
            event.reported_by.country if event.reported_by else None,
        )
    return fields


def field_accuracies(
    pairs: Sequence[tuple[GoldEvent, DiplomaticEvent]],
) -> dict[str, float | None]:
    """Per-field agreement over matched events, counting only the fields the gold states."""
    judged: dict[str, list[tuple[object, object]]] = {}
    for gold, event in pairs:
        for name, pair in _judged_fields(gold, event).items():
            judged.setdefault(name, []).append(pair)
    return {name: agreement(values) for name, values in sorted(judged.items())}
