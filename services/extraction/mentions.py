"""Actor mentions from the gazetteer's name matches, coded as ``schemas.Actor``."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from schemas import Actor
from services.extraction.actors.matcher import ActorMatcher


@dataclass(frozen=True)
class NamedMention:
    """An actor named at tokens [start, end) whose last token is its head."""

    start: int
    end: int
    head: int
    actor: Actor
    antecedent: int | None = None


def named_mentions(doc: Doc, matcher: ActorMatcher) -> list[NamedMention]:
    """Every gazetteer name in the doc as an actor mention."""
    found = []
    for match in matcher.names(doc):
        entry = match.entry
        actor = Actor(
            text=doc[match.start : match.end].text,
            name=entry.name,
            country=entry.country,
            sector=entry.sector,
            kind=entry.kind,
        )
        found.append(NamedMention(match.start, match.end, match.end - 1, actor))
    return found
