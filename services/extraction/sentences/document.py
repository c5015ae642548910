"""A parsed article: its candidate sentences parsed as one Doc, with offsets into the original.

Only candidate sentences are parsed. They are joined by single spaces into one text, so that
the matchers and coreference see the whole article in one Doc; the offset table maps every
character of that text back to the article.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from schemas import TextSpan
from services.extraction.sentences.pipeline import SentenceSlice

SEPARATOR = " "


def joined_text(text: str, sentences: Sequence[SentenceSlice]) -> str:
    """The text the pipeline parses: the chosen sentences of ``text``, space-separated."""
    return SEPARATOR.join(text[sentence.start : sentence.end] for sentence in sentences)


class ParsedArticle:
    """The Doc of the joined candidate sentences, and the original article text."""

    def __init__(self, text: str, sentences: Sequence[SentenceSlice], doc: Doc) -> None:
        self.text = text
        self.doc = doc
        self._original_starts = [sentence.start for sentence in sentences]
        self._joined_starts: list[int] = []
        position = 0
        for sentence in sentences:
            self._joined_starts.append(position)
            position += sentence.end - sentence.start + len(SEPARATOR)

    def original_offset(self, joined_offset: int) -> int:
        """Where a character of the joined text sits in the article text."""
        index = max(0, bisect_right(self._joined_starts, joined_offset) - 1)
        return self._original_starts[index] + joined_offset - self._joined_starts[index]

    def span_of_tokens(self, start: int, end: int) -> TextSpan:
        """The article text of tokens ``start`` to ``end`` (exclusive) of the Doc."""
        return self.span_of(self.doc[start:end])

    def span_of(self, span: Span | Token) -> TextSpan:
        """A span or token of the Doc as offsets into the article text."""
        if isinstance(span, Token):
            begin, finish = span.idx, span.idx + len(span.text)
        else:
            begin, finish = span.start_char, span.end_char
        start = self.original_offset(begin)
        # The end of a span is the end of its last character, never a following separator.
        end = self.original_offset(finish - 1) + 1 if finish > begin else start
        return TextSpan(text=self.text[start:end], start=start, end=end)

    def sentence_of(self, token: Token) -> TextSpan:
        """The sentence of a token, in article offsets."""
        return self.span_of(token.sent)
