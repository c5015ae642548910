"""What the engine made of one article: its events, and the sentences it raised on.

Why: one sentence that makes a stage raise (an engine bug, an input no rule foresaw) must cost
that sentence's events, not the article's. The engine codes the triggers of each sentence
apart, keeps the events of the other sentences and reports each failed sentence with where it
is and what was raised; the worker publishes the events it has and records the failure.
"""

from __future__ import annotations

from dataclasses import dataclass

from schemas import DiplomaticEvent, TextSpan

# Longest exception message kept per failed sentence: reports travel in Kafka headers.
MAX_MESSAGE_CHARS = 300


@dataclass(frozen=True)
class SentenceFailure:
    """A sentence the engine raised on: its number among the article's parsed sentences
    (0-based), its character offsets in the article (end exclusive), and the exception."""

    index: int
    start: int
    end: int
    error_type: str
    message: str

    @classmethod
    def of(cls, index: int, sentence: TextSpan, error: Exception) -> SentenceFailure:
        """The failure of sentence ``index``, spanning ``sentence``, that raised ``error``."""
        return cls(
            index,
            sentence.start,
            sentence.end,
            type(error).__name__,
            str(error)[:MAX_MESSAGE_CHARS],
        )

    def describe(self) -> str:
        """One line: ``sentence 3 [120:188] ValueError: ...``."""
        return f"sentence {self.index} [{self.start}:{self.end}] {self.error_type}: {self.message}"


class SentenceCodingError(RuntimeError):
    """Raised by the calls that return events only, when a sentence could not be coded."""


@dataclass(frozen=True)
class ArticleEvents:
    """The events of one article, the sentences that failed, and how many were coded."""

    events: list[DiplomaticEvent]
    failed_sentences: tuple[SentenceFailure, ...] = ()
    # Sentences whose triggers the engine read (the ones that failed among them).
    coded_sentences: int = 0

    @property
    def every_sentence_failed(self) -> bool:
        """True when sentences failed and none was coded: the article as a whole failed."""
        return bool(self.failed_sentences) and len(self.failed_sentences) >= self.coded_sentences

    def events_or_raise(self) -> list[DiplomaticEvent]:
        """The events, or :class:`SentenceCodingError` naming the first failed sentence."""
        if self.failed_sentences:
            first = self.failed_sentences[0]
            raise SentenceCodingError(
                f"{len(self.failed_sentences)} sentence(s) could not be coded; {first.describe()}"
            )
        return self.events
