"""The pure scores over per-sentence outcomes."""

from __future__ import annotations

import pytest

from services.evaluation.metrics import (
    NO_EVENT,
    SentenceOutcome,
    dyad_recall,
    events_per_sentence,
    expected_calibration_error,
    macro_f1,
    no_event_precision,
    precision_recall_f1,
    reliability_bins,
    top1_accuracy,
    type_recall,
)


def outcome(
    gold: set[str],
    predicted: str,
    confidence: float | None = None,
    types: set[str] | None = None,
    dyad: bool = False,
) -> SentenceOutcome:
    event_types = frozenset(types if types is not None else ({predicted} - {NO_EVENT}))
    return SentenceOutcome(
        gold_roots=frozenset(gold),
        gold_label=sorted(gold)[0] if gold else NO_EVENT,
        predicted=predicted,
        confidence=confidence,
        event_types=event_types,
        event_count=len(event_types),
        dyad_found=dyad,
    )


def test_top1_accepts_any_acceptable_root_and_rewards_silence() -> None:
    outcomes = [
        outcome({"CONCEDE", "RETREAT"}, "RETREAT"),
        outcome({"ACCUSE"}, "REJECT"),
        outcome(set(), NO_EVENT),
        outcome(set(), "CONSULT"),
    ]
    assert top1_accuracy(outcomes) == 0.5


def test_macro_f1_averages_over_gold_and_predicted_labels() -> None:
    outcomes = [outcome({"AGREE"}, "AGREE"), outcome({"AGREE"}, "CONSULT")]
    # AGREE: tp 1, 1 predicted, 2 actual -> 2/3; CONSULT: 0; mean 1/3.
    assert macro_f1(outcomes) == pytest.approx(1 / 3)


def test_type_and_dyad_recall_score_event_sentences_only() -> None:
    outcomes = [
        outcome({"AID"}, "CONSULT", types={"CONSULT", "AID"}, dyad=True),
        outcome({"SANCTION"}, "CONSULT"),
        outcome(set(), "CONSULT"),
    ]
    assert type_recall(outcomes) == 0.5
    assert dyad_recall(outcomes) == 0.5


def test_events_per_sentence_and_no_event_precision() -> None:
    outcomes = [outcome({"AID"}, "AID"), outcome(set(), NO_EVENT), outcome(set(), "AID")]
    assert events_per_sentence(outcomes) == pytest.approx(2 / 3)
    assert no_event_precision(outcomes) == 0.5


def test_reliability_bins_and_calibration_error() -> None:
    outcomes = [
        outcome({"AID"}, "AID", confidence=0.95),
        outcome({"AID"}, "ASSAULT", confidence=0.95),
        outcome({"AID"}, "AID", confidence=1.0),
        outcome({"AID"}, NO_EVENT),
    ]
    bins = reliability_bins(outcomes, bin_count=10)
    top = bins[-1]
    assert top.count == 3
    assert top.accuracy == pytest.approx(2 / 3)
    assert top.mean_confidence == pytest.approx((0.95 + 0.95 + 1.0) / 3)
    assert sum(bin_.count for bin_ in bins) == 3
    assert expected_calibration_error(bins) == pytest.approx(abs(2 / 3 - 2.9 / 3))


def test_empty_inputs_give_none_rather_than_zero() -> None:
    assert top1_accuracy([]) is None
    assert type_recall([outcome(set(), NO_EVENT)]) is None
    assert expected_calibration_error(reliability_bins([])) is None


def test_precision_recall_f1() -> None:
    precision, recall, f1 = precision_recall_f1(2, 4, 8)
    assert (precision, recall) == (0.5, 0.25)
    assert f1 == pytest.approx(1 / 3)
    assert precision_recall_f1(0, 0, 3) == (None, 0.0, None)
