"""A time budget per article, so that no single article can hold a stream for minutes.

Coding time grows with an article's length and with what it holds; an article that runs past
its budget is given up at the next stage boundary and reported, and the articles around it go
on. The budget is checked between the stages that follow parsing (parsing is linear in length
and done for several articles at once), so an article may overrun it by one stage.
"""

from __future__ import annotations

import time


class ExtractionTimeoutError(TimeoutError):
    """Coding one article ran past its time budget."""


class ArticleClock:
    """The time one article has had; :meth:`check` raises once it is over the budget."""

    def __init__(self, article_id: str, budget_s: float | None) -> None:
        self._article_id = article_id
        self._budget_s = budget_s
        self._started = time.perf_counter()

    def check(self) -> None:
        """Raise :class:`ExtractionTimeoutError` if the article has run past its budget."""
        if self._budget_s is None:
            return
        elapsed = time.perf_counter() - self._started
        if elapsed > self._budget_s:
            raise ExtractionTimeoutError(
                f"article {self._article_id!r} ran {elapsed:.1f} s, "
                f"over its {self._budget_s:g} s budget"
            )
