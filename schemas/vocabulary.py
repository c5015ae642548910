"""Closed vocabularies shared by the event, story and dead-letter messages."""

from __future__ import annotations

from enum import IntEnum, StrEnum


class PloverRoot(StrEnum):
    """The sixteen PLOVER event roots, from cooperation to violence."""

    AGREE = "AGREE"
    CONSULT = "CONSULT"
    SUPPORT = "SUPPORT"
    CONCEDE = "CONCEDE"
    COOPERATE = "COOPERATE"
    AID = "AID"
    RETREAT = "RETREAT"
    REQUEST = "REQUEST"
    ACCUSE = "ACCUSE"
    REJECT = "REJECT"
    THREATEN = "THREATEN"
    PROTEST = "PROTEST"
    SANCTION = "SANCTION"
    MOBILIZE = "MOBILIZE"
    COERCE = "COERCE"
    ASSAULT = "ASSAULT"


class QuadClass(IntEnum):
    """GDELT's quad class: 1 and 2 cooperate, 3 and 4 conflict; odd is verbal, even material."""

    VERBAL_COOPERATION = 1
    MATERIAL_COOPERATION = 2
    VERBAL_CONFLICT = 3
    MATERIAL_CONFLICT = 4

    @property
    def slug(self) -> str:
        """Kebab-case name used as the suffix of the quad-class topic."""
        return self.name.lower().replace("_", "-")


class EventStatus(StrEnum):
    """Whether and how the event happened, as the article tells it."""

    OCCURRED = "occurred"
    ONGOING = "ongoing"
    SCHEDULED = "scheduled"
    INTENDED = "intended"
    PROPOSED = "proposed"
    HYPOTHETICAL = "hypothetical"
    DENIED = "denied"  # reported as false by someone
    REFUSED = "refused"  # an actor declined to do it
    CANCELLED = "cancelled"


class TimePrecision(StrEnum):
    """How finely the article pins down when the event happens."""

    MINUTE = "minute"
    HOUR = "hour"
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"
    VAGUE = "vague"


class ActorKind(StrEnum):
    """What an actor is."""

    STATE = "state"
    PERSON = "person"
    ORGANISATION = "organisation"
    GROUP = "group"
