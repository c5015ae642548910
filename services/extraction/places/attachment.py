"""Which named place, if any, is where an event happens: the one a locative preposition
attaches to the event's trigger or to the clause the trigger heads.

"talks held in Istanbul" -> Istanbul; "will speak by phone" -> none; travel words also take
their destination ("visit Russia", "a trip to Beijing"); in "Peskov said at a
press conference in Moscow that the talks were useful", Moscow hangs from "said", so it is
where the statement was made, not where the talks were.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator, Sequence

from spacy.tokens import Doc, Span, Token

from services.extraction.places.finder import PlaceMention, PlaceWords, is_locative_object

_NOMINAL = frozenset({"NOUN", "PROPN"})
# A noun trigger shares the location of the verb it is the subject or object of:
# "they held talks in Geneva", "the summit was held in Geneva".
_ARGUMENT_DEPS = frozenset({"dobj", "nsubj", "nsubjpass", "attr"})
# A verb trigger's subject and object share its location: "blocked roads in the capital",
# "a bombing near the town killed two".
_VERB_ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj"})
# Participles and relative clauses that describe a noun trigger: "talks held in Istanbul",
# "talks that took place in Doha".
_DESCRIBING_DEPS = frozenset({"acl", "relcl"})
# Links that lead from a named place back to the word a preposition governs:
# "Tbilisi, Georgia" (appos), "Paris and Berlin" (conj).
_SAME_PLACE_DEPS = frozenset({"appos", "conj"})


def _is_travel(token: Token, words: PlaceWords) -> bool:
    return token.lemma_.lower() in words.destination_words


def _is_destination(place: Token, trigger: Token, words: PlaceWords) -> bool:
    """ "visit Russia", "a trip to Beijing", "paid a visit to Brazil": only for travel words,
    the trigger's own or its object's."""
    for travel in (trigger, *(child for child in trigger.children if child.dep_ == "dobj")):
        if not _is_travel(travel, words):
            continue
        if place.dep_ == "dobj" and place.head.i == travel.i:
            return True
        preposition = place.head
        if place.dep_ == "pobj" and preposition.lower_ == "to" and preposition.head.i == travel.i:
            return True
    return False


def _attachment_points(trigger: Token) -> set[int]:
    """Token indices a locative phrase may hang from and still say where the event is."""
    points = {trigger.i}
    points.update(child.i for child in trigger.children if child.dep_ in _DESCRIBING_DEPS)
    if trigger.pos_ in ("VERB", "AUX"):
        points.update(child.i for child in trigger.children if child.dep_ in _VERB_ARGUMENT_DEPS)
    if trigger.pos_ in _NOMINAL and trigger.dep_ in _ARGUMENT_DEPS:
        verb = trigger.head
        points.add(verb.i)
        # "talks are scheduled to take place in Geneva"
        points.update(child.i for child in verb.children if child.dep_ == "xcomp")
    if trigger.dep_ == "pobj" and trigger.head.lower_ == "for":
        points.add(trigger.head.head.i)  # "arrived in Riyadh for talks"
    return points


def _hosts(place: Token, words: PlaceWords) -> Iterator[Token]:
    """The words a place is attached to through locative prepositions, innermost first:
    "at a press conference in Moscow" gives "conference", then the verb "at" hangs from."""
    token = place
    while token.dep_ in _SAME_PLACE_DEPS and token.head is not token:
        token = token.head
    if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.dep_ == "pobj":
        token = token.head.head  # "in the Turkish city of Istanbul"
    while is_locative_object(token, words):
        preposition = token.head
        while preposition.dep_ == "conj" and preposition.head.dep_ == "prep":
            preposition = preposition.head  # "in Doha and in Cairo"
        host = preposition.head
        yield host
        token = host


def place_of_event(
    doc: Doc, trigger_token_index: int, places: Sequence[PlaceMention], words: PlaceWords
) -> PlaceMention | None:
    """The place attached to the trigger, the nearest one when several are; else the place
    its clause is told to happen at: "Brazil, where he held talks", "arrived in Pyongyang and
    met Kim"."""
    attached = _attached_place(doc, trigger_token_index, places, words)
    if attached is not None:
        return attached
    trigger = doc[trigger_token_index]
    clause = trigger.head if trigger.dep_ in _ARGUMENT_DEPS else trigger
    if clause.dep_ == "relcl" and any(child.lower_ == "where" for child in clause.children):
        return next(
            (
                place
                for place in _sentence_places(places, trigger.sent)
                if _root_of(doc, place) == clause.head.i
            ),
            None,
        )
    if clause.dep_ == "conj" and _is_travel(clause.head, words):
        return _attached_place(doc, clause.head.i, places, words)
    return None


def _sentence_places(places: Sequence[PlaceMention], sentence: Span) -> Iterator[PlaceMention]:
    """The places (in article order) that start inside ``sentence``, found by bisection."""
    first = bisect_left(places, sentence.start_char, key=lambda place: place.start)
    for index in range(first, len(places)):
        if places[index].start >= sentence.end_char:
            return
        yield places[index]


def _root_of(doc: Doc, place: PlaceMention) -> int | None:
    span = doc.char_span(place.start, place.end, alignment_mode="expand")
    return None if span is None else span.root.i


def _attached_place(
    doc: Doc, trigger_token_index: int, places: Sequence[PlaceMention], words: PlaceWords
) -> PlaceMention | None:
    """The place attached to the trigger in its own sentence; the nearest one when several are.

    ``places`` are in article order, as ``find_places`` gives them: only the trigger's own
    sentence is looked at, found by bisection, so that an article's events cost time in
    proportion to its length rather than to its length squared (every event looked at every
    place of the article, at the cost of a span each).
    """
    trigger = doc[trigger_token_index]
    points = _attachment_points(trigger)
    sentence = trigger.sent
    attached: list[tuple[int, PlaceMention]] = []
    for place in _sentence_places(places, sentence):
        span = doc.char_span(place.start, place.end, alignment_mode="expand")
        if span is None or span.sent.start != sentence.start:
            continue
        if _is_destination(span.root, trigger, words) or any(
            host.i in points for host in _hosts(span.root, words)
        ):
            attached.append((abs(span.root.i - trigger.i), place))
    return min(attached, key=lambda item: item[0])[1] if attached else None
