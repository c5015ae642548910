"""What one spelling of the gazetteer codes to, term by term: a name stands for whoever held
the office on the article's date ("Clinton" in 2000 and in 2010 are two people)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from schemas.vocabulary import ActorKind


class EntryForm(StrEnum):
    """How a spelling refers to its actor."""

    NAME = "name"
    DEMONYM = "demonym"
    METONYM = "metonym"
    REGION = "region"


@dataclass(frozen=True)
class GazetteerEntry:
    """What one spelling codes to."""

    name: str
    country: str | None
    sector: str | None
    kind: ActorKind
    form: EntryForm
    role: str | None = None
    # The term of office, both days included; None is open-ended.
    valid_from: date | None = None
    valid_to: date | None = None

    def holds_on(self, day: date) -> bool:
        """Whether the term includes ``day``."""
        return (self.valid_from or date.min) <= day <= (self.valid_to or date.max)

    def days_from(self, day: date) -> int:
        """How far ``day`` lies outside the term (0 inside it)."""
        if self.valid_from is not None and day < self.valid_from:
            return (self.valid_from - day).days
        if self.valid_to is not None and day > self.valid_to:
            return (day - self.valid_to).days
        return 0

    def overlaps(self, other: GazetteerEntry) -> bool:
        """Whether two terms share a day other than a handover day."""
        return (self.valid_from or date.min) < (other.valid_to or date.max) and (
            other.valid_from or date.min
        ) < (self.valid_to or date.max)


def entry_on(terms: Sequence[GazetteerEntry], day: date | None) -> GazetteerEntry:
    """The term a spelling stands for on ``day``: the one holding then, the newer one on a
    handover day; outside every term the nearest one, so a former leader keeps a country.
    Without a date, the latest term."""
    if len(terms) == 1:
        return terms[0]
    if day is None:
        return max(terms, key=lambda term: term.valid_to or date.max)
    holding = [term for term in terms if term.holds_on(day)]
    if holding:
        return max(holding, key=lambda term: term.valid_from or date.min)
    return min(terms, key=lambda term: term.days_from(day))
