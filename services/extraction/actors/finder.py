"""Finding the actors a parsed document names, coded, with later references resolved."""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from spacy.tokens import Doc
from spacy.vocab import Vocab

from services.extraction.actors.actor_mention import ActorMention
from services.extraction.actors.coreference import resolve_coreferences
from services.extraction.actors.domestic import place_domestic, place_people
from services.extraction.actors.elements import find_elements
from services.extraction.actors.gazetteer import ActorGazetteer
from services.extraction.actors.matcher import ActorMatcher
from services.extraction.actors.phrases import code_phrases


@lru_cache(maxsize=8)
def matcher_for(gazetteer: ActorGazetteer, vocab: Vocab) -> ActorMatcher:
    """The matcher of a gazetteer, compiled once per gazetteer and vocabulary."""
    return ActorMatcher(gazetteer, vocab)


def find_actor_mentions(
    doc: Doc, gazetteer: ActorGazetteer, *, resolve: bool = True, on: date | None = None
) -> list[ActorMention]:
    """Every actor mention in ``doc``, in document order, names coded as they stood on the day
    ``on`` (the article's publication date; without it, each name's latest term).

    Mentions do not overlap, except that a reference to several people ("the two presidents")
    is one mention per person over the same tokens. With ``resolve`` (the default) later
    references (surnames, pronouns, "the spokesman") carry the coding of the first full mention
    and point at it through ``antecedent``; see :func:`resolve_coreferences`.
    """
    elements = find_elements(doc, matcher_for(gazetteer, doc.vocab), on)
    mentions = code_phrases(doc, elements.pieces, gazetteer.is_honorific)
    domestic = gazetteer.domestic_roles
    mentions = place_people(doc, mentions, elements.dateline_country, domestic)
    if resolve:
        mentions = resolve_coreferences(doc, mentions, gazetteer)
    return place_domestic(doc, mentions, elements.dateline_country, domestic)
