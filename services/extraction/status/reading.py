"""Whether an event happened, will happen, is only wished for, or is denied or refused.

Cues are read on the trigger and on the words governing it. Auxiliaries, negation and
conditional marks count only within the trigger's own clause (through "to"-infinitives and, for
a noun, the verb it is subject or object of); governing verbs count all the way up, so that
"dismissed reports that X planned to visit" is a denied visit. A denial or a refusal always wins
over the thing denied or refused: that is never coded as having happened.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from schemas import EventStatus
from services.extraction.status.cues import Cues, base_forms

# Steps up the tree that stay within the trigger's clause.
_SAME_CLAUSE_DEPS = frozenset({"xcomp", "nsubj", "nsubjpass", "dobj", "attr"})
_PAST_TAGS = frozenset({"VBD", "VBN"})


@dataclass(frozen=True)
class StatusReading:
    """The status of one trigger, and whether a cue word (not a default) decided it."""

    status: EventStatus
    cued: bool
    # Refused through a negation ("will not accept"), not through a refusing verb.
    negated_refusal: bool = False
    # Governed by a verb that commits to nothing ("would neither confirm nor deny reports of
    # X"): the sentence states no event.
    noncommittal: bool = False


def read_status(trigger: Token, nominal: bool, speech_act: bool, cues: Cues) -> StatusReading:
    """The status the sentence gives the event whose trigger head is ``trigger``. A
    ``speech_act`` (demand, offer, accusation) that is rejected still happened: only the
    rejection is new, so "rejected the demand" leaves the demand occurred."""
    found: list[EventStatus] = []
    negated = False
    # "no talks are planned": the event is denied or refused, but nobody is said to refuse.
    absent = False
    in_clause = True
    coordinated = False
    clause_verb = True
    token = trigger
    while True:
        if in_clause:
            negated = negated or _negated(token)
            absent = absent or _no_determiner(token)
            found.extend(_clause_cues(token, cues))
        if clause_verb and token.pos_ in ("VERB", "AUX"):
            # The clause's span of time covers its objects too ("have launched dozens of
            # attacks since January").
            clause_verb = False
            if _continuing(token, cues):
                found.append(EventStatus.ONGOING)
        if _noncommittal(token, cues):
            return StatusReading(EventStatus.HYPOTHETICAL, cued=True, noncommittal=True)
        if token.i != trigger.i and not coordinated:
            status = cues.governor(token)
            rejected_speech = (
                speech_act and status is EventStatus.REFUSED and trigger.head.i == token.i
            )
            if status is not None and not rejected_speech:
                found.append(status)
        own_cues = _noun_cues(token, cues) if nominal and token.i == trigger.i else []
        if nominal and token.i == trigger.i and _in_progress(token, cues):
            own_cues.append(EventStatus.ONGOING)
        found.extend(own_cues)
        if token.head.i == token.i:
            break
        # A noun's own tense wins over its clause's: "will review the exchange they carried
        # out last week" is about a past exchange.
        in_clause = in_clause and token.dep_ in _SAME_CLAUSE_DEPS and not own_cues
        # "denied any role and accused London": a verb joined to a denial is an act beside
        # it, not one it governs.
        coordinated = token.dep_ == "conj" and token.pos_ in ("VERB", "AUX")
        token = token.head
    if negated or absent:
        future = any(s in (EventStatus.SCHEDULED, EventStatus.INTENDED) for s in found)
        found.append(EventStatus.REFUSED if future else EventStatus.DENIED)
    if not found:
        return StatusReading(_default_status(trigger), cued=False)
    status = min(found, key=cues.rank)
    return StatusReading(
        status, cued=True, negated_refusal=negated and status is EventStatus.REFUSED
    )


def _clause_cues(token: Token, cues: Cues) -> list[EventStatus]:
    found: list[EventStatus] = []
    for child in token.children:
        if child.dep_ in ("aux", "auxpass"):
            status = cues.auxiliaries.get(child.lower_)
            if status is EventStatus.HYPOTHETICAL and _reported_future(token, child, cues):
                status = EventStatus.INTENDED
            if status is not None:
                found.append(status)
            elif child.lemma_ == "be" and token.tag_ == "VBG":
                found.append(EventStatus.ONGOING)
        elif child.dep_ == "mark" and child.lower_ in cues.conditional_marks:
            found.append(EventStatus.HYPOTHETICAL)
    if any(child.dep_ == "advcl" and _conditional(child, cues) for child in token.children) and (
        _modal(token, cues)
    ):
        # "will close the strait if attacked": a future or modal main clause holds only on the
        # condition ("threatened to strike if ..." is a threat made, whatever the condition).
        found.append(EventStatus.HYPOTHETICAL)
    if token.dep_ == "advcl":
        found.extend(
            EventStatus.HYPOTHETICAL
            for child in token.children
            if child.dep_ == "mark" and child.lower_ in cues.conditional_marks
        )
    return found


def _continuing(verb: Token, cues: Cues) -> bool:
    """A present perfect counted from a start ("since November they have launched twenty
    attacks"): still under way."""
    present_perfect = verb.tag_ == "VBN" and any(
        child.dep_ == "aux" and child.lower_ in ("have", "has", "'ve") for child in verb.children
    )
    return present_perfect and any(
        child.dep_ in ("prep", "mark") and child.lower_ in cues.continuing_marks
        for child in verb.children
    )


def _in_progress(noun: Token, cues: Cues) -> bool:
    """An actor in the middle of the event the noun names: "is on an official visit"."""
    preposition = noun.head
    verb = preposition.head
    return (
        noun.dep_ == "pobj"
        and preposition.lower_ in cues.in_progress_prepositions
        and verb.lemma_ == "be"
        and verb.tag_ in ("VBZ", "VBP")
    )


def _noun_cues(noun: Token, cues: Cues) -> list[EventStatus]:
    found: list[EventStatus] = []
    for child in noun.children:
        if child.dep_ in ("amod", "compound", "nmod"):
            status = cues.modifiers.get(child.lower_) or cues.modifiers.get(child.lemma_.lower())
            if status is not None:
                found.append(status)
        elif child.dep_ in ("acl", "relcl"):
            status = cues.governor(child)
            if status is not None:
                found.append(status)
            elif child.tag_ in _PAST_TAGS:
                found.append(EventStatus.OCCURRED)
    return found


def _conditional(clause: Token, cues: Cues) -> bool:
    return any(
        child.dep_ == "mark" and child.lower_ in cues.conditional_marks for child in clause.children
    )


def _modal(verb: Token, cues: Cues) -> bool:
    return any(child.dep_ == "aux" and child.lower_ in cues.auxiliaries for child in verb.children)


def _reported_future(verb: Token, auxiliary: Token, cues: Cues) -> bool:
    """Whether "would" is the future of a past report, a stated plan ("said the envoy would
    travel to Beirut"), not a conditional: the clause is what a past reporting verb says."""
    reporter = verb.head
    return (
        auxiliary.lower_ in ("would", "'d")
        and verb.dep_ == "ccomp"
        and reporter.tag_ == "VBD"
        and cues.is_reporting(reporter)
    )


def _negated(token: Token) -> bool:
    return any(child.dep_ == "neg" for child in token.children)


def _no_determiner(token: Token) -> bool:
    return any(child.dep_ == "det" and child.lower_ == "no" for child in token.children)


def _noncommittal(verb: Token, cues: Cues) -> bool:
    """A verb such as "confirm" or "deny" that commits to nothing: negated ("did not confirm"),
    paired by "neither ... nor", or declined ("declined to comment on reports that ...")."""
    if base_forms(verb).isdisjoint(cues.noncommittal_verbs):
        return False
    pairing = [verb, verb.head] if verb.dep_ == "conj" else [verb]
    if any(child.lower_ in ("neither", "nor") for word in pairing for child in word.children):
        return True
    declined = verb.dep_ == "xcomp" and cues.governor(verb.head) is EventStatus.REFUSED
    return declined or _negated(verb)


def _default_status(trigger: Token) -> EventStatus:
    if trigger.tag_ == "VBG" and any(c.lemma_ == "be" for c in trigger.children):
        return EventStatus.ONGOING
    return EventStatus.OCCURRED
