"""A stopping worker is gone within its grace, whatever it was doing.

Why: on SIGTERM Faust waited for every record taken from the stream to be acked, so a worker
coding a long article stopped only once the article was coded (minutes, for the longest), and
a crashed worker once hung at "Wait for streams" for minutes; an orchestrator then kills it
without letting it commit. Here, once the worker begins to stop:

- the agents take no new batch, and the consumer's final wait is for the batches in hand
  (:meth:`Shutdown.idle`), not for records that no agent will handle any more;
- a batch still being coded when half the grace has passed is abandoned: it is not published
  and not acked, so it is read again after the restart (no article lost, none published twice
  under exactly-once); a batch being published is never cut short, so that no transaction
  holds part of a batch;
- if the worker has not exited when the whole grace has passed, a watchdog thread (which a
  blocked event loop cannot hold up) kills the extraction processes and exits with a non-zero
  code (:data:`HARD_EXIT_CODE`).
"""

from __future__ import annotations

import asyncio
import logging
import os
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import faust

logger = logging.getLogger(__name__)

# Exit code of a worker that did not stop within its grace.
HARD_EXIT_CODE = 1


class Shutdown:
    """When the worker began to stop, the batches it still has in hand, and the watchdog."""

    def __init__(
        self,
        grace_s: float,
        on_hard_exit: Callable[[], None],
        hard_exit: Callable[[int], object] = os._exit,
    ) -> None:
        self.grace_s = grace_s
        self._on_hard_exit = on_hard_exit
        # os._exit: no clean-up may run, it is what hangs; tests pass a recorder.
        self._hard_exit = hard_exit
        self._stopping = False
        self._in_hand = 0
        self._idle = asyncio.Event()
        self._idle.set()
        self._abandon = asyncio.Event()

    @property
    def stopping(self) -> bool:
        """True once the worker has begun to stop."""
        return self._stopping

    def begin(self) -> None:
        """Start stopping (again is a no-op): arm the watchdog, and abandon the batch being
        coded once half the grace has passed. Called in the event loop."""
        if self._stopping:
            return
        self._stopping = True
        logger.info("stopping within %g s: no new batch is taken", self.grace_s)
        threading.Thread(target=self._watch, name="shutdown-watchdog", daemon=True).start()
        asyncio.get_running_loop().call_later(self.grace_s / 2, self._abandon.set)

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Handle one batch inside: :meth:`idle` waits until no batch is."""
        self._in_hand += 1
        self._idle.clear()
        try:
            yield
        finally:
            self._in_hand -= 1
            if not self._in_hand:
                self._idle.set()

    async def idle(self) -> None:
        """Return once no batch is in hand."""
        # A batch handed from coding to its publishing task is taken again by that task
        # before a waiter woken by the coding's release runs: look again after each wake-up.
        while self._in_hand:
            await self._idle.wait()

    async def abandoned(self) -> None:
        """Return once a batch still being coded is to be given up."""
        await self._abandon.wait()

    def _watch(self) -> None:
        time.sleep(self.grace_s)
        logger.critical(
            "the worker did not stop within its %g s grace: exiting now (code %d); what it "
            "had not committed is read again after the restart",
            self.grace_s,
            HARD_EXIT_CODE,
        )
        try:
            self._on_hard_exit()
        finally:
            for stream in (sys.stdout, sys.stderr):
                stream.flush()
            self._hard_exit(HARD_EXIT_CODE)


class StoppingWorker(faust.Worker):
    """``faust.Worker`` that begins its app's :class:`Shutdown` (the app's ``shutdown``) as it
    starts to stop, on a signal or a crash."""

    async def stop(self) -> None:
        """Begin the bounded shutdown, then stop as Faust does."""
        shutdown: Shutdown | None = getattr(self.app, "shutdown", None)
        if shutdown is not None:
            shutdown.begin()
        await super().stop()
