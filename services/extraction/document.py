"""A parsed article: the parsed sentences joined into one Doc, with offsets into the original.

Only candidate sentences are parsed, one Doc each; joining them lets coreference and the matchers
work across sentences, and the offset table maps every character back to the article text.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from schemas import TextSpan
from services.extraction.nlp import SentenceSlice


class ParsedArticle:
    """The joined Doc of the parsed sentences, and the original article text."""

    def __init__(self, text: str, sentences: Sequence[SentenceSlice], docs: Sequence[Doc]) -> None:
        self.text = text
        self.doc = Doc.from_docs(list(docs), ensure_whitespace=True)
        self._joined_starts: list[int] = []
        self._original_starts: list[int] = [sentence.start for sentence in sentences]
        first_token = 0
        for parsed in docs:
            self._joined_starts.append(self.doc[first_token].idx if len(parsed) else 0)
            first_token += len(parsed)

    def original_offset(self, joined_offset: int) -> int:
        """Where a character of the joined Doc sits in the article text."""
        index = max(0, bisect_right(self._joined_starts, joined_offset) - 1)
        return self._original_starts[index] + joined_offset - self._joined_starts[index]

    def span_of_tokens(self, start: int, end: int) -> TextSpan:
        """The article text of tokens ``start`` to ``end`` (exclusive) of the joined Doc."""
        return self.span_of(self.doc[start:end])

    def span_of(self, span: Span | Token) -> TextSpan:
        """A span or token of the joined Doc as offsets into the article text."""
        if isinstance(span, Token):
            begin, finish = span.idx, span.idx + len(span.text)
        else:
            begin, finish = span.start_char, span.end_char
        start, end = self.original_offset(begin), self.original_offset(finish)
        return TextSpan(text=self.text[start:end], start=start, end=end)

    def sentence_of(self, token: Token) -> TextSpan:
        """The sentence of a token, in article offsets."""
        return self.span_of(token.sent)
