"""Halts consumption when too many recent records are dead letters: a systemic fault.

A broken model or a producer gone wrong would otherwise drain the whole topic into the
dead-letter topic. Once tripped the guard stays tripped: the worker stops, and its window is
saved with every batch (``dlq_guard_store``), so the worker that restarts after it starts from
that window rather than from an empty one, and trips at its first dead letter while the share
is still too high. A record coded without a dead letter never trips the guard: after the fault
is fixed, the coded records slide the bad ones out of the window.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass


class DeadLetterGuardError(RuntimeError):
    """Raised to stop the worker when the dead-letter share is too high."""


@dataclass(frozen=True)
class GuardWindow:
    """What the guard has counted: the outcomes in its window, oldest first (True for a dead
    letter), and per partition of the articles topic the offset after the last one counted."""

    outcomes: tuple[bool, ...]
    positions: Mapping[int, int]


class DeadLetterGuard:
    """Sliding window over the outcomes of the last ``window`` records."""

    def __init__(self, window: int, max_ratio: float) -> None:
        self._outcomes: deque[bool] = deque(maxlen=window)
        self._positions: dict[int, int] = {}
        self._max_ratio = max_ratio
        self._tripped = False

    @property
    def tripped(self) -> bool:
        """True once a dead letter came while the full window's share was over the limit."""
        return self._tripped

    @property
    def ratio(self) -> float:
        """Share of dead letters among the outcomes in the window (0 when empty)."""
        if not self._outcomes:
            return 0.0
        return sum(self._outcomes) / len(self._outcomes)

    def record(self, dead_lettered: bool, partition: int, offset: int) -> None:
        """Count the outcome of the record at ``offset`` of ``partition``; a dead letter trips
        the guard when the full window is too bad. A record counted before (read again after
        a restart that came before its commit) is not counted twice."""
        if offset < self._positions.get(partition, 0):
            return
        self._positions[partition] = offset + 1
        self._outcomes.append(dead_lettered)
        # A few bad records at start-up are not a systemic fault: judge full windows only.
        window_full = len(self._outcomes) == self._outcomes.maxlen
        if dead_lettered and window_full and self.ratio > self._max_ratio:
            self._tripped = True

    def window(self) -> GuardWindow:
        """The window as it is now, to be saved."""
        return GuardWindow(tuple(self._outcomes), dict(self._positions))

    def restore(self, saved: GuardWindow) -> bool:
        """Start from a saved window (of a worker before this one), and say whether it did;
        outcomes beyond this guard's window size are dropped, oldest first. A guard that has
        counted already keeps its own window (Faust restarts an agent on a rebalance, and the
        agent loads the saved one again)."""
        if self._outcomes or self._positions:
            return False
        self._outcomes.extend(saved.outcomes)
        self._positions.update(saved.positions)
        return True

    def describe(self) -> str:
        """One line for logs and the readiness report."""
        return (
            f"{self.ratio:.0%} of the last {len(self._outcomes)} records were dead-lettered "
            f"(limit {self._max_ratio:.0%})"
        )
