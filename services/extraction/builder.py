"""From a parsed article to its events: roles, status, attribution, time, merging, assembly."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from spacy.tokens import Span, Token

from schemas import Actor, Article, DiplomaticEvent, EventStatus, EventTime
from services.extraction.assembly import assemble
from services.extraction.attribution import attribute
from services.extraction.candidate import AnaphoricMention, EventCandidate, EvidenceFeatures
from services.extraction.cues import Cues
from services.extraction.dedup import merge_mentions
from services.extraction.document import ParsedArticle
from services.extraction.lexicon import TriggerMatch
from services.extraction.roles import ActorIndex, ActorMentionLike, Arguments, find_arguments
from services.extraction.status import read_status
from services.extraction.timex import find_time_expressions
from services.extraction.timing import attach_times


@dataclass(frozen=True)
class _Pair:
    source: ActorMentionLike
    target: ActorMentionLike | None
    reciprocal: bool
    target_inferred: bool


class EventBuilder:
    """Turns the triggers and actor mentions of one parsed article into events."""

    def __init__(self, cues: Cues) -> None:
        self._cues = cues

    def build(
        self,
        article: Article,
        parsed: ParsedArticle,
        triggers: Sequence[TriggerMatch],
        mentions: Sequence[ActorMentionLike],
    ) -> list[DiplomaticEvent]:
        """Every distinct event of the article, merged across its mentions."""
        if not triggers:
            return []
        doc = parsed.doc
        actors = ActorIndex(mentions)
        heads = [doc[trigger.head] for trigger in triggers]
        times = attach_times(heads, self._time_spans(article, parsed), self._cues)
        candidates: list[EventCandidate] = []
        anaphors: list[AnaphoricMention] = []
        for trigger in triggers:
            if self._is_statement_verb(trigger, doc[trigger.head]):
                continue
            found = self._trigger_events(article, parsed, trigger, actors, mentions, times)
            if isinstance(found, AnaphoricMention):
                anaphors.append(found)
            else:
                candidates.extend(found)
        events = [
            assemble(article, candidate) for candidate in merge_mentions(candidates, anaphors)
        ]
        unique = {event.event_id: event for event in reversed(events)}
        return sorted(unique.values(), key=lambda event: event.evidence.triggers[0].start)

    def _is_statement_verb(self, trigger: TriggerMatch, head: Token) -> bool:
        # PLOVER drops bare statements; "said"/"announced" only report the events they govern.
        return trigger.code.dropped and head.lemma_.lower() in self._cues.reporting_verbs

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
        actors: ActorIndex,
        mentions: Sequence[ActorMentionLike],
        times: dict[int, EventTime],
    ) -> list[EventCandidate] | AnaphoricMention:
        doc = parsed.doc
        head = doc[trigger.head]
        arguments = find_arguments(doc, trigger.head, trigger.nominal, actors)
        reading = read_status(head, trigger.nominal, self._cues)
        time = times.get(trigger.head)
        status, cued = _with_time(reading.status, reading.cued, time, article.published_at)
        sentence = parsed.sentence_of(head)
        trigger_span = parsed.span_of_tokens(trigger.start, trigger.end)
        if not arguments.sources:
            return AnaphoricMention(
                trigger.code, head.lemma_.lower(), status, cued, time, sentence, trigger_span
            )
        if arguments.generic_subject:
            return []
        attribution = attribute(head, actors, self._cues)
        speaker = attribution.speaker.actor if attribution.speaker else None
        quote = attribution.quote.text if attribution.quote is not None else None
        candidates = []
        for pair in self._pairs(trigger, arguments, mentions, speaker):
            features = EvidenceFeatures(
                source_named=getattr(pair.source, "antecedent", None) is None,
                target_named=pair.target is not None and not pair.target_inferred,
                target_inferred=pair.target_inferred,
                parse_path=arguments.path,
                status_cued=cued,
                nominal=trigger.nominal,
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
        return candidates

    def _pairs(
        self,
        trigger: TriggerMatch,
        arguments: Arguments,
        mentions: Sequence[ActorMentionLike],
        speaker: Actor | None,
    ) -> list[_Pair]:
        sources, targets = arguments.sources, arguments.targets
        root = trigger.code.plover_root
        if not targets and len(sources) >= 2 and root in self._cues.reciprocal_roots:
            return [_Pair(sources[0], other, True, False) for other in sources[1:]]
        if targets:
            return [
                _Pair(source, target, False, False)
                for source in sources
                for target in targets
                if source.actor.name != target.actor.name
            ]
        if root in self._cues.reply_roots:
            replied = _last_other_party(mentions, trigger.start, sources, speaker)
            if replied is not None:
                return [_Pair(source, replied, False, True) for source in sources]
        return [_Pair(source, None, False, False) for source in sources]


def _with_time(
    status: EventStatus, cued: bool, time: EventTime | None, published_at: datetime | None
) -> tuple[EventStatus, bool]:
    """An uncued event dated after publication is scheduled, not occurred."""
    if cued or time is None or time.start is None or published_at is None:
        return status, cued
    if status == EventStatus.OCCURRED and time.start > published_at:
        return EventStatus.SCHEDULED, True
    return status, cued


def _last_other_party(
    mentions: Sequence[ActorMentionLike],
    before: int,
    sources: Sequence[ActorMentionLike],
    speaker: Actor | None,
) -> ActorMentionLike | None:
    """The actor named last before a reply that is neither the replier nor the speaker."""
    excluded = {source.actor.name for source in sources}
    if speaker is not None:
        excluded.add(speaker.name)
    earlier = [m for m in mentions if m.end <= before and m.actor.name not in excluded]
    return max(earlier, key=lambda mention: mention.start, default=None)
