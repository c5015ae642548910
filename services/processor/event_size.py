"""Events sized to fit one Kafka record before they are sent.

An event repeats pieces of its article: the sentence, the trigger words, every mentioning
sentence and the quote. An article of one endless "sentence" (say, 100 kB of control
characters, each escaped to six bytes in JSON) can make an event over the producer's limit,
and a refused send stops the worker. Such an event keeps its offsets, which still locate every
piece in the article, with its texts cut and ``evidence.truncated`` set.
"""

from __future__ import annotations

from schemas import DiplomaticEvent, TextSpan
from services.processor.record_size import MAX_RECORD_BYTES

# Longest text kept of each piece of a trimmed event, in characters.
MAX_TRIMMED_TEXT_CHARS = 1_000
# What an event's key and CloudEvents headers may take besides its JSON value.
_KEY_AND_HEADERS_BYTES = 2_000


class OversizedEventError(ValueError):
    """An event too large for one record even with its texts cut."""


def fitted_event(event: DiplomaticEvent) -> DiplomaticEvent:
    """The event as it can be sent: itself, or trimmed if it would not fit a record."""
    if _fits(event):
        return event
    trimmed = trimmed_event(event)
    if not _fits(trimmed):
        raise OversizedEventError(
            f"event {event.event_id} is over the {MAX_RECORD_BYTES}-byte record limit "
            "even with its texts cut"
        )
    return trimmed


def _fits(event: DiplomaticEvent) -> bool:
    # Most events are a few kB: the check costs one serialisation of a small object.
    return len(event.model_dump_json().encode()) + _KEY_AND_HEADERS_BYTES <= MAX_RECORD_BYTES


def trimmed_event(event: DiplomaticEvent) -> DiplomaticEvent:
    """``event`` with the texts of its evidence, mentions and quote cut, flagged as such."""
    evidence = event.evidence.model_copy(
        update={
            "sentence": _cut(event.evidence.sentence),
            "triggers": [_cut(trigger) for trigger in event.evidence.triggers],
            "truncated": True,
        }
    )
    mentions = event.mentions.model_copy(
        update={"offsets": [_cut(span) for span in event.mentions.offsets]}
    )
    quote = event.quote[:MAX_TRIMMED_TEXT_CHARS] if event.quote is not None else None
    return event.model_copy(update={"evidence": evidence, "mentions": mentions, "quote": quote})


def _cut(span: TextSpan) -> TextSpan:
    if len(span.text) <= MAX_TRIMMED_TEXT_CHARS:
        return span
    return span.model_copy(update={"text": span.text[:MAX_TRIMMED_TEXT_CHARS]})
