"""A child process the demo, the benchmarks and the tests start, wait for and stop.

The worker, the live page and the local Prometheus are all run the same way: in a session of
their own (so a Ctrl-C in the terminal reaches only the parent, which then stops them in
order), logging to a file (keeping the parent's terminal for its own output), ready once they
answer on their port, stopped by SIGTERM and then SIGKILL. ``dipstream`` children get exactly
the parent's settings, as ``DIPSTREAM_*`` variables.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
from abc import ABC, abstractmethod
from pathlib import Path
from typing import ClassVar

from pydantic import SecretStr

from services.errors import UserError
from services.settings import Settings


def settings_environment(settings: Settings) -> dict[str, str]:
    """The ``DIPSTREAM_*`` variables that reproduce ``settings`` in a child process."""
    environment = {}
    for name, value in settings:
        if value is None:
            continue
        if isinstance(value, SecretStr):
            text = value.get_secret_value()
        elif isinstance(value, tuple):
            # pydantic-settings reads complex fields as JSON.
            text = json.dumps([str(item) for item in value])
        elif isinstance(value, bool):
            text = str(value).lower()
        else:
            text = str(value)
        environment[f"DIPSTREAM_{name.upper()}"] = text
    return environment


def start_command(
    command: str, settings: Settings, log_path: Path, cwd: Path | None = None
) -> subprocess.Popen[bytes]:
    """``dipstream <command>`` as a child in its own session, logging to ``log_path``, with
    exactly ``settings``: none leak in from this process's ``DIPSTREAM_*`` environment."""
    log_path.parent.mkdir(parents=True, exist_ok=True)
    inherited = {k: v for k, v in os.environ.items() if not k.startswith("DIPSTREAM_")}
    with log_path.open("ab") as log:
        return subprocess.Popen(
            [sys.executable, "-m", "services.cli.main", command],
            env={**inherited, **settings_environment(settings)},
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def ensure_port_free(host: str, port: int, variable: str) -> None:
    """UserError when something already listens on ``port``, naming the ``variable`` that
    chooses another."""
    try:
        with socket.create_connection((host, port), timeout=0.5):
            pass
    except OSError:
        return
    raise UserError(f"port {port} is in use: choose another with {variable}")


class ChildProcess(ABC):
    """One running child; :meth:`wait_ready` until :meth:`is_ready`, then :meth:`stop`."""

    # How messages name the child ("the worker"), and how long it is given.
    label: ClassVar[str]
    ready_timeout_s: ClassVar[float]
    stop_timeout_s: ClassVar[float]
    poll_s: ClassVar[float] = 0.25

    def __init__(self, process: subprocess.Popen[bytes], log_path: Path) -> None:
        self._process = process
        self.log_path = log_path

    @property
    def pid(self) -> int:
        """The child's process id."""
        return self._process.pid

    @abstractmethod
    def is_ready(self) -> bool:
        """True when the child answers as a ready one does, now."""

    def wait_ready(self, timeout_s: float | None = None) -> None:
        """Return once the child is ready; UserError if it exits or is not ready within
        ``timeout_s`` (by default the child's own ``ready_timeout_s``)."""
        timeout_s = self.ready_timeout_s if timeout_s is None else timeout_s
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise UserError(
                    f"{self.label} exited with code {self._process.returncode} during "
                    f"start-up; see {self.log_path}"
                )
            if self.is_ready():
                return
            time.sleep(self.poll_s)
        raise UserError(f"{self.label} was not ready within {timeout_s:.0f}s; see {self.log_path}")

    def wait_exit(self, timeout_s: float) -> int | None:
        """Wait up to ``timeout_s`` for the child to exit on its own; its code, None if it runs."""
        try:
            return self._process.wait(timeout_s)
        except subprocess.TimeoutExpired:
            return None

    def log_tail(self, lines: int = 40) -> str:
        """The end of the child's log, for error messages."""
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])

    def stop(self, timeout_s: float | None = None) -> int | None:
        """SIGTERM, wait up to ``timeout_s`` (by default ``stop_timeout_s``), SIGKILL if it
        lingers; the exit code (None if it had to be killed)."""
        code: int | None = self._process.poll()
        if code is None:
            self._process.send_signal(signal.SIGTERM)
            try:
                code = self._process.wait(self.stop_timeout_s if timeout_s is None else timeout_s)
            except subprocess.TimeoutExpired:
                code = None
        # The processes it started share its process group: none may outlive it.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self._process.pid, signal.SIGKILL)
        self._process.wait()
        return code
