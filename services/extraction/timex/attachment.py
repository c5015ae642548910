"""Which time expression belongs to which trigger.

A time expression belongs to the first trigger met walking up the parse from it: the trigger
itself, or the verb a nominal trigger is subject or object of ("the call is scheduled for 5 pm",
"talks held last week"). A time expression that hangs on a reporting verb dates the statement,
not the event, and is left alone. Otherwise the nearest trigger of the sentence still without a
time takes it.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Span, Token

from schemas import EventTime
from services.extraction.status.cues import Cues

_PREDICATE_DEPS = frozenset({"nsubj", "nsubjpass", "dobj"})


def attach_times(
    trigger_heads: Sequence[Token],
    times: Sequence[tuple[Span, EventTime]],
    cues: Cues,
) -> dict[int, EventTime]:
    """Time of each trigger, keyed by the token index of the trigger's head."""
    anchors: dict[int, int] = {}
    for head in trigger_heads:
        anchors[head.i] = head.i
    for head in trigger_heads:
        if head.pos_ in ("NOUN", "PROPN"):
            if head.dep_ in _PREDICATE_DEPS:
                anchors.setdefault(head.head.i, head.i)
            for child in head.children:
                if child.dep_ in ("acl", "relcl"):
                    anchors.setdefault(child.i, head.i)
    attached: dict[int, EventTime] = {}
    unclaimed: list[tuple[Span, EventTime]] = []
    for span, time in times:
        owner = _owner(span.root, anchors, cues)
        if owner is None:
            unclaimed.append((span, time))
        elif owner >= 0:
            attached.setdefault(owner, time)
    for span, time in unclaimed:
        free = [
            head
            for head in trigger_heads
            if head.i not in attached and head.sent.start == span.sent.start
        ]
        if free:
            nearest = min(free, key=lambda head: abs(head.i - span.root.i))
            attached[nearest.i] = time
    return attached


def _owner(token: Token, anchors: dict[int, int], cues: Cues) -> int | None:
    """The trigger a time hangs on; -1 when it dates a statement; None when undecided."""
    current = token
    while True:
        if current.i in anchors:
            return anchors[current.i]
        if cues.is_reporting(current):
            return -1
        if current.head.i == current.i:
            return None
        current = current.head
