"""From a parsed article to its events: roles, status, attribution, time, merging, assembly."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from spacy.tokens import Doc, Span, Token

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
from services.extraction.codebook import CameoCode
from services.extraction.events.assembly import assemble
from services.extraction.events.attribution import attribute
from services.extraction.events.candidate import AnaphoricMention, EventCandidate, EvidenceFeatures
from services.extraction.events.dedup import merge_mentions
from services.extraction.events.dyads import (
    demanded_by,
    fill_targets,
    one_per_referent,
    pair_up,
    without_own_forces,
)
from services.extraction.events.fallback import fallback_source
from services.extraction.events.main_event import MainTrigger, TriggerKey, key_of, main_triggers
from services.extraction.events.roles import find_arguments
from services.extraction.places import PlaceMention, place_of_event
from services.extraction.sentences.document import ParsedArticle
from services.extraction.status.cues import Cues
from services.extraction.status.reading import read_status
from services.extraction.timex import find_time_expressions
from services.extraction.timex.attachment import attach_times
from services.extraction.triggers import TriggerMatch

_CLAUSE_DEPS = frozenset({"acl", "ccomp", "relcl"})
_REAL_STATUSES = frozenset({EventStatus.OCCURRED, EventStatus.ONGOING})


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
        self._refusal_code = refusal_code
        self._speaker_roles = speaker_roles
        self._country_names = country_names
        self._ambiguous_forms = ambiguous_forms

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
        context = _Context(actors, times, briefer, main_triggers(doc, eligible))
        candidates: list[EventCandidate] = []
        anaphors: list[AnaphoricMention] = []
        for trigger in eligible:
            found = self._trigger_events(article, parsed, trigger, context)
            if isinstance(found, list):
                place = place_of_event(doc, trigger.head, places)
                if place is not None:
                    for candidate in found:
                        self._place(candidate, place.location)
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

    def _place(self, candidate: EventCandidate, location: Location) -> None:
        """Set where the event happens; a visit without a target visits that place's country
        ("arrived in Kyiv")."""
        candidate.location = location
        country = location.country
        visit = candidate.code.plover_mode == "visit" and candidate.target is None
        if visit and country and country != candidate.source.country:
            name = self._country_names.get(country)
            if name is not None:
                candidate.target = Actor(
                    text=location.name, name=name, country=country, kind=ActorKind.STATE
                )
                candidate.features = replace(candidate.features, target_inferred=True)

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

    def _trigger_events(
        self,
        article: Article,
        parsed: ParsedArticle,
        trigger: TriggerMatch,
        context: _Context,
    ) -> list[EventCandidate] | AnaphoricMention:
        doc = parsed.doc
        actors = context.actors
        head = doc[trigger.head]
        arguments = find_arguments(doc, trigger, actors, self._cues)
        speech_act = trigger.code.plover_root in self._cues.speech_act_roots
        reading = read_status(head, trigger.nominal, speech_act, self._cues)
        time = context.times.get(trigger.head)
        status, cued = _with_time(reading.status, reading.cued, time, article.published_at)
        sentence = parsed.sentence_of(head)
        trigger_span = parsed.span_of_tokens(trigger.start, trigger.end)
        main = context.main.get(key_of(trigger))
        if main is not None and main.intent and trigger.nominal and status in _REAL_STATUSES:
            # An intent read off the clause ("will review the exchange they carried out") does
            # not make a promise of an event the noun itself says has happened.
            main = replace(main, recoded=False, intent=False)
        if _refers_back(head, trigger.nominal, self._cues.back_referring_determiners) and not (
            arguments.sources
        ):
            return AnaphoricMention(
                trigger.code, head.lemma_.lower(), status, cued, time, sentence, trigger_span
            )
        if not arguments.sources:
            # The sentence's own event stands even when no known actor performs it: its
            # subject phrase, or the first actor the sentence names, is the source.
            fallback = None
            if main is not None and head.lower_ not in self._ambiguous_forms:
                fallback = fallback_source(
                    head, trigger.nominal, actors, self._cues, arguments.targets
                )
            if fallback is None:
                return []
            arguments = replace(arguments, sources=(fallback,))
        if arguments.generic_subject:
            return []
        attribution = attribute(head, actors, self._cues)
        speaker = _speaker_actor(doc, attribution.speaker, context.briefer)
        quote = attribution.quote.text if attribution.quote is not None else None
        candidates = []
        refused = status is EventStatus.REFUSED
        arguments = one_per_referent(doc, without_own_forces(doc, arguments))
        pairs = pair_up(trigger, arguments, actors.mentions, speaker, refused, self._cues)
        if all(pair.target is None and not pair.reciprocal for pair in pairs):
            pairs = fill_targets(head, trigger, arguments.sources, actors, pairs)
        for pair in pairs:
            features = EvidenceFeatures(
                source_named=pair.source.antecedent is None and not pair.source.nominal,
                target_named=pair.target is not None
                and not pair.target_inferred
                and not pair.target.nominal,
                target_inferred=pair.target_inferred,
                parse_path=arguments.path,
                status_cued=cued,
                nominal=trigger.nominal,
                main_clause=main is not None and not main.recoded,
            )
            candidates.append(
                EventCandidate(
                    code=trigger.code,
                    source=pair.source.actor,
                    target=pair.target.actor if pair.target else None,
                    reciprocal=pair.reciprocal,
                    status=status,
                    status_cued=cued,
                    time=time,
                    location=None,
                    reported_by=speaker,
                    quote=quote,
                    sentence=sentence,
                    trigger=trigger_span,
                    trigger_lemma=head.lemma_.lower(),
                    features=features,
                )
            )
        if main is not None and main.recoded:
            # The sentence states the promise, refusal or demand ("will not lift the ban"); the
            # thing promised, refused or demanded stays an event of its own, with its status.
            status_of_main = EventStatus.OCCURRED if main.refusal or main.demand else status
            stated = [
                replace(
                    demanded_by(candidate, speaker) if main.demand else candidate,
                    code=main.match.code,
                    status=status_of_main,
                    features=replace(candidate.features, main_clause=True),
                )
                for candidate in candidates
            ]
            return [*candidates, *stated]
        if reading.negated_refusal:
            # "will not accept refugees": besides the refused acceptance, the refusal itself
            # is a rejection that happened.
            candidates.extend(
                replace(candidate, code=self._refusal_code, status=EventStatus.OCCURRED)
                for candidate in list(candidates)
            )
        return candidates


@dataclass(frozen=True)
class _Context:
    """What every trigger of one article is read against."""

    actors: ActorIndex
    times: dict[int, EventTime]
    briefer: ActorMention | None
    main: dict[TriggerKey, MainTrigger]


def _is_report_clause(token: Token) -> bool:
    """A clause that tells what a report says ("reports that X planned to visit"), not a
    participle describing the thing ("the protest filed by Y")."""
    return token.dep_ in _CLAUSE_DEPS and any(
        child.dep_ in ("nsubj", "nsubjpass", "mark") for child in token.children
    )


def _speaker_actor(
    doc: Doc, speaker: ActorMention | None, briefer: ActorMention | None
) -> Actor | None:
    """The actor reporting an event. In a briefing, "he said" is the spokesperson briefing,
    not the last man named, whom pronoun resolution would pick ("Trump hopes ...; he added")."""
    if speaker is None:
        return None
    if briefer is not None and briefer.start <= speaker.start and doc[speaker.head].pos_ == "PRON":
        return briefer.actor
    return speaker.actor


def _refers_back(head: Token, nominal: bool, back_referring: frozenset[str]) -> bool:
    """Whether a trigger without actors names an event told before: "the call", "such talks",
    "the upcoming contact"; never "his trip" or "a meeting"."""
    if not nominal:
        return False
    determiners = {child.lower_ for child in head.children if child.dep_ in ("det", "predet")}
    owned = any(child.dep_ == "poss" for child in head.children)
    return not owned and bool(determiners & back_referring)


def _with_time(
    status: EventStatus, cued: bool, time: EventTime | None, published_at: datetime | None
) -> tuple[EventStatus, bool]:
    """An uncued event dated after publication is scheduled, not occurred."""
    if cued or time is None or time.start is None or published_at is None:
        return status, cued
    if status == EventStatus.OCCURRED and time.start > published_at:
        return EventStatus.SCHEDULED, True
    return status, cued
