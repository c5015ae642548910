"""From a parsed article to its events: which triggers count, their times and places, then the
steps of each trigger (``trigger_steps``), merging and assembly.

The triggers of each sentence are read apart from the others': a sentence on which a step
raises loses its own events and is reported (``sentence_faults``), and the article keeps the
events of its other sentences.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

from spacy.tokens import Token

from schemas import (
    Actor,
    ActorKind,
    Article,
    DiplomaticEvent,
    EventStatus,
    Location,
    TextSpan,
)
from services.extraction.actors import ActorMention
from services.extraction.actors.index import ActorIndex
from services.extraction.events.assembly import assemble
from services.extraction.events.background import is_background, is_purpose
from services.extraction.events.candidate import AnaphoricMention, EventCandidate
from services.extraction.events.dedup import merge_mentions
from services.extraction.events.main_event import deciding_words, key_of, main_triggers
from services.extraction.events.refusals import drop_demanded, merge_refusals
from services.extraction.events.trigger_reading import ArticleContext
from services.extraction.events.trigger_steps import TriggerSteps
from services.extraction.places import NamedPlace, PlaceMention, StoryPlace, place_of_event
from services.extraction.places.finder import PlaceWords
from services.extraction.sentence_faults import ArticleEvents, SentenceFailure
from services.extraction.sentences.document import ParsedArticle
from services.extraction.status.cues import Cues
from services.extraction.timex.article_times import ArticleTimes, TimeReader, article_times
from services.extraction.timex.dateline import lead_end, read_dateline
from services.extraction.triggers import TriggerMatch
from services.extraction.triggers.codebook import CameoCode
from services.extraction.triggers.modality import ModalityRules

_CLAUSE_DEPS = frozenset({"acl", "ccomp", "relcl"})


class EventBuilder:
    """Turns the triggers and actor mentions of one parsed article into events."""

    def __init__(
        self,
        cues: Cues,
        refusal_code: CameoCode,
        speaker_roles: frozenset[str],
        country_names: Mapping[str, str],
        ambiguous_forms: frozenset[str],
        place_of_name: Callable[[str], NamedPlace | None],
        time_reader: TimeReader,
        modality: ModalityRules,
        place_words: PlaceWords,
    ) -> None:
        self._modality = modality
        self._place_words = place_words
        self._cues = cues
        self._time_reader = time_reader
        self._speaker_roles = speaker_roles
        self._country_names = country_names
        self._steps = TriggerSteps(cues, refusal_code, ambiguous_forms)
        self._place_of_name = place_of_name

    def build(
        self,
        article: Article,
        parsed: ParsedArticle,
        triggers: Sequence[TriggerMatch],
        mentions: Sequence[ActorMention],
        places: Sequence[PlaceMention],
    ) -> ArticleEvents:
        """Every distinct event of the article, merged across its mentions, and the sentences
        that raised."""
        if not triggers:
            return ArticleEvents([])
        doc = parsed.doc
        actors = ActorIndex(doc, mentions)
        heads = [doc[trigger.head] for trigger in triggers]
        dateline = read_dateline(article.text, article.published_at, self._time_reader.finder)
        named = self._place_of_name(dateline.place) if dateline else None
        zone = named.zone if named else None
        times = article_times(article, parsed, heads, self._cues, dateline, zone, self._time_reader)
        story_place = None
        if named is not None and dateline is not None:
            story_place = StoryPlace(named.location, lead_end(article.text, dateline.end))
        briefer = next((m for m in mentions if m.role in self._speaker_roles), None)
        eligible = [
            trigger
            for trigger in triggers
            if not self._is_statement_verb(trigger, doc[trigger.head])
            and not self._is_denial(doc[trigger.head])
            and not actors.at(doc[trigger.head])
            and not is_background(
                doc[trigger.head], trigger.nominal, trigger.code.plover_root, self._cues
            )
        ]
        main = main_triggers(doc, eligible, self._modality)
        eligible_heads = {trigger.head for trigger in eligible}
        deciding = deciding_words(doc, main, self._modality)
        eligible = [
            trigger
            for trigger in eligible
            if trigger.head not in deciding
            and (key_of(trigger) in main or not is_purpose(doc[trigger.head], eligible_heads))
        ]
        context = ArticleContext(article, parsed, actors, times.of_trigger, briefer, main)
        sentences = _SentenceNumbers(parsed)
        by_sentence: dict[int, list[TriggerMatch]] = {}
        for trigger in eligible:
            by_sentence.setdefault(sentences.start_of(doc[trigger.head]), []).append(trigger)
        failures: dict[int, SentenceFailure] = {}
        candidates: list[EventCandidate] = []
        anaphors: list[AnaphoricMention] = []
        for start, sentence_triggers in by_sentence.items():
            try:
                found = [self._trigger_events(context, t, places) for t in sentence_triggers]
            except Exception as error:  # one sentence's fault costs only its own events
                failures[start] = sentences.failure(start, error)
                continue
            for item in found:
                if isinstance(item, AnaphoricMention):
                    anaphors.append(item)
                else:
                    candidates.extend(item)
        events: list[DiplomaticEvent] = []
        for candidate in merge_mentions(
            drop_demanded(merge_refusals(candidates)), anaphors, article.published_at
        ):
            try:
                events.append(assemble(article, _with_defaults(candidate, times, story_place)))
            except Exception as error:  # as above, charged to the event's first sentence
                start = candidate.sentence.start
                failures.setdefault(start, sentences.failure(start, error))
        unique = {event.event_id: event for event in reversed(events)}
        return ArticleEvents(
            sorted(unique.values(), key=lambda event: event.evidence.triggers[0].start),
            tuple(failures[start] for start in sorted(failures)),
            len(by_sentence.keys() | failures.keys()),
        )

    def _trigger_events(
        self, context: ArticleContext, trigger: TriggerMatch, places: Sequence[PlaceMention]
    ) -> list[EventCandidate] | AnaphoricMention:
        found = self._steps.events(context, trigger)
        if isinstance(found, AnaphoricMention):
            return found
        place = place_of_event(context.parsed.doc, trigger.head, places, self._place_words)
        if place is None:
            return found
        return [self._placed(candidate, place.location) for candidate in found]

    def _is_statement_verb(self, trigger: TriggerMatch, head: Token) -> bool:
        # PLOVER drops bare statements; "said"/"announced" only report the events they govern.
        return trigger.code.dropped and self._cues.is_reporting(head)

    def _placed(self, candidate: EventCandidate, location: Location) -> EventCandidate:
        """The event where it happens; a visit without a target visits that place's country
        ("arrived in Kyiv")."""
        placed = replace(candidate, location=location)
        country = location.country
        visit = candidate.code.plover_mode == "visit" and candidate.target is None
        if visit and country and country != candidate.source.country:
            name = self._country_names.get(country)
            if name is not None:
                target = Actor(text=location.name, name=name, country=country, kind=ActorKind.STATE)
                features = replace(candidate.features, target_inferred=True)
                placed = replace(placed, target=target, features=features)
        return placed

    def _is_denial(self, head: Token) -> bool:
        """A denial of a report only gives the reported event its status ("dismissed reports
        that X planned to visit"); it is not an event of its own."""
        if self._cues.governor(head) is not EventStatus.DENIED:
            return False
        return any(
            child.dep_ in ("ccomp", "xcomp")
            or (child.dep_ == "dobj" and any(_is_report_clause(c) for c in child.children))
            for child in head.children
        )


class _SentenceNumbers:
    """The parsed sentences of an article by their start in the article text."""

    def __init__(self, parsed: ParsedArticle) -> None:
        self._parsed = parsed
        spans = (parsed.span_of(sentence) for sentence in parsed.doc.sents)
        self._spans = {span.start: (index, span) for index, span in enumerate(spans)}

    def start_of(self, token: Token) -> int:
        """Where the sentence of ``token`` starts in the article."""
        return self._parsed.sentence_of(token).start

    def failure(self, start: int, error: Exception) -> SentenceFailure:
        """The failure of the sentence starting at ``start``."""
        index, span = self._spans.get(start, (-1, TextSpan(text="", start=start, end=start)))
        return SentenceFailure.of(index, span, error)


def _is_report_clause(token: Token) -> bool:
    """A clause that tells what a report says ("reports that X planned to visit"), not a
    participle describing the thing ("the protest filed by Y")."""
    return token.dep_ in _CLAUSE_DEPS and any(
        child.dep_ in ("nsubj", "nsubjpass", "mark") for child in token.children
    )


def _with_defaults(
    candidate: EventCandidate, times: ArticleTimes, story_place: StoryPlace | None
) -> EventCandidate:
    """The story's day and the dateline's place for a merged event that states neither:
    only once merged, so that a default never keeps two mentions of one event apart."""
    time = candidate.time or times.default_for(candidate.status)
    location = candidate.location
    if location is None and story_place is not None:
        current = times.is_current(time)
        location = story_place.location_of(
            candidate.sentence.start, candidate.source, candidate.target, current
        )
    return replace(candidate, time=time, location=location)
