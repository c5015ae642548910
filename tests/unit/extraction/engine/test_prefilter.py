"""The cheap pre-filter and sentence split."""

from __future__ import annotations

from spacy.language import Language

from services.extraction import ExtractionEngine
from services.extraction.data_loader import EngineData
from services.extraction.sentences.pipeline import split_sentences
from services.extraction.sentences.prefilter import (
    PhraseIndex,
    PrefilterWords,
    SentencePrefilter,
    TriggerIndex,
    load_ambiguous_forms,
)
from services.extraction.triggers import TriggerLexicon
from tests.unit.extraction.engine.conftest import article


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


def _prefilter(nlp: Language) -> SentencePrefilter:
    return SentencePrefilter(
        PrefilterWords(
            triggers=TriggerIndex(
                [
                    (frozenset({"met"}), ()),
                    (frozenset({"call"}), ()),
                    (frozenset({"held"}), (frozenset({"talks"}),)),
                    (frozenset({"beat"}), ()),
                    (frozenset({"striker"}), ()),
                    (frozenset({"striker"}), (frozenset({"hunger"}),)),
                ],
                ambiguous=frozenset({"beat", "striker"}),
            ),
            actors=PhraseIndex.from_texts(["japan", "police", "striker"], nlp.tokenizer),
            references=PhraseIndex.from_texts(["he", "minister", "striker"], nlp.tokenizer),
            determiners=frozenset({"the", "such"}),
        )
    )


def _kept(nlp: Language, text: str) -> list[str]:
    sentences = split_sentences(nlp.tokenizer(text))
    return [text[s.start : s.end] for s in _prefilter(nlp).select(sentences)]


def test_prefilter_keeps_named_actors_and_their_context(nlp: Language) -> None:
    text = "It rained. Japan spoke. Nothing here. He met them. Japan met India."
    assert _kept(nlp, text) == ["Japan spoke.", "He met them.", "Japan met India."]


def test_prefilter_follows_references_only_shortly_after_a_name(nlp: Language) -> None:
    text = "Japan spoke. It rained. It snowed. It cleared. It froze. He met them."
    assert _kept(nlp, text) == []


def test_prefilter_keeps_back_references_to_a_found_event(nlp: Language) -> None:
    text = "Japan met India. It rained. It snowed. It cleared. The call went well."
    assert _kept(nlp, text) == ["Japan met India.", "The call went well."]


def test_prefilter_drops_triggers_without_any_actor(nlp: Language) -> None:
    assert _kept(nlp, "We met at noon. The call ended.") == []


def test_prefilter_keeps_unknown_capitalised_names(nlp: Language) -> None:
    assert _kept(nlp, "Officials say Bapat met them.") == ["Officials say Bapat met them."]


def test_prefilter_needs_every_word_of_a_trigger_phrase(nlp: Language) -> None:
    assert _kept(nlp, "Japan held a parade.") == []
    assert _kept(nlp, "Japan held talks.") == ["Japan held talks."]


def test_ambiguous_trigger_needs_a_known_actor(nlp: Language) -> None:
    assert _kept(nlp, "Northfield Rovers beat Port Ellis.") == []
    assert _kept(nlp, "Police beat protesters.") == ["Police beat protesters."]


def test_ambiguous_trigger_does_not_vouch_for_itself(nlp: Language) -> None:
    assert _kept(nlp, "Japan spoke. The striker scored.") == []


def test_ambiguous_form_in_a_longer_pattern_counts_as_usual(nlp: Language) -> None:
    text = "Officials say Bapat became a hunger striker."
    assert _kept(nlp, text) == [text]


def test_shipped_ambiguous_forms_are_lowercase_words() -> None:
    forms = load_ambiguous_forms()
    assert "beat" in forms
    assert all(form == form.lower() and " " not in form for form in forms)


def test_batch_keeps_article_order_when_some_articles_are_skipped(
    engine: ExtractionEngine,
) -> None:
    batches = engine.extract_batch(
        [
            article("Northfield Rovers beat Port Ellis 2-0.", "f1"),
            article("Japan met India.", "d1"),
            article("Bond yields edged up on Monday.", "f2"),
        ]
    )
    assert [len(events) > 0 for events in batches] == [False, True, False]
    assert {event.article_id for event in batches[1]} == {"d1"}


def test_a_verb_only_trigger_after_a_determiner_is_a_noun(engine_data: EngineData) -> None:
    index = TriggerIndex.from_lexicon(TriggerLexicon.load(engine_data.codebook))
    # "team" heads only verb patterns ("team up"): after "the" it is the noun.
    assert index.positions(("the", "team", "won", "the", "cup")) == []
    assert index.positions(("japan", "will", "team", "up", "with", "india")) == [2]
    # "visit" heads noun patterns too; a participle may still be tagged a verb.
    assert index.positions(("the", "visit", "ended")) == [1]
    assert index.positions(("the", "besieged", "town")) == [1]
