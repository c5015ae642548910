"""The seed article (read from DIPSTREAM_SHARED, never copied here) yields the events it must."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from schemas import Article, DiplomaticEvent, EventStatus, PloverRoot, TimePrecision
from services.extraction import ExtractionEngine

SEED = "seeds/000_464d1f3d466cc3fe.txt"
PUBLISHED_AT = datetime(2025, 5, 19, 9, 0, tzinfo=UTC)

pytestmark = pytest.mark.shared


@pytest.fixture(scope="module")
def seed_events(shared_file: Callable[[str], Path]) -> list[DiplomaticEvent]:
    text = shared_file(SEED).read_text(encoding="utf-8")
    article = Article(id="seed-000", text=text, source="seed", published_at=PUBLISHED_AT)
    return ExtractionEngine.load().extract(article)


def _names(event: DiplomaticEvent) -> set[str]:
    names = {event.source.name}
    if event.target is not None:
        names.add(event.target.name)
    return names


def _countries(event: DiplomaticEvent) -> set[str | None]:
    return {event.source.country, event.target.country if event.target else None}


def _between(event: DiplomaticEvent, first: str, second: str) -> bool:
    return _names(event) == {first, second}


def _evidence_has(event: DiplomaticEvent, *words: str) -> bool:
    text = " ".join(span.text for span in event.mentions.offsets).lower()
    return all(word in text for word in words)


def test_scheduled_phone_call_is_one_event_with_its_mentions(
    seed_events: list[DiplomaticEvent],
) -> None:
    calls = [
        e
        for e in seed_events
        if e.event_type is PloverRoot.CONSULT
        and e.event_mode == "phone"
        and e.status is EventStatus.SCHEDULED
        and _between(e, "Vladimir Putin", "Donald Trump")
    ]
    assert len(calls) == 1
    call = calls[0]
    assert _countries(call) == {"RUS", "USA"}
    assert call.source.sector == "GOV" and call.target is not None and call.target.sector == "GOV"
    assert call.time is not None and call.time.start == datetime(2025, 5, 19, 14, 0, tzinfo=UTC)
    assert call.time.precision in (TimePrecision.MINUTE, TimePrecision.HOUR)
    assert call.reported_by is not None and call.reported_by.name == "Dmitry Peskov"
    assert call.mentions.count >= 3


def test_istanbul_talks_occurred_last_week(seed_events: list[DiplomaticEvent]) -> None:
    talks = [
        e
        for e in seed_events
        if e.event_type is PloverRoot.CONSULT and _countries(e) == {"RUS", "UKR"}
    ]
    assert talks
    event = talks[0]
    assert event.status is EventStatus.OCCURRED
    assert event.location is not None and event.location.name == "Istanbul"
    assert event.location.country == "TUR"
    assert event.time is not None and event.time.start is not None
    assert datetime(2025, 5, 12, tzinfo=UTC) <= event.time.start < datetime(2025, 5, 19, tzinfo=UTC)


def test_witkoff_visit_is_denied_and_never_happens(seed_events: list[DiplomaticEvent]) -> None:
    visits = [
        e
        for e in seed_events
        if any("Witkoff" in name for name in _names(e)) and _evidence_has(e, "visit")
    ]
    assert visits
    assert all(e.status is EventStatus.DENIED for e in visits)


def test_previous_call_on_march_18_occurred(seed_events: list[DiplomaticEvent]) -> None:
    previous = [
        e
        for e in seed_events
        if e.event_type is PloverRoot.CONSULT
        and _between(e, "Vladimir Putin", "Donald Trump")
        and e.time is not None
        and e.time.start == datetime(2025, 3, 18, tzinfo=UTC)
    ]
    assert len(previous) == 1
    assert previous[0].status is EventStatus.OCCURRED


def test_trump_intends_to_meet_putin(seed_events: list[DiplomaticEvent]) -> None:
    intents = [
        e
        for e in seed_events
        if e.event_type is PloverRoot.CONSULT
        and e.status is EventStatus.INTENDED
        and e.source.name == "Donald Trump"
        and e.target is not None
        and e.target.name == "Vladimir Putin"
    ]
    assert intents


def test_russia_supports_us_mediation(seed_events: list[DiplomaticEvent]) -> None:
    praise = [
        e
        for e in seed_events
        if e.event_type is PloverRoot.SUPPORT
        and e.source.country == "RUS"
        and e.target is not None
        and e.target.country == "USA"
    ]
    assert praise


def test_russian_proposal_of_december_2021(seed_events: list[DiplomaticEvent]) -> None:
    proposals = [
        e
        for e in seed_events
        if e.source.country == "RUS"
        and e.target is not None
        and e.time is not None
        and e.time.precision is TimePrecision.MONTH
        and e.time.start == datetime(2021, 12, 1, tzinfo=UTC)
    ]
    addressees = {e.target.country for e in proposals if e.target is not None}
    assert {"NATO", "OSCE", "USA"} <= addressees


def test_western_refusals_are_rejections_of_russia(seed_events: list[DiplomaticEvent]) -> None:
    rejections = [
        e
        for e in seed_events
        if e.event_type is PloverRoot.REJECT
        and e.status is EventStatus.OCCURRED
        and e.target is not None
        and e.target.country == "RUS"
    ]
    sources = {e.source.country for e in rejections}
    assert {"NATO", "OSCE"} <= sources
    assert any(e.source.kind.value == "group" for e in rejections)


def test_refused_discussion_is_never_coded_as_happening(
    seed_events: list[DiplomaticEvent],
) -> None:
    refused = [e for e in seed_events if _evidence_has(e, "refused")]
    assert all(
        e.event_type is PloverRoot.REJECT or e.status is EventStatus.REFUSED for e in refused
    )


def test_generic_statement_yields_no_event(seed_events: list[DiplomaticEvent]) -> None:
    assert not [e for e in seed_events if _evidence_has(e, "presidents make decisions")]


def test_evidence_offsets_point_into_the_article(
    seed_events: list[DiplomaticEvent], shared_file: Callable[[str], Path]
) -> None:
    text = shared_file(SEED).read_text(encoding="utf-8")
    for event in seed_events:
        spans = [event.evidence.sentence, *event.evidence.triggers, *event.mentions.offsets]
        assert all(text[span.start : span.end] == span.text for span in spans)
