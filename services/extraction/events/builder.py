"""From a parsed article to its events: which triggers count, their times and places, then the
steps of each trigger (``trigger_steps``), merging and assembly."""

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
)
from services.extraction.actors import ActorMention
from services.extraction.actors.index import ActorIndex
from services.extraction.events.assembly import assemble
from services.extraction.events.background import is_background, is_purpose
from services.extraction.events.candidate import AnaphoricMention, EventCandidate
from services.extraction.events.dedup import merge_mentions
from services.extraction.events.main_event import key_of, main_triggers
from services.extraction.events.refusals import drop_demanded, merge_refusals
from services.extraction.events.trigger_steps import ArticleContext, TriggerSteps
from services.extraction.places import NamedPlace, PlaceMention, StoryPlace, place_of_event
from services.extraction.places.finder import PlaceWords
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
    ) -> list[DiplomaticEvent]:
        """Every distinct event of the article, merged across its mentions."""
        if not triggers:
            return []
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
        eligible = [
            trigger
            for trigger in eligible
            if key_of(trigger) in main or not is_purpose(doc[trigger.head], eligible_heads)
        ]
        context = ArticleContext(article, parsed, actors, times.of_trigger, briefer, main)
        candidates: list[EventCandidate] = []
        anaphors: list[AnaphoricMention] = []
        for trigger in eligible:
            found = self._steps.events(context, trigger)
            if isinstance(found, list):
                place = place_of_event(doc, trigger.head, places, self._place_words)
                if place is not None:
                    found = [self._placed(candidate, place.location) for candidate in found]
            if isinstance(found, AnaphoricMention):
                anaphors.append(found)
            else:
                candidates.extend(found)
        events = [
            assemble(article, _with_defaults(candidate, times, story_place))
            for candidate in merge_mentions(
                drop_demanded(merge_refusals(candidates)), anaphors, article.published_at
            )
        ]
        unique = {event.event_id: event for event in reversed(events)}
        return sorted(unique.values(), key=lambda event: event.evidence.triggers[0].start)

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
