"""A sentence on which the engine raises costs only its own events, and is reported."""

from __future__ import annotations

import pytest

from schemas import DiplomaticEvent
from services.extraction import ExtractionEngine
from services.extraction.events import trigger_steps
from services.extraction.events.candidate import AnaphoricMention, EventCandidate
from services.extraction.events.trigger_reading import ArticleContext
from services.extraction.events.trigger_steps import TriggerSteps
from services.extraction.sentence_faults import SentenceCodingError
from services.extraction.triggers import TriggerMatch
from tests.unit.extraction.engine.conftest import article

# The marked sentence: the injected fault raises on any trigger in a sentence naming Egypt.
MARK = "Egypt"
TEXT = (
    "Germany accused Poland of violating the agreement. "
    "Egypt accused Israel of violating the ceasefire. "
    "Turkey and Greece held talks in Geneva on Monday."
)


@pytest.fixture
def faulty_sentences(monkeypatch: pytest.MonkeyPatch) -> None:
    """Trigger steps that raise on the triggers of the marked sentences."""
    original = TriggerSteps.events

    def events(
        steps: TriggerSteps, context: ArticleContext, trigger: TriggerMatch
    ) -> list[EventCandidate] | AnaphoricMention:
        head = context.parsed.doc[trigger.head]
        if MARK in context.parsed.sentence_of(head).text:
            raise ValueError("year -976 is out of range")
        return original(steps, context, trigger)

    monkeypatch.setattr(trigger_steps.TriggerSteps, "events", events)


def _dyads(events: list[DiplomaticEvent]) -> set[str]:
    return {event.dyad_key for event in events}


def test_without_a_fault_every_sentence_gives_its_events(engine: ExtractionEngine) -> None:
    [coded] = engine.code_batch([article(TEXT)])
    assert coded.failed_sentences == ()
    assert {"DEU|POL", "EGY|ISR"} <= _dyads(coded.events)


@pytest.mark.usefixtures("faulty_sentences")
def test_a_failed_sentence_costs_only_its_own_events_and_is_reported(
    engine: ExtractionEngine,
) -> None:
    [coded] = engine.code_batch([article(TEXT)])
    assert "DEU|POL" in _dyads(coded.events)
    assert not any("EGY" in dyad or "ISR" in dyad for dyad in _dyads(coded.events))
    [failure] = coded.failed_sentences
    assert TEXT[failure.start : failure.end] == "Egypt accused Israel of violating the ceasefire."
    assert (failure.index, failure.error_type, failure.message) == (
        1,
        "ValueError",
        "year -976 is out of range",
    )
    assert coded.coded_sentences == 3
    assert not coded.every_sentence_failed


@pytest.mark.usefixtures("faulty_sentences")
def test_an_article_whose_every_sentence_fails_is_a_failure_as_a_whole(
    engine: ExtractionEngine,
) -> None:
    [coded, other] = engine.code_batch(
        [article("Egypt accused Israel of violating the ceasefire.", "all"), article(TEXT, "b")]
    )
    assert coded.every_sentence_failed
    assert coded.events == []
    # The other article of the batch keeps what it can.
    assert "DEU|POL" in _dyads(other.events)


@pytest.mark.usefixtures("faulty_sentences")
def test_the_calls_that_return_events_only_raise_instead_of_hiding_a_failure(
    engine: ExtractionEngine,
) -> None:
    with pytest.raises(SentenceCodingError, match=r"sentence 1 \[\d+:\d+\] ValueError"):
        engine.extract(article(TEXT))
