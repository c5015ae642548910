"""Which trigger a time expression dates."""

from __future__ import annotations

from datetime import UTC, datetime

from spacy.language import Language

from services.extraction.status.cues import load_cues
from services.extraction.timex import TimeFinder
from services.extraction.timex.attachment import attach_times
from services.extraction.timex.vocabulary import load_vocabulary

# Built once per module: compiling the patterns is the costly part.
find_times = TimeFinder(load_vocabulary()).find

PUBLISHED = datetime(2025, 3, 3, 12, 0, tzinfo=UTC)


def _attached(nlp: Language, text: str, trigger: str) -> dict[str, str | None]:
    doc = nlp(text)
    head = next(token for token in doc if token.text == trigger)
    spans = []
    for mention in find_times(text, PUBLISHED):
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        assert span is not None
        spans.append((span, mention.time))
    found = attach_times([head], spans, load_cues())
    return {trigger: found[head.i].text if head.i in found else None}


def test_the_clauses_own_time_dates_its_trigger(nlp: Language) -> None:
    assert _attached(nlp, "Norway met Sweden on Tuesday.", "met") == {"met": "Tuesday"}


def test_a_time_of_a_clause_of_its_own_does_not_date_the_event(nlp: Language) -> None:
    text = "Norway met Sweden, which joined the alliance in 2024."
    assert _attached(nlp, text, "met") == {"met": None}


def test_the_finest_of_two_times_wins(nlp: Language) -> None:
    text = "The pact was signed shortly after midnight on Tuesday."
    assert _attached(nlp, text, "signed") == {"signed": "after midnight on Tuesday"}


def test_a_time_right_after_the_reporting_verb_dates_the_statement(nlp: Language) -> None:
    text = "Chile said on Monday it had expelled two Peruvian diplomats on Friday."
    assert _attached(nlp, text, "expelled") == {"expelled": "Friday"}
