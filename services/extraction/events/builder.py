"""From a parsed article to its events: which triggers count, their times and places, then the
steps of each trigger (``trigger_steps``), merging and assembly."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from spacy.tokens import Span, Token

from schemas import (
    Actor,
    ActorKind,
    Article,
    DiplomaticEvent,
    EventStatus,
    EventTime,
    Location,
)
from services.extraction.actors import ActorMention
from services.extraction.actors.index import ActorIndex
from services.extraction.events.assembly import assemble
from services.extraction.events.candidate import AnaphoricMention, EventCandidate
from services.extraction.events.dedup import merge_mentions
from services.extraction.events.main_event import main_triggers
from services.extraction.events.trigger_steps import ArticleContext, TriggerSteps
from services.extraction.places import PlaceMention, place_of_event
from services.extraction.sentences.document import ParsedArticle
from services.extraction.status.cues import Cues
from services.extraction.timex import find_time_expressions
from services.extraction.timex.attachment import attach_times
from services.extraction.triggers import TriggerMatch
from services.extraction.triggers.codebook import CameoCode

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
    ) -> None:
        self._cues = cues
        self._speaker_roles = speaker_roles
        self._country_names = country_names
        self._steps = TriggerSteps(cues, refusal_code, ambiguous_forms)

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
        times = attach_times(
            [doc[trigger.head] for trigger in triggers],
            self._time_spans(article, parsed),
            self._cues,
        )
        briefer = next((m for m in mentions if m.role in self._speaker_roles), None)
        eligible = [
            trigger
            for trigger in triggers
            if not self._is_statement_verb(trigger, doc[trigger.head])
            and not self._is_denial(doc[trigger.head])
            and not actors.at(doc[trigger.head])
        ]
        context = ArticleContext(
            article, parsed, actors, times, briefer, main_triggers(doc, eligible)
        )
        candidates: list[EventCandidate] = []
        anaphors: list[AnaphoricMention] = []
        for trigger in eligible:
            found = self._steps.events(context, trigger)
            if isinstance(found, list):
                place = place_of_event(doc, trigger.head, places)
                if place is not None:
                    found = [self._placed(candidate, place.location) for candidate in found]
            if isinstance(found, AnaphoricMention):
                anaphors.append(found)
            else:
                candidates.extend(found)
        events = [
            assemble(article, candidate)
            for candidate in merge_mentions(candidates, anaphors, article.published_at)
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

    def _time_spans(self, article: Article, parsed: ParsedArticle) -> list[tuple[Span, EventTime]]:
        spans: list[tuple[Span, EventTime]] = []
        for sentence in parsed.doc.sents:
            for mention in find_time_expressions(sentence.text, article.published_at):
                span = parsed.doc.char_span(
                    sentence.start_char + mention.start,
                    sentence.start_char + mention.end,
                    alignment_mode="expand",
                )
                if span is not None:
                    spans.append((span, mention.time))
        return spans


def _is_report_clause(token: Token) -> bool:
    """A clause that tells what a report says ("reports that X planned to visit"), not a
    participle describing the thing ("the protest filed by Y")."""
    return token.dep_ in _CLAUSE_DEPS and any(
        child.dep_ in ("nsubj", "nsubjpass", "mark") for child in token.children
    )
