"""Halts consumption when too many recent records are dead letters: a systemic fault.

A broken model or a producer gone wrong would otherwise drain the whole topic into the
dead-letter topic. Once tripped the guard stays tripped until the worker restarts.
"""

from __future__ import annotations

from collections import deque


class DeadLetterGuardError(RuntimeError):
    """Raised to stop the worker when the dead-letter share is too high."""


class DeadLetterGuard:
    """Sliding window over the outcomes of the last ``window`` records."""

    def __init__(self, window: int, max_ratio: float) -> None:
        self._outcomes: deque[bool] = deque(maxlen=window)
        self._max_ratio = max_ratio
        self._tripped = False

    @property
    def tripped(self) -> bool:
        """True once the window was full and its dead-letter share exceeded the limit."""
        return self._tripped

    @property
    def ratio(self) -> float:
        """Share of dead letters among the outcomes in the window (0 when empty)."""
        if not self._outcomes:
            return 0.0
        return sum(self._outcomes) / len(self._outcomes)

    def record(self, dead_lettered: bool) -> None:
        """Count one record's outcome; trips the guard when the full window is too bad."""
        self._outcomes.append(dead_lettered)
        # A few bad records at start-up are not a systemic fault: judge full windows only.
        window_full = len(self._outcomes) == self._outcomes.maxlen
        if window_full and self.ratio > self._max_ratio:
            self._tripped = True

    def describe(self) -> str:
        """One line for logs and the readiness report."""
        return (
            f"{self.ratio:.0%} of the last {len(self._outcomes)} records were dead-lettered "
            f"(limit {self._max_ratio:.0%})"
        )
