"""Institutions named again without their country: "the administration", "the ministry", "the
Council" after "the Bush administration", "Egypt's foreign ministry", "the UN Security Council".

News names an institution in full once and then by its head noun alone; the short form is the
same institution, so it takes the coding of the nearest earlier mention with the same head noun
that has a country, anywhere before it in the article (institutions are re-mentioned further
apart than people). Only a definite, singular short form refers back: "a ministry" or
"ministries" name no particular one.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from schemas.vocabulary import ActorKind
from services.extraction.actors.actor_mention import ActorMention
from services.extraction.actors.referents import Slot

_DEFINITE = frozenset({"the", "this", "that"})
_SINGULAR_TAGS = frozenset({"NN", "NNP"})


def resolve_institution(doc: Doc, slot: Slot, earlier: list[Slot]) -> None:
    """Point a bare definite institution at the nearest earlier one of the same head noun."""
    mention = slot.mention
    if mention.actor.country is not None or mention.actor.kind is not ActorKind.ORGANISATION:
        return
    head = doc[mention.head]
    if not _bare_definite(doc, head, mention.start):
        return
    noun = head.lemma_.lower()
    for candidate in reversed(earlier):
        roots = candidate.referents()
        coded = roots[0].mention
        if len(roots) == 1 and coded.actor.country is not None and _head_noun(doc, coded) == noun:
            slot.refer_to(roots)
            return


def _bare_definite(doc: Doc, head: Token, start: int) -> bool:
    """ "the ministry", "the Council": a singular head after "the" and nothing else."""
    words = [token for token in doc[start : head.i] if token.pos_ != "PUNCT"]
    determiners = {c.lower_ for c in head.children if c.dep_ == "det"}
    return head.tag_ in _SINGULAR_TAGS and not words and bool(determiners & _DEFINITE)


def _head_noun(doc: Doc, mention: ActorMention) -> str:
    return doc[mention.head].lemma_.lower()
