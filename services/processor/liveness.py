"""Whether the worker's agents still run, for ``/healthz``.

A worker whose agent has returned or crashed still answers on its web server while Faust
stops (or, seen once in sixteen crash exits, hangs at "Wait for streams" for minutes): an
orchestrator must see it dead and replace it, rather than keep it because it answers.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager


class AgentLiveness:
    """The agents that started and the ones that have stopped since."""

    def __init__(self) -> None:
        self._started: set[str] = set()
        self._stopped: set[str] = set()

    @contextmanager
    def running(self, agent: str) -> Iterator[None]:
        """Run an agent's body inside: once it leaves, however, the agent counts as stopped."""
        self._started.add(agent)
        try:
            yield
        finally:
            self._stopped.add(agent)

    @property
    def stopped(self) -> list[str]:
        """The agents that started and are no longer running, by name."""
        return sorted(self._stopped)

    @property
    def alive(self) -> bool:
        """True while no agent that started has stopped."""
        return not self._stopped
