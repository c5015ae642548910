"""When each event of an article happens, as an analyst reads the story.

* Relative expressions count from the dateline's day ("UNITED NATIONS, Aug 11 - ... on
  Friday evening" is Aug 11 even when published on the 12th); the dateline dates nothing itself.
* A bare clock time is read in the zone of the dateline's place ("5 pm" in a Moscow story).
* A weekday or an undated date follows the tense of the clause it sits in: "shot down the
  plane on Tuesday" is the last Tuesday, "will arrive on Sunday" the next one.
* The story's day -- the day of the lead's own time, else the dateline's -- is the day of
  the events that carry no time of their own and have happened (``story_time``); what is
  under way ("are still meeting") is dated at publication.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo

from spacy.tokens import Span, Token

from schemas import Article, EventStatus, EventTime, TimePrecision
from services.extraction.sentences.document import ParsedArticle
from services.extraction.status.cues import Cues
from services.extraction.timex.attachment import attach_times
from services.extraction.timex.calendar import Tense, day_span
from services.extraction.timex.dateline import Dateline, lead_end
from services.extraction.timex.finder import TimeFinder, TimeMention
from services.extraction.timex.tense import TenseCues, clause_tense

_DAY_OR_FINER = frozenset({TimePrecision.MINUTE, TimePrecision.HOUR, TimePrecision.DAY})
# The lead's time is the story's day only when it is the news: within a week of the dateline.
_STORY_REACH = timedelta(days=7)


@dataclass(frozen=True)
class ArticleTimes:
    """The time of each trigger (by head token index), the story's day, and the day of
    publication as the dateline tells it."""

    of_trigger: dict[int, EventTime]
    story_time: EventTime | None
    present: EventTime | None

    def default_for(self, status: EventStatus) -> EventTime | None:
        """The time of an event that states none: what has happened, on the story's day;
        what is under way ("are still meeting"), at publication; anything else, unknown."""
        if status is EventStatus.OCCURRED:
            return self.story_time
        return self.present if status is EventStatus.ONGOING else None

    def is_current(self, time: EventTime | None) -> bool:
        """Whether a time lies in the days the story tells of, not in its background."""
        return time is not None and self.present is not None and _is_news(time, self.present.start)


@dataclass(frozen=True)
class TimeReader:
    """What reading a sentence's times takes, loaded once: the finder and the tense cues."""

    finder: TimeFinder
    tense_cues: TenseCues


@dataclass(frozen=True)
class _Reference:
    published_at: datetime | None
    clock_zone: tzinfo | None
    dateline_end: int


def _reference(
    article: Article, dateline: Dateline | None, clock_zone: tzinfo | None
) -> _Reference:
    """The publication time moved to the dateline's day, and where its clock times are read."""
    published = article.published_at
    if dateline is None:
        return _Reference(published, None, 0)
    if published is not None and dateline.day is not None:
        try:
            published += dateline.day - published.date()
        except OverflowError:
            published = article.published_at
    return _Reference(published, clock_zone, dateline.end)


def _clause_verb(token: Token) -> Token:
    """The verb of the clause a time expression sits in."""
    current = token
    while current.pos_ not in ("VERB", "AUX") and current.head.i != current.i:
        current = current.head
    return current


def _sentence_times(
    sentence: Span, parsed: ParsedArticle, reference: _Reference, reader: TimeReader
) -> list[tuple[Span, EventTime]]:
    def find(tense: Tense | None) -> list[TimeMention]:
        return reader.finder.find(
            sentence.text, reference.published_at, tense=tense, clock_zone=reference.clock_zone
        )

    found = find(None)
    tensed: dict[Tense, dict[int, TimeMention]] = {}
    spans = []
    for mention in found:
        span = parsed.doc.char_span(
            sentence.start_char + mention.start,
            sentence.start_char + mention.end,
            alignment_mode="expand",
        )
        if span is None or parsed.original_offset(span.start_char) < reference.dateline_end:
            continue
        tense = clause_tense(_clause_verb(span.root), reader.tense_cues)
        if tense is not None:
            if tense not in tensed:
                tensed[tense] = {other.start: other for other in find(tense)}
            mention = tensed[tense].get(mention.start, mention)
        spans.append((span, mention.time))
    return spans


def _is_news(time: EventTime, published: datetime | None) -> bool:
    """A day or finer time within the week before the dateline: the lead's news, not
    background, and not a day to come ("will expel them on Tuesday"), which dates nothing that
    has happened."""
    if time.precision not in _DAY_OR_FINER or time.start is None or published is None:
        return False
    return timedelta(0) <= published - time.start <= _STORY_REACH


def _story_time(
    parsed: ParsedArticle,
    attached: dict[int, EventTime],
    reference: _Reference,
    dateline: Dateline | None,
) -> EventTime | None:
    lead = lead_end(parsed.text, reference.dateline_end)
    published = reference.published_at
    for index in sorted(attached):
        if parsed.original_offset(parsed.doc[index].idx) > lead:
            break
        time = attached[index]
        if _is_news(time, published):
            return time
    if dateline is None or dateline.day is None:
        return None
    return _day_of(published)


def _day_of(instant: datetime | None) -> EventTime | None:
    """The whole day of an instant, in its own zone."""
    if instant is None:
        return None
    try:
        start, end = day_span(instant.date(), instant.tzinfo or UTC)
    except OverflowError:
        return None
    return EventTime(start=start, end=end, precision=TimePrecision.DAY, text=None)


def article_times(
    article: Article,
    parsed: ParsedArticle,
    trigger_heads: Sequence[Token],
    cues: Cues,
    dateline: Dateline | None,
    clock_zone: tzinfo | None,
    reader: TimeReader,
) -> ArticleTimes:
    """The time of every trigger of the article, and the story's day; ``clock_zone`` is the
    zone of the dateline's place."""
    reference = _reference(article, dateline, clock_zone)
    spans = [
        found
        for sentence in parsed.doc.sents
        for found in _sentence_times(sentence, parsed, reference, reader)
    ]
    attached = attach_times(trigger_heads, spans, cues)
    story_time = _story_time(parsed, attached, reference, dateline)
    return ArticleTimes(attached, story_time, _day_of(reference.published_at))
