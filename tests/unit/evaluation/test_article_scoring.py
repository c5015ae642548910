"""Article-level scoring: an engine event is right when type, both actors and status agree."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from schemas import Actor, ActorKind, DiplomaticEvent, PloverRoot, QuadClass
from services.evaluation.article_scoring import article_metrics, duplicates, full_match
from services.evaluation.gold_samples import GoldEvent
from services.evaluation.items import GoldActor

_COUNTRIES = {"RUS": "Russia", "TUR": "Turkey", "FRA": "France"}


def _actor(code: str | None, text: str) -> Actor:
    return Actor(
        text=text, name=_COUNTRIES.get(code or "", text), country=code, kind=ActorKind.STATE
    )


def _event(
    source: str | None, target: str | None, *, kind: str = "CONSULT", status: str = "occurred"
) -> DiplomaticEvent:
    span = {"text": "They met.", "start": 0, "end": 9}
    return DiplomaticEvent.model_validate(
        {
            "schema_version": "1.0",
            "event_id": "6f1c2d8e-0000-5000-8000-000000000000",
            "article_id": "a1",
            "publisher": None,
            "article_url": None,
            "published_at": datetime(2006, 5, 19, 9, tzinfo=UTC),
            "extractor_version": "test",
            "event_type": kind,
            "cameo_code": "040",
            "cameo_name": "Consult",
            "goldstein": 1.0,
            "quad_class": QuadClass.VERBAL_COOPERATION,
            "source": _actor(source, source or "the envoy"),
            "target": _actor(target, target or "the envoy") if target is not None else None,
            "reciprocal": kind == "CONSULT",
            "status": status,
            "time": None,
            "location": None,
            "evidence": {"sentence": span, "triggers": [span]},
            "mentions": {"count": 1, "offsets": [span]},
            "confidence": 0.9,
        }
    )


def _gold(
    source: str, target: str, *, reciprocal: bool = True, status: str = "occurred"
) -> GoldEvent:
    return GoldEvent(
        article_id="a1",
        spans=((0, 9),),
        roots=frozenset({PloverRoot.CONSULT}),
        event_type=PloverRoot.CONSULT,
        mode=None,
        source=GoldActor(_COUNTRIES[source], source),
        target=GoldActor(_COUNTRIES[target], target),
        status=status,
        reciprocal=reciprocal,
        time_start=None,
        time_precision=None,
        location_country=None,
        reported_by_country=None,
    )


def test_a_reciprocal_gold_event_matches_either_order() -> None:
    assert full_match(_gold("RUS", "TUR"), _event("TUR", "RUS"))
    assert not full_match(_gold("RUS", "TUR", reciprocal=False), _event("TUR", "RUS"))


def test_a_wrong_status_is_not_a_match() -> None:
    assert not full_match(_gold("RUS", "TUR"), _event("RUS", "TUR", status="scheduled"))


def test_the_same_event_twice_is_one_duplicate() -> None:
    assert duplicates([_event("RUS", "TUR"), _event("TUR", "RUS"), _event("RUS", "FRA")]) == 1


def test_extra_and_countryless_events_lower_precision_and_the_share() -> None:
    emitted = [_event("RUS", "TUR"), _event("RUS", "TUR"), _event(None, "FRA", kind="AID")]
    scores = article_metrics(["a1"], [_gold("RUS", "TUR")], [emitted]).metrics
    assert scores["article_event_recall"] == 1.0
    assert scores["article_event_precision"] == 1 / 3
    assert scores["both_countries_share"] == 2 / 3
    assert scores["duplicates_per_article"] == 1.0


def test_a_status_miss_counts_in_status_agreement_not_in_typed_recall() -> None:
    scores = article_metrics(
        ["a1"], [_gold("RUS", "TUR")], [[_event("RUS", "TUR", status="denied")]]
    )
    assert scores.metrics["article_event_recall"] == 0.0
    assert scores.metrics["typed_event_recall"] == 1.0
    assert scores.metrics["status_agreement"] == 0.0


def test_a_gold_event_coded_as_another_type_shows_in_the_confusion() -> None:
    scores = article_metrics(["a1"], [_gold("RUS", "TUR")], [[_event("RUS", "TUR", kind="AID")]])
    assert scores.type_confusion == {"CONSULT->AID": 1}


def test_a_refused_act_also_accepted_as_reject_is_matched_by_the_rejection_that_happened() -> None:
    refused = replace(
        _gold("RUS", "TUR", status="refused"),
        roots=frozenset({PloverRoot.CONSULT, PloverRoot.REJECT}),
    )
    assert full_match(refused, _event("RUS", "TUR", kind="REJECT", status="occurred"))
    assert full_match(refused, _event("RUS", "TUR", status="refused"))
    # Only the rejection that happened says the same; a refused CONSULT's occurrence does not.
    assert not full_match(refused, _event("RUS", "TUR", status="occurred"))
    assert not full_match(
        _gold("RUS", "TUR", status="refused"), _event("RUS", "TUR", kind="REJECT")
    )
