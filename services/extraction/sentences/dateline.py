"""The dateline that opens a wire story ("KABUL (Reuters) -", "LIMA, Peru --"): where the story
was filed, never who acts in it."""

from __future__ import annotations

from spacy.tokens import Span

# How far into a sentence a dateline may run.
_LONGEST = 8
_CLOSERS = frozenset({"-", "--", "\u2013", "\u2014", ":", ")"})


def dateline_end(sentence: Span) -> int:
    """The token index just past the sentence's dateline, or its start when it has none.

    A dateline opens with a place name in capitals and ends at the dash, colon or closing
    bracket of the agency before the story proper.
    """
    first = sentence[0] if len(sentence) else None
    if first is None or not (first.is_alpha and first.is_upper and len(first) > 2):
        return sentence.start
    closers = [t.i for t in sentence[:_LONGEST] if t.text in _CLOSERS]
    if not closers:
        return sentence.start
    end = closers[0] + 1
    # "(AP) -": the dash after the agency belongs to the dateline too.
    if end < sentence.end and sentence.doc[end].text in _CLOSERS - {")"}:
        end += 1
    return end
