from __future__ import annotations

import pytest

from schemas import DiplomaticEvent, TextSpan
from services.processor.event_size import (
    MAX_TRIMMED_TEXT_CHARS,
    OversizedEventError,
    fitted_event,
)
from services.processor.record_size import MAX_RECORD_BYTES
from tests.unit.processor.events import make_event


def with_sentence(text: str, mention_count: int = 1) -> DiplomaticEvent:
    event = make_event()
    span = TextSpan(text=text, start=0, end=len(text))
    evidence = event.evidence.model_copy(update={"sentence": span, "triggers": [span]})
    mentions = event.mentions.model_copy(
        update={"count": mention_count, "offsets": [span] * mention_count}
    )
    return event.model_copy(update={"evidence": evidence, "mentions": mentions, "quote": text})


def test_an_event_that_fits_is_sent_as_it_is() -> None:
    event = make_event()
    assert fitted_event(event) is event
    assert not event.evidence.truncated


def test_an_event_of_huge_evidence_is_cut_flagged_and_keeps_its_offsets() -> None:
    # 100 kB of control characters: each is six bytes of JSON, four times over (sentence,
    # trigger, mention, quote), as in the article that crashed the worker.
    text = "\x01" * 100_000
    event = with_sentence(text)
    assert len(event.model_dump_json()) > MAX_RECORD_BYTES

    fitted = fitted_event(event)

    assert fitted.evidence.truncated
    assert len(fitted.model_dump_json()) < MAX_RECORD_BYTES
    assert fitted.evidence.sentence.text == text[:MAX_TRIMMED_TEXT_CHARS]
    assert (fitted.evidence.sentence.start, fitted.evidence.sentence.end) == (0, len(text))
    assert fitted.mentions.offsets[0].end == len(text)
    assert fitted.quote == text[:MAX_TRIMMED_TEXT_CHARS]
    assert fitted.event_id == event.event_id
    assert DiplomaticEvent.model_validate_json(fitted.model_dump_json()) == fitted


def test_an_event_too_large_even_when_cut_is_refused() -> None:
    event = with_sentence("\x01" * 2_000, mention_count=200)
    with pytest.raises(OversizedEventError):
        fitted_event(event)
