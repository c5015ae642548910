"""The events of one trigger, read in steps that each take and return a ``TriggerReading``.

One trigger goes through several decisions (does it refer back, who stands in for a missing
source, by whose account, which pairs, which events the sentence states besides); as a table of
steps with one signature each decision can be read, tested and reordered on its own, the way
the time expressions' rules are. A step that settles the trigger sets ``finished``.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from schemas import EventStatus, EventTime, PloverRoot
from services.extraction.events.attribution import attribute
from services.extraction.events.candidate import AnaphoricMention, EventCandidate, EvidenceFeatures
from services.extraction.events.dyads import (
    demanded_by,
    fill_targets,
    one_per_referent,
    pair_up,
    without_own_forces,
)
from services.extraction.events.fallback import fallback_source, names_someone
from services.extraction.events.main_event import MainTrigger, key_of
from services.extraction.events.roles import find_arguments
from services.extraction.events.trigger_reading import (
    ArticleContext,
    Step,
    TriggerReading,
    refers_back,
    speaker_actor,
    status_with_time,
)
from services.extraction.status import Cues, read_status
from services.extraction.triggers import TriggerMatch
from services.extraction.triggers.codebook import CameoCode

_REAL_STATUSES = frozenset({EventStatus.OCCURRED, EventStatus.ONGOING})
_UNDATED_FUTURE = frozenset({EventStatus.INTENDED, EventStatus.PROPOSED, EventStatus.HYPOTHETICAL})
# What a promised or threatened act may be while the promise or threat itself was made.
_PROMISED_STATUSES = frozenset(
    {EventStatus.SCHEDULED, EventStatus.INTENDED, EventStatus.HYPOTHETICAL}
)


class TriggerSteps:
    """Reads one trigger into its events (or into a mention of an event told before)."""

    def __init__(
        self, cues: Cues, refusal_code: CameoCode, ambiguous_forms: frozenset[str]
    ) -> None:
        self._cues = cues
        self._refusal_code = refusal_code
        self._ambiguous_forms = ambiguous_forms
        self._steps: tuple[Step, ...] = (
            _drop_noncommittal,
            self._refer_back,
            self._stand_in_source,
            self._drop_generic_subject,
            self._attribute,
            self._pair_dyads,
            self._add_stated_main_event,
            self._add_refusal,
        )

    def events(
        self, context: ArticleContext, trigger: TriggerMatch
    ) -> list[EventCandidate] | AnaphoricMention:
        """The events found at ``trigger``, or the anaphoric mention it is."""
        reading = self._read(context, trigger)
        for step in self._steps:
            reading = step(reading)
            if reading.finished:
                break
        return reading.anaphor if reading.anaphor is not None else list(reading.candidates)

    def _read(self, context: ArticleContext, trigger: TriggerMatch) -> TriggerReading:
        parsed = context.parsed
        head = parsed.doc[trigger.head]
        speech_act = trigger.code.plover_root in self._cues.speech_act_roots
        status_reading = read_status(head, trigger.nominal, speech_act, self._cues)
        time = context.times.get(trigger.head)
        status, cued = status_with_time(
            status_reading.status, status_reading.cued, time, context.article.published_at
        )
        main = context.main.get(key_of(trigger))
        if main is not None and main.intent and trigger.nominal and status in _REAL_STATUSES:
            # An intent read off the clause ("will review the exchange they carried out") does
            # not make a promise of an event the noun itself says has happened.
            main = replace(main, recoded=False, intent=False)
        return TriggerReading(
            context=context,
            trigger=trigger,
            head=head,
            arguments=find_arguments(parsed.doc, trigger, context.actors, self._cues),
            status_reading=status_reading,
            status=status,
            cued=cued,
            time=time,
            sentence=parsed.sentence_of(head),
            span=parsed.span_of_tokens(trigger.start, trigger.end),
            main=main,
        )

    def _refer_back(self, reading: TriggerReading) -> TriggerReading:
        """A trigger without a source of its own that names an event told before ("the call")
        is only a mention of that event."""
        head = reading.head
        nominal = reading.trigger.nominal
        determiners = self._cues.back_referring_determiners
        if reading.arguments.sources or not refers_back(head, nominal, determiners):
            return reading
        anaphor = AnaphoricMention(
            reading.trigger.code,
            head.lemma_.lower(),
            reading.status,
            reading.cued,
            reading.time,
            reading.sentence,
            reading.span,
        )
        return replace(reading, anaphor=anaphor, finished=True)

    def _stand_in_source(self, reading: TriggerReading) -> TriggerReading:
        """The sentence's own event stands even when no known actor performs it: its subject
        phrase, or the first actor the sentence names, is the source."""
        arguments = reading.arguments
        if arguments.sources:
            return reading
        fallback = None
        if reading.main is not None and reading.head.lower_ not in self._ambiguous_forms:
            fallback = fallback_source(
                reading.head,
                reading.trigger.nominal,
                reading.context.actors,
                self._cues,
                arguments.targets,
            )
        if fallback is None:
            return replace(reading, finished=True)
        return replace(reading, arguments=replace(arguments, sources=(fallback,)))

    def _drop_generic_subject(self, reading: TriggerReading) -> TriggerReading:
        """A generic subject ("people", "everyone") performs no event."""
        return replace(reading, finished=True) if reading.arguments.generic_subject else reading

    def _attribute(self, reading: TriggerReading) -> TriggerReading:
        """By whose account the event is told, and the quotation it stands in."""
        attribution = attribute(reading.head, reading.context.actors, self._cues)
        speaker = speaker_actor(
            reading.context.parsed.doc, attribution.speaker, reading.context.briefer
        )
        quote = attribution.quote.text if attribution.quote is not None else None
        return replace(reading, speaker=speaker, quote=quote)

    def _pair_dyads(self, reading: TriggerReading) -> TriggerReading:
        """One candidate per source and target pair."""
        trigger = reading.trigger
        refused = reading.status is EventStatus.REFUSED
        doc = reading.context.parsed.doc
        arguments = one_per_referent(doc, without_own_forces(doc, reading.arguments))
        actors = reading.context.actors
        pairs = pair_up(trigger, arguments, actors, reading.speaker, refused, self._cues)
        if all(pair.target is None and not pair.reciprocal for pair in pairs):
            pairs = fill_targets(reading.head, trigger, arguments.sources, actors, pairs)
        main = reading.main
        candidates = []
        doc = reading.context.parsed.doc
        for pair in pairs:
            if (
                main is None
                and not names_someone(pair.source, doc)
                and not (pair.target is not None and names_someone(pair.target, doc))
            ):
                # A side event of the sentence where neither side is known nor named ("the
                # cabinet", "leaders", "the figures"): noise far more often than an event.
                continue
            features = EvidenceFeatures(
                source_named=pair.source.antecedent is None and not pair.source.nominal,
                target_named=pair.target is not None
                and not pair.target_inferred
                and not pair.target.nominal,
                target_inferred=pair.target_inferred,
                parse_path=arguments.path,
                status_cued=reading.cued,
                nominal=trigger.nominal,
                main_clause=main is not None and not main.recoded,
            )
            candidates.append(
                EventCandidate(
                    code=trigger.code,
                    source=pair.source.actor,
                    target=pair.target.actor if pair.target else None,
                    reciprocal=pair.reciprocal,
                    status=reading.status,
                    status_cued=reading.cued,
                    time=reading.time,
                    location=None,
                    reported_by=reading.speaker,
                    quote=reading.quote,
                    sentence=reading.sentence,
                    trigger=reading.span,
                    trigger_lemma=reading.head.lemma_.lower(),
                    features=features,
                    mentions=(reading.sentence,),
                    triggers=(reading.span,),
                )
            )
        return replace(reading, arguments=arguments, candidates=tuple(candidates))

    def _add_stated_main_event(self, reading: TriggerReading) -> TriggerReading:
        """The sentence states the promise, refusal or demand ("will not lift the ban"); the
        thing promised, refused or demanded stays an event of its own, with its status."""
        main = reading.main
        if main is None or not main.recoded:
            return reading
        if _only_announced(main, reading.status):
            # "would host talks", "plans to send aid": one event, the future cooperation the
            # manual codes AGREE, with the status of the act; no agreement happened besides.
            announced = [
                replace(
                    candidate,
                    code=main.match.code,
                    features=replace(candidate.features, main_clause=True),
                )
                for candidate in reading.candidates
            ]
            return replace(reading, candidates=tuple(announced), finished=True)
        # A promise or a threat was made even when what it promises is only intended or
        # hypothetical ("will close the strait if attacked"), unless it is itself denied.
        promised = main.intent and reading.status in _PROMISED_STATUSES
        made = main.refusal or main.demand or promised
        status_of_main = EventStatus.OCCURRED if made else reading.status
        published = reading.context.article.published_at
        stated = [
            replace(
                demanded_by(candidate, reading.speaker) if main.demand else candidate,
                code=main.match.code,
                status=status_of_main,
                # A promise or threat made now is not dated by the day of what it promises.
                time=None if made and _after(candidate.time, published) else candidate.time,
                features=replace(candidate.features, main_clause=True),
            )
            for candidate in reading.candidates
        ]
        return replace(reading, candidates=(*reading.candidates, *stated), finished=True)

    def _add_refusal(self, reading: TriggerReading) -> TriggerReading:
        """ "will not accept refugees": besides the refused acceptance, the refusal itself is a
        rejection that happened."""
        if not reading.status_reading.negated_refusal:
            return reading
        refusals = [
            replace(candidate, code=self._refusal_code, status=EventStatus.OCCURRED)
            for candidate in reading.candidates
        ]
        return replace(reading, candidates=(*reading.candidates, *refusals))


def _after(time: EventTime | None, published_at: datetime | None) -> bool:
    """Whether ``time`` starts after publication."""
    if time is None or time.start is None or published_at is None:
        return False
    return time.start > published_at


def _only_announced(main: MainTrigger, status: EventStatus) -> bool:
    """Whether the sentence only announces future cooperation, neither agreed nor dated: a
    dated one ("will meet on Tuesday") stays the scheduled act beside the intent."""
    return (
        main.intent
        and not main.commitment
        and main.match.code.plover_root is PloverRoot.AGREE
        and status in _UNDATED_FUTURE
    )


def _drop_noncommittal(reading: TriggerReading) -> TriggerReading:
    """ "would neither confirm nor deny reports of talks": the sentence states no event."""
    if reading.status_reading.noncommittal:
        return replace(reading, finished=True)
    return reading
