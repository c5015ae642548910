"""Loading the spaCy pipeline, offline, and the cheap sentence split the pre-filter runs on."""

from __future__ import annotations

from dataclasses import dataclass

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Token

_SENTENCE_END = frozenset({".", "!", "?", "…"})
_CLOSERS = frozenset({'"', "'", "\u201d", "\u2019", ")", "]", "\u00bb"})


class PipelineUnavailableError(RuntimeError):
    """The spaCy model package is not installed; nothing is downloaded at run time."""


def load_pipeline(model_name: str) -> Language:
    """The installed spaCy pipeline ``model_name``; never fetches anything from the network."""
    try:
        return spacy.load(model_name)
    except OSError as error:
        raise PipelineUnavailableError(
            f"spaCy model {model_name!r} is not installed in this environment: {error}"
        ) from error


@dataclass(frozen=True)
class SentenceSlice:
    """A sentence of the article: its character offsets, its tokens' lowercase forms, and which
    tokens look like names (capitalised, and not a common word opening the sentence)."""

    start: int
    end: int
    lowers: tuple[str, ...]
    name_like: tuple[bool, ...]


def split_sentences(tokenized: Doc) -> list[SentenceSlice]:
    """Sentences from punctuation and line breaks alone: no tagger or parser involved.

    A closing quote or bracket after the full stop stays with its sentence; a line break always
    ends a sentence, since headlines and datelines carry no full stop.
    """
    sentences: list[SentenceSlice] = []
    current: list[int] = []
    ended = False
    for token in tokenized:
        if token.is_space and "\n" in token.text:
            _close(tokenized, current, sentences)
            current = []
            ended = False
            continue
        if ended and token.text not in _CLOSERS and token.text not in _SENTENCE_END:
            _close(tokenized, current, sentences)
            current = []
            ended = False
        current.append(token.i)
        if token.text in _SENTENCE_END:
            ended = True
    _close(tokenized, current, sentences)
    return sentences


def _close(tokenized: Doc, indices: list[int], sentences: list[SentenceSlice]) -> None:
    words = [i for i in indices if not tokenized[i].is_space]
    if not words:
        return
    first, last = tokenized[words[0]], tokenized[words[-1]]
    sentences.append(
        SentenceSlice(
            start=first.idx,
            end=last.idx + len(last.text),
            lowers=tuple(tokenized[i].lower_ for i in words),
            name_like=tuple(
                _name_like(tokenized[i], opening=position == 0) for position, i in enumerate(words)
            ),
        )
    )


def _name_like(token: Token, opening: bool) -> bool:
    text = token.text
    if not token.is_alpha or not text[:1].isupper():
        return False
    return not (opening and token.is_stop)
