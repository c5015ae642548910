"""The cheap pre-filter and sentence split."""

from __future__ import annotations

from spacy.language import Language

from services.extraction.nlp import split_sentences
from services.extraction.prefilter import PhraseIndex, SentencePrefilter


def test_sentences_split_on_stops_and_line_breaks(nlp: Language) -> None:
    text = 'Headline without stop\nHe said "yes." Then he left! Done'
    sentences = split_sentences(nlp.tokenizer(text))
    assert [text[s.start : s.end] for s in sentences] == [
        "Headline without stop",
        'He said "yes."',
        "Then he left!",
        "Done",
    ]


def test_phrase_index_finds_multiword_forms(nlp: Language) -> None:
    index = PhraseIndex.from_texts(["United States", "meet"], nlp.tokenizer)
    assert index.occurs_in(("the", "united", "states", "said"))
    assert not index.occurs_in(("the", "united", "kingdom"))


def test_prefilter_keeps_candidates_and_their_context(nlp: Language) -> None:
    prefilter = SentencePrefilter(
        PhraseIndex.from_texts(["met"], nlp.tokenizer),
        PhraseIndex.from_texts(["japan"], nlp.tokenizer),
    )
    text = "It rained. Japan spoke. Nothing here. He met them. They met again."
    sentences = split_sentences(nlp.tokenizer(text))
    kept = [text[s.start : s.end] for s in prefilter.select(sentences)]
    assert kept == ["Japan spoke.", "He met them.", "They met again."]


def test_prefilter_drops_triggers_before_any_actor(nlp: Language) -> None:
    prefilter = SentencePrefilter(
        PhraseIndex.from_texts(["met"], nlp.tokenizer),
        PhraseIndex.from_texts(["japan"], nlp.tokenizer),
    )
    sentences = split_sentences(nlp.tokenizer("Friends met at noon. The end."))
    assert prefilter.select(sentences) == []
