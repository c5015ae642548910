"""The place a story is datelined from, and which of its events happen there.

A dateline says where the reporter filed from, not where everything told happened: it is the
place of an event with no place of its own only when a side of that event belongs to the
dateline's country ("TBILISI - Georgian troops fought ...") and the event is the story's news
(in the lead, or dated in the story's days), never of the events of far-off actors the story
reports ("WASHINGTON - ... Moscow said ...") or of the background ("in 2014, ...").
"""

from __future__ import annotations

from dataclasses import dataclass
from zoneinfo import ZoneInfo

from schemas import Actor, Location
from services.extraction.places.disambiguation import PlaceContext, choose
from services.extraction.places.gazetteer import PlaceGazetteer


@dataclass(frozen=True)
class NamedPlace:
    """A place named without context, as in a dateline, and the zone of its clocks."""

    location: Location
    zone: ZoneInfo | None


def place_of_name(gazetteer: PlaceGazetteer, text: str) -> NamedPlace | None:
    """The place a bare name means ("MOSCOW", "ANNAPOLIS, Maryland"): without context, the
    country or the most prominent city of that name."""
    found = gazetteer.candidates(text.split(",")[0])
    chosen = choose(found, PlaceContext(frozenset(), frozenset(), frozenset())) if found else None
    if chosen is None:
        return None
    location = chosen.location()
    return NamedPlace(location, gazetteer.time_zone(location))


@dataclass(frozen=True)
class StoryPlace:
    """The dateline's place and where the lead paragraph ends (an article offset)."""

    location: Location
    lead_end: int

    def location_of(
        self, sentence_start: int, source: Actor, target: Actor | None, current: bool
    ) -> Location | None:
        """The dateline's place, for an event one of whose sides is of its country, told in
        the lead or dated in the days of the story (``current``), not in the background."""
        countries = {source.country, target.country if target else None}
        if self.location.country not in countries:
            return None
        return self.location if sentence_start < self.lead_end or current else None
