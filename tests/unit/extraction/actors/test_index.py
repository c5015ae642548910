"""The actor index's lookups by position, which the event rules ask once per trigger."""

from __future__ import annotations

from spacy.language import Language

from services.extraction.actors import find_actor_mentions
from services.extraction.actors.index import ActorIndex
from services.extraction.actors.matcher import ActorMatcher

_TEXT = (
    "Vladimir Putin spoke with Donald Trump by phone. The two presidents agreed to meet. "
    "Emmanuel Macron welcomed the call."
)


def _index(nlp: Language, matcher: ActorMatcher) -> ActorIndex:
    doc = nlp(_TEXT)
    return ActorIndex(doc, find_actor_mentions(doc, matcher))


def test_mentions_starting_within_a_sentence(nlp: Language, matcher: ActorMatcher) -> None:
    index = _index(nlp, matcher)
    second = list(nlp(_TEXT).sents)[1]
    inside = index.starting_within(second.start, second.end)
    assert inside == [m for m in index.mentions if second.start <= m.start < second.end]
    assert sorted(m.actor.name for m in inside) == ["Donald Trump", "Vladimir Putin"]


def test_last_before_reads_back_to_the_latest_accepted_mention(
    nlp: Language, matcher: ActorMatcher
) -> None:
    index = _index(nlp, matcher)
    macron = next(m for m in index.mentions if m.actor.name == "Emmanuel Macron")
    found = index.last_before(macron.start, lambda _: True)
    # "The two presidents" is one mention per president over the same tokens: the first counts.
    assert found is not None and found.actor.text == "presidents"
    assert found == next(m for m in index.mentions if m.start == found.start)
    trump = index.last_before(macron.start, lambda m: m.actor.name == "Donald Trump")
    assert trump is not None and trump.start == found.start
    assert index.last_before(macron.end, lambda m: m.actor.name == "Nobody") is None
