"""Generic statements, mentions of one event, stable ids and offsets."""

from __future__ import annotations

from collections.abc import Callable

from schemas import DiplomaticEvent, PloverRoot
from services.extraction import ExtractionEngine
from tests.unit.extraction.engine.conftest import article

Code = Callable[[str], list[DiplomaticEvent]]

CALL_STORY = (
    "Japan and India will hold talks by phone this evening. "
    "The weather in Tokyo was mild. "
    "The call will start at 8 pm. "
    "Officials said the upcoming call matters."
)


def test_generic_subject_is_no_event(code: Code) -> None:
    assert code("Presidents meet leaders.") == []


def test_mentions_of_one_event_are_merged(code: Code) -> None:
    consults = [e for e in code(CALL_STORY) if e.event_type is PloverRoot.CONSULT]
    assert len(consults) == 1
    assert consults[0].mentions.count >= 2


def test_event_ids_are_stable_across_runs_and_batches(engine: ExtractionEngine) -> None:
    single = engine.extract(article(CALL_STORY, "a1"))
    batched = engine.extract_batch([article("Japan met India.", "a0"), article(CALL_STORY, "a1")])
    again = engine.extract(article(CALL_STORY, "a1"))
    assert single
    assert [e.event_id for e in single] == [e.event_id for e in batched[1]]
    assert [e.event_id for e in single] == [e.event_id for e in again]


def test_event_ids_differ_between_articles(engine: ExtractionEngine) -> None:
    first = engine.extract(article("Japan met India.", "x1"))
    second = engine.extract(article("Japan met India.", "x2"))
    assert first and second
    assert first[0].event_id != second[0].event_id


def test_offsets_point_at_the_article_text(code: Code) -> None:
    text = "Sports news first.\n\nJapan   met India in Tokyo.  Later, Japan criticised Peru."
    events = code(text)
    assert events
    for event in events:
        for span in [event.evidence.sentence, *event.evidence.triggers, *event.mentions.offsets]:
            assert text[span.start : span.end] == span.text
    assert any(t.text == "met" for e in events for t in e.evidence.triggers)


def test_article_without_actors_or_triggers_has_no_event(code: Code) -> None:
    assert code("The striker scored twice and the crowd cheered.") == []
