"""Words that look like events but are not events of the story: a question put to a spokesman,
an analyst's reading, a habit described in passing, an occupation named after an act.

Every extra event costs an analyst as much as a missed one, and news articles are full of such
words around the few events they report ("aid agencies said", "Qatar, which hosts the base",
"Asked whether talks would resume, he said ..."). A trigger that only describes is dropped
before any event is built from it.
"""

from __future__ import annotations

from spacy.tokens import Token

from schemas import PloverRoot
from services.extraction.status.cues import Cues

# Tags of a present-tense verb in simple form ("hosts", "fly"), the tense of habits.
_SIMPLE_PRESENT = frozenset({"VBZ", "VBP"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})


def is_background(head: Token, nominal: bool, root: PloverRoot, cues: Cues) -> bool:
    """Whether the trigger headed by ``head``, of PLOVER ``root``, describes rather than reports
    an event."""
    return (
        _in_question(head)
        or _asked_about(head, cues)
        or _commented_on(head, cues)
        # A stance told in the present is one ("Iran, which Riyadh accuses of ...").
        or (root not in cues.speech_act_roots and _habit_of_an_actor(head, nominal))
        or (nominal and _names_an_occupation(head, cues))
    )


def _in_question(head: Token) -> bool:
    # A question states nothing ("Does Chile accept the offer?"), whoever asks it.
    return head.sent.text.rstrip(" \"'\u201d").endswith("?")


def _asked_about(head: Token, cues: Cues) -> bool:
    """The trigger is, or lies inside, the clause of a question opening the sentence."""
    return any(_opens_with_a_question(token, cues) for token in (head, *head.ancestors))


def _opens_with_a_question(token: Token, cues: Cues) -> bool:
    sentence = token.sent
    words = [t for t in sentence if not t.is_punct]
    return (
        bool(words)
        and words[0].i == token.i
        and token.lower_ in cues.question_openers
        and token.tag_ == "VBN"
        and not any(child.dep_ in _SUBJECTS for child in token.children)
    )


def _commented_on(head: Token, cues: Cues) -> bool:
    """The trigger is said by analysts or experts, who comment on the story."""
    for token in head.ancestors:
        if cues.is_reporting(token):
            return any(
                child.dep_ == "nsubj" and child.lemma_.lower() in cues.commentators
                for child in token.children
            )
    return False


def _habit_of_an_actor(head: Token, nominal: bool) -> bool:
    # "Qatar, which hosts the largest base": a relative clause in the simple present describes
    # the actor; a dated or future act in one ("which will host") is still reported.
    return (
        not nominal
        and head.dep_ == "relcl"
        and head.tag_ in _SIMPLE_PRESENT
        and not any(child.dep_ in ("aux", "auxpass") for child in head.children)
    )


def _names_an_occupation(head: Token, cues: Cues) -> bool:
    # "aid agencies", "riot police": the noun only says what the people do.
    return head.dep_ == "compound" and head.head.lemma_.lower() in cues.occupation_nouns


def is_purpose(head: Token, trigger_heads: set[int]) -> bool:
    """Whether the trigger only says what another act of its sentence was for ("sent his
    envoy to show support", "fired tear gas to disperse the crowd"): the act is the event."""
    return (
        head.dep_ == "advcl"
        and head.head.i in trigger_heads
        and any(child.dep_ == "aux" and child.lower_ == "to" for child in head.children)
    )
