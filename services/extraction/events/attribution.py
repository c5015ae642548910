"""By whose account: the speaker of the reporting verb above a trigger, and the quotation."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from services.extraction.actors import ActorMention
from services.extraction.actors.index import ActorIndex
from services.extraction.status.cues import Cues

_OPENING_QUOTES = frozenset({'"', "“", "«"})
_CLOSING_QUOTES = frozenset({'"', "”", "»"})


@dataclass(frozen=True)
class Attribution:
    """Who reports the event, and the quoted words it is stated in."""

    speaker: ActorMention | None
    quote: Span | None


def attribute(trigger: Token, actors: ActorIndex, cues: Cues) -> Attribution:
    """The speaker of the nearest reporting verb governing the trigger, or of an "according to"
    phrase in its sentence; and the quotation around the trigger, if it sits in one."""
    return Attribution(_speaker(trigger, actors, cues), _quotation(trigger))


def _speaker(trigger: Token, actors: ActorIndex, cues: Cues) -> ActorMention | None:
    token = trigger
    while token.head.i != token.i:
        token = token.head
        if cues.is_reporting(token):
            speaker = _subject_actor(token, actors)
            if speaker is not None:
                return speaker
    return _according_to(trigger.sent, actors)


def _subject_actor(verb: Token, actors: ActorIndex) -> ActorMention | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            found = actors.in_phrase(child)
            if found:
                return found[0]
    return None


def _according_to(sentence: Span, actors: ActorIndex) -> ActorMention | None:
    for token in sentence:
        if token.lower_ == "according":
            for preposition in token.children:
                if preposition.lower_ == "to":
                    for child in preposition.children:
                        found = actors.in_phrase(child)
                        if found:
                            return found[0]
    return None


def _quotation(trigger: Token) -> Span | None:
    """The quoted stretch of the sentence that contains the trigger."""
    sentence = trigger.sent
    opened: int | None = None
    for token in sentence:
        if opened is None and token.text in _OPENING_QUOTES:
            opened = token.i
        elif opened is not None and token.text in _CLOSING_QUOTES:
            if opened < trigger.i < token.i:
                return trigger.doc[opened + 1 : token.i]
            opened = None
    if opened is not None and opened < trigger.i:
        # A quotation running on past the sentence end, as long quotes do.
        return trigger.doc[opened + 1 : sentence.end]
    return None
