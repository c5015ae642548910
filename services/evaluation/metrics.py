"""Scores over per-sentence outcomes: pure functions, no engine and no files."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

NO_EVENT = "none"


@dataclass(frozen=True)
class SentenceOutcome:
    """What the engine gave for one gold sentence, next to what it should have given.

    ``gold_roots`` is empty when the sentence must give no event; ``predicted`` is the root of
    the sentence's most confident event, or ``none``.
    """

    gold_roots: frozenset[str]
    gold_label: str
    predicted: str
    confidence: float | None
    event_types: frozenset[str]
    event_count: int
    dyad_found: bool

    @property
    def top_correct(self) -> bool:
        """Whether the top prediction is right (``none`` for a sentence without events)."""
        if not self.gold_roots:
            return self.predicted == NO_EVENT
        return self.predicted in self.gold_roots


@dataclass(frozen=True)
class ReliabilityBin:
    """Top predictions whose confidence falls in ``[low, high)``."""

    low: float
    high: float
    count: int
    mean_confidence: float | None
    accuracy: float | None


def ratio(part: int, whole: int) -> float | None:
    """``part / whole``, or None when there is nothing to divide."""
    return part / whole if whole else None


def top1_accuracy(outcomes: Sequence[SentenceOutcome]) -> float | None:
    """Share of sentences whose top prediction is right."""
    return ratio(sum(outcome.top_correct for outcome in outcomes), len(outcomes))


def macro_f1(outcomes: Sequence[SentenceOutcome]) -> float | None:
    """F1 averaged over every label seen in gold or prediction (``none`` included).

    A prediction among a sentence's acceptable roots counts as that sentence's gold label.
    """
    pairs = [
        (outcome.gold_label, outcome.gold_label if outcome.top_correct else outcome.predicted)
        for outcome in outcomes
    ]
    labels = {label for pair in pairs for label in pair}
    if not labels:
        return None
    scores: list[float] = []
    # In a fixed order: summed in set order, the last digit changed from run to run.
    for label in sorted(labels):
        true_positive = sum(1 for gold, guess in pairs if gold == label and guess == label)
        predicted = sum(1 for _, guess in pairs if guess == label)
        actual = sum(1 for gold, _ in pairs if gold == label)
        denominator = predicted + actual
        scores.append(2 * true_positive / denominator if denominator else 0.0)
    return sum(scores) / len(scores)


def type_recall(outcomes: Sequence[SentenceOutcome]) -> float | None:
    """Share of event sentences where some event of the sentence has an acceptable root."""
    scored = [outcome for outcome in outcomes if outcome.gold_roots]
    found = sum(1 for outcome in scored if outcome.event_types & outcome.gold_roots)
    return ratio(found, len(scored))


def dyad_recall(outcomes: Sequence[SentenceOutcome]) -> float | None:
    """Share of event sentences with an event of acceptable root, source and target."""
    scored = [outcome for outcome in outcomes if outcome.gold_roots]
    return ratio(sum(outcome.dyad_found for outcome in scored), len(scored))


def events_per_sentence(outcomes: Sequence[SentenceOutcome]) -> float | None:
    """Mean number of events the engine gives per sentence."""
    return ratio(sum(outcome.event_count for outcome in outcomes), len(outcomes))


def no_event_precision(outcomes: Sequence[SentenceOutcome]) -> float | None:
    """Share of sentences that must give no event and indeed give none."""
    quiet = [outcome for outcome in outcomes if not outcome.gold_roots]
    return ratio(sum(outcome.event_count == 0 for outcome in quiet), len(quiet))


def reliability_bins(
    outcomes: Sequence[SentenceOutcome], bin_count: int = 10
) -> list[ReliabilityBin]:
    """Equal-width confidence bins over the sentences that got a prediction."""
    judged = [
        (outcome.confidence, outcome.top_correct)
        for outcome in outcomes
        if outcome.confidence is not None
    ]
    bins: list[ReliabilityBin] = []
    for index in range(bin_count):
        low, high = index / bin_count, (index + 1) / bin_count
        last = index == bin_count - 1
        members = [
            (confidence, correct)
            for confidence, correct in judged
            if low <= confidence < high or (last and confidence == high)
        ]
        bins.append(
            ReliabilityBin(
                low=low,
                high=high,
                count=len(members),
                mean_confidence=mean_of(sum(c for c, _ in members), len(members)),
                accuracy=ratio(sum(ok for _, ok in members), len(members)),
            )
        )
    return bins


def mean_of(total: float, count: int) -> float | None:
    """Mean of ``count`` values summing to ``total``, or None when there are none."""
    return total / count if count else None


def expected_calibration_error(bins: Sequence[ReliabilityBin]) -> float | None:
    """Count-weighted mean gap between confidence and accuracy over the bins."""
    total = sum(bin_.count for bin_ in bins)
    if not total:
        return None
    gap = sum(
        bin_.count * abs((bin_.accuracy or 0.0) - (bin_.mean_confidence or 0.0)) for bin_ in bins
    )
    return gap / total


def precision_recall_f1(
    matched: int, predicted: int, expected: int
) -> tuple[float | None, float | None, float | None]:
    """Precision, recall and F1 of a one-to-one matching."""
    precision, recall = ratio(matched, predicted), ratio(matched, expected)
    if precision is None or recall is None or precision + recall == 0:
        return precision, recall, None if precision is None or recall is None else 0.0
    return precision, recall, 2 * precision * recall / (precision + recall)


def agreement(pairs: Sequence[tuple[object, object]]) -> float | None:
    """Share of (gold, predicted) pairs that are equal."""
    return ratio(sum(gold == guess for gold, guess in pairs), len(pairs))
