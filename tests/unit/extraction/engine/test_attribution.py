"""By whose account, and in which words, an event is told."""

from __future__ import annotations

from collections.abc import Callable

from schemas import DiplomaticEvent, PloverRoot
from services.extraction import ExtractionEngine
from tests.unit.extraction.engine.conftest import article

Code = Callable[[str], list[DiplomaticEvent]]


def test_according_to_names_the_reporter(code: Code) -> None:
    events = code("According to Japan, India met Brazil in Delhi.")
    consults = [e for e in events if e.event_type is PloverRoot.CONSULT]
    assert consults
    assert consults[0].reported_by is not None and consults[0].reported_by.name == "Japan"


def test_quoted_trigger_carries_its_quotation(code: Code) -> None:
    text = 'Japan said: "India will meet Brazil next week, we are sure."'
    events = [e for e in code(text) if e.event_type is PloverRoot.CONSULT]
    assert events
    assert events[0].quote is not None and "India will meet Brazil" in events[0].quote


def test_unquoted_event_has_no_quotation(code: Code) -> None:
    events = code("India met Brazil in Delhi.")
    assert events and all(e.quote is None for e in events)


def test_confidence_threshold_drops_weak_events(engine: ExtractionEngine) -> None:
    text = "India met Brazil in Delhi."
    events = engine.extract(article(text))
    assert events and all(0.0 <= e.confidence < 0.99 for e in events)
    strict = ExtractionEngine.load(confidence_threshold=0.99)
    assert strict.extract(article(text)) == []
