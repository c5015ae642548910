"""How long the batch being coded has run, for readiness and a gauge.

A batch that codes for longer than the per-article budget means the worker is stuck on
something the budget does not cover (a stage that never returns, an extraction process that
hangs), while its partitions look quiet: readiness fails and the gauge shows for how long.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

from prometheus_client import Gauge

from services.processor.metrics import REGISTRY

# Gauge: seconds the batch now being coded has run; 0 between batches.
BATCH_CODING_SECONDS = Gauge(
    "dipstream_batch_coding_seconds",
    "Seconds the batch now being coded has run (0 between batches).",
    registry=REGISTRY,
)


class BatchClock:
    """When each batch being coded started (with several extraction processes, batches overlap);
    the oldest one is the one that tells."""

    def __init__(self, budget_s: float) -> None:
        self._budget_s = budget_s
        self._started: list[float] = []
        # The worker has one clock; the gauge reads the latest one made.
        BATCH_CODING_SECONDS.set_function(self.running_s)

    @contextmanager
    def coding(self) -> Iterator[None]:
        """Time the batch coded inside."""
        started = time.monotonic()
        self._started.append(started)
        try:
            yield
        finally:
            self._started.remove(started)

    def running_s(self) -> float:
        """Seconds the oldest batch being coded has run; 0 when none is."""
        return time.monotonic() - min(self._started) if self._started else 0.0

    @property
    def over_budget(self) -> bool:
        """True while the current batch has run longer than one article's budget."""
        return self.running_s() > self._budget_s

    def describe(self) -> str:
        """One line for the readiness report."""
        return (
            f"the batch being coded has run {self.running_s():.0f} s (budget {self._budget_s:g} s)"
        )
