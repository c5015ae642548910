"""The dateline that opens a wire story ("KABUL (Reuters) -", "LIMA, Peru --"): where the story
was filed, never who acts in it."""

from __future__ import annotations

from spacy.tokens import Span

# How far into a sentence a dateline may run: "ANNAPOLIS, Maryland, Nov 27 (Global Desk) -" is
# eleven tokens.
_LONGEST = 16
_CLOSERS = frozenset({"-", "--", "\u2013", "\u2014", ":", ")"})


def dateline_end(sentence: Span) -> int:
    """The token index just past the sentence's dateline, or its start when it has none.

    A dateline opens with a place name in capitals and ends at the dash, colon or closing
    bracket of the agency before the story proper. It holds names, dates and the agency, never
    a lower-case word outside the agency's brackets: "NATO allies meet - officials" is a
    headline, not a dateline.
    """
    first = sentence[0] if len(sentence) else None
    if first is None or not (first.is_alpha and first.is_upper and len(first) > 2):
        return sentence.start
    closer = _first_closer(sentence[:_LONGEST])
    if closer is None:
        return sentence.start
    end = closer + 1
    # "(AP) -": the dash after the agency belongs to the dateline too.
    if end < sentence.end and sentence.doc[end].text in _CLOSERS - {")"}:
        end += 1
    return end


def _first_closer(opening: Span) -> int | None:
    """The index of the dash, colon or bracket closing a dateline within ``opening``, if the
    words before it can be a dateline's."""
    depth = 0
    for token in opening:
        if token.text in _CLOSERS and not (token.text == ")" and depth == 0):
            return token.i
        if token.text == "(":
            depth += 1
        elif token.text == ")":
            depth -= 1
        elif depth == 0 and token.is_alpha and token.text[0].islower():
            return None
    return None
