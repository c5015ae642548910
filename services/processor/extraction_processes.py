"""Extraction processes forked from one that loaded the engine, dying with their worker.

Why: each spawned process loading its own model cost about 260 MB, and after ``kill -9`` of a
worker its extraction processes lived on, re-parented to PID 1. Here the worker starts one
*loader* process (a fresh interpreter, so the worker's Kafka threads are never forked), which
loads the engine once, freezes it out of the garbage collector's reach and forks the extraction
processes: they share the loaded model copy-on-write.

Each extraction process talks to the worker over a socket pair of its own: a batch of articles
in, the events (or the engine's exception) out. None outlives the worker: the loader and each
extraction process ask the kernel for SIGKILL when their parent dies (``PR_SET_PDEATHSIG``), and
an idle extraction process also exits when the worker's end of its socket closes. No
multiprocessing machinery is involved, so no resource tracker is left behind either.
"""

from __future__ import annotations

import ctypes
import gc
import json
import os
import pickle
import signal
import subprocess
import sys
from collections.abc import Sequence
from concurrent.futures import BrokenExecutor
from multiprocessing.connection import Connection, Pipe
from pathlib import Path
from typing import TYPE_CHECKING, Any

from schemas import Article

if TYPE_CHECKING:
    # Annotations only: importing the engine loads spaCy.
    from services.extraction import ExtractionEngine
    from services.extraction.sentence_faults import ArticleEvents

_PR_SET_PDEATHSIG = 1
# Articles the engine parses together, at most. spaCy holds the parse of all of them at once:
# on the news feed, 16 long articles added 156 MB to an extraction process's peak, 4 add 76 MB
# for the same CPU time (each process's share of a batch of 32 is 16).
PARSE_CHUNK = 4


class ExtractionProcessDied(BrokenExecutor):
    """An extraction process exited (or never started): the worker cannot code articles."""


def die_with_parent(parent_pid: int) -> None:
    """Ask the kernel to SIGKILL this process when its parent dies; exit at once if the parent
    already has. Linux only: elsewhere the socket watchdog alone stops idle processes."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_SET_PDEATHSIG) failed")
    # The parent may have died before the signal was armed: then no signal will ever come.
    if os.getppid() != parent_pid:
        os._exit(1)


class ForkedEngines:
    """``count`` extraction processes forked from a loader; :meth:`run` codes a batch in one."""

    def __init__(
        self,
        count: int,
        model_name: str,
        actor_data_dirs: tuple[Path, ...],
        threshold: float,
        article_budget_s: float | None,
    ) -> None:
        self.count = count
        self._config = json.dumps(
            {
                "model": model_name,
                "dirs": [str(d) for d in actor_data_dirs],
                "threshold": threshold,
                "budget": article_budget_s,
            }
        )
        self._connections: list[Connection] = []
        # The extraction processes' ids, once ready.
        self.pids: list[int] = []
        self._loader: subprocess.Popen[bytes] | None = None

    def launch(self) -> None:
        """Start the loader. Call it from a thread that lives as long as the pool (the event
        loop's): the kernel's parent-death signal fires when the *thread* that started the
        loader ends."""
        pairs = [Pipe(duplex=True) for _ in range(self.count)]
        child_ends = [child for _, child in pairs]
        fds = [str(child.fileno()) for child in child_ends]
        self._loader = subprocess.Popen(
            [sys.executable, "-m", __name__, str(os.getpid()), self._config, *fds],
            pass_fds=[child.fileno() for child in child_ends],
            stdin=subprocess.DEVNULL,
        )
        for child in child_ends:
            child.close()
        self._connections = [parent for parent, _ in pairs]

    def wait_ready(self) -> None:
        """Block until every extraction process has the engine; ExtractionProcessDied if the
        loader failed (its error is on the worker's stderr)."""
        self.pids = [self._receive(index)[1] for index in range(self.count)]

    def run(self, index: int, articles: Sequence[Article]) -> list[ArticleEvents]:
        """What extraction process ``index`` made of ``articles``; the engine's own exception
        is raised again here."""
        try:
            self._connections[index].send(list(articles))
        except (OSError, ValueError) as error:
            raise ExtractionProcessDied(f"extraction process {index}: {error}") from error
        kind, payload = self._receive(index)
        if kind == "error":
            raise payload
        result: list[ArticleEvents] = payload
        return result

    def _receive(self, index: int) -> tuple[str, Any]:
        try:
            reply: tuple[str, Any] = self._connections[index].recv()
        except (EOFError, OSError, ValueError) as error:
            code = self._loader.poll() if self._loader else None
            raise ExtractionProcessDied(
                f"extraction process {index} is gone (loader exit code {code})"
            ) from error
        return reply

    def kill(self) -> None:
        """SIGKILL the loader, which takes its extraction processes with it; safe from any
        thread (the watchdog of a worker that did not stop in time)."""
        loader = self._loader
        if loader is not None:
            loader.kill()

    def close(self) -> None:
        """Stop the loader, which takes its extraction processes with it."""
        for connection in self._connections:
            connection.close()
        self._connections = []
        if self._loader is not None:
            self._loader.kill()
            self._loader.wait()
            self._loader = None


def _serve(connection: Connection, engine: Any) -> None:
    """Code batches until the worker closes its end."""
    while True:
        try:
            articles = connection.recv()
        except (EOFError, OSError):
            return
        try:
            reply: tuple[str, Any] = ("events", code_in_chunks(engine, articles))
        except Exception as error:
            # Any engine fault is the batch's, reported to the worker, never this process's end.
            reply = ("error", _picklable(error))
        connection.send(reply)


def code_in_chunks(engine: ExtractionEngine, articles: Sequence[Article]) -> list[ArticleEvents]:
    """``engine.code_batch`` of ``articles``, :data:`PARSE_CHUNK` at a time."""
    return [
        outcome
        for first in range(0, len(articles), PARSE_CHUNK)
        for outcome in engine.code_batch(list(articles[first : first + PARSE_CHUNK]))
    ]


def _picklable(error: Exception) -> Exception:
    try:
        pickle.loads(pickle.dumps(error))
    except Exception:
        # Exceptions with unusual constructors do not survive pickling: keep their text.
        return RuntimeError(f"{type(error).__name__}: {error}")
    return error


def _main(argv: Sequence[str]) -> int:
    """The loader: load the engine, fork one extraction process per socket, wait for them."""
    die_with_parent(int(argv[0]))
    config = json.loads(argv[1])
    connections = [Connection(int(fd)) for fd in argv[2:]]
    # Imported here: the worker imports this module without paying for spaCy.
    from services.extraction import ExtractionEngine
    from services.extraction.data_loader import load_engine_data

    try:
        engine = ExtractionEngine.load(
            config["model"],
            data=load_engine_data([Path(d) for d in config["dirs"]]),
            confidence_threshold=config["threshold"],
            article_budget_s=config["budget"],
        )
        engine.warm_up()
    except Exception as error:
        # The worker sees the sockets close and reports its start as failed.
        print(f"extraction engine failed to load: {type(error).__name__}: {error}", file=sys.stderr)
        return 1
    # Objects the collector never scans keep their pages shared with the forked processes.
    gc.collect()
    gc.freeze()
    loader = os.getpid()
    for connection in connections:
        if os.fork() == 0:
            for other in connections:
                if other is not connection:
                    other.close()
            die_with_parent(loader)
            connection.send(("ready", os.getpid()))
            _serve(connection, engine)
            os._exit(0)
    for connection in connections:
        connection.close()
    # One extraction process ending ends them all: the worker then sees its sockets close.
    os.wait()
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
