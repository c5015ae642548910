"""Finding the actors a parsed document names, coded, with later references resolved."""

from __future__ import annotations

from datetime import date

from spacy.tokens import Doc

from services.extraction.actors.actor_mention import ActorMention
from services.extraction.actors.coreference import resolve_coreferences
from services.extraction.actors.domestic import place_domestic, place_people
from services.extraction.actors.elements import find_elements
from services.extraction.actors.matcher import ActorMatcher
from services.extraction.actors.phrases import code_phrases


def find_actor_mentions(
    doc: Doc, matcher: ActorMatcher, *, resolve: bool = True, on: date | None = None
) -> list[ActorMention]:
    """Every actor mention in ``doc``, in document order, names coded as they stood on the day
    ``on`` (the article's publication date; without it, each name's latest term). ``matcher``
    is the gazetteer compiled for the vocabulary ``doc`` shares, built once per engine.

    Mentions do not overlap, except that a reference to several people ("the two presidents")
    is one mention per person over the same tokens. With ``resolve`` (the default) later
    references (surnames, pronouns, "the spokesman") carry the coding of the first full mention
    and point at it through ``antecedent``; see :func:`resolve_coreferences`.
    """
    gazetteer = matcher.gazetteer
    elements = find_elements(doc, matcher, on)
    mentions = code_phrases(doc, elements.pieces, gazetteer.is_honorific)
    domestic = gazetteer.domestic_roles
    mentions = place_people(doc, mentions, elements.dateline_country, domestic)
    if resolve:
        mentions = resolve_coreferences(doc, mentions, gazetteer)
    return place_domestic(doc, mentions, elements.dateline_country, domestic)
