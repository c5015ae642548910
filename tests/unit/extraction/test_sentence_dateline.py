"""Where a wire story's dateline ends: its words are where the story was filed, never an actor."""

from __future__ import annotations

import pytest
from spacy.language import Language

from services.extraction.sentences.dateline import dateline_end


@pytest.mark.parametrize(
    ("text", "story"),
    [
        ("OSLO (Wire) - Police detained a Danish sailor.", "Police"),
        ("LIMA, Peru -- Two ministers resigned.", "Two"),
        ("QUITO, Ecuador, Feb 9 (Andes Desk) - The Peruvian envoy left the capital.", "The"),
        ("SANTIAGO, 14 March (dpa) - Chile expelled a consul.", "Chile"),
    ],
)
def test_dateline_ends_before_the_story(nlp: Language, text: str, story: str) -> None:
    sentence = next(nlp(text).sents)
    assert sentence.doc[dateline_end(sentence)].text == story


@pytest.mark.parametrize(
    "text",
    [
        "NATO allies trade barbs over spending - officials",
        "Peru recalls its ambassador (update) - report",
        "OPEC ministers said on Monday they would meet again in Vienna: the cartel's statement",
    ],
)
def test_a_headline_is_no_dateline(nlp: Language, text: str) -> None:
    sentence = next(nlp(text).sents)
    assert dateline_end(sentence) == sentence.start
