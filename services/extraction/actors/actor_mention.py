"""An actor as one place in a document names it."""

from __future__ import annotations

from dataclasses import dataclass

from schemas.event import Actor


@dataclass(frozen=True)
class ActorMention:
    """Tokens [start, end) of a doc name ``actor``; ``head`` is the noun the parse attaches.

    ``antecedent`` is the index, in the same list, of the first full mention of the same actor
    when this one is a later reference to it ("Peskov", "he", "the spokesman"). ``role`` is the
    canonical role of roles.yaml the mention states or the actor is known to hold, if any.
    ``nominal`` is true when the mention names no one and only says what the actor is ("the
    spokesman", "Israeli troops", "a Jordanian official").
    """

    start: int
    end: int
    head: int
    actor: Actor
    antecedent: int | None = None
    role: str | None = None
    nominal: bool = False
