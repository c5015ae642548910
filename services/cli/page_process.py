"""A ``dipstream ui`` subprocess (the page and its sink), for the demo and the browser test.

Like the worker, it gets its settings as ``DIPSTREAM_*`` variables, runs in its own session
and logs to a file.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

from services.errors import UserError
from services.processes.worker import start_command
from services.settings import Settings

READY_TIMEOUT_S = 60.0
STOP_TIMEOUT_S = 15.0
_POLL_S = 0.25


class PageProcess:
    """One running ``dipstream ui``; stop it with :meth:`stop`."""

    def __init__(self, settings: Settings, log_path: Path, *, cwd: Path | None = None) -> None:
        self.settings = settings
        self.log_path = log_path
        if _listening(settings.ui_host, settings.ui_port):
            raise UserError(
                f"port {settings.ui_port} is in use: choose another with DIPSTREAM_UI_PORT"
            )
        self._process = start_command("ui", settings, log_path, cwd)

    @property
    def pid(self) -> int:
        """The page's process id."""
        return self._process.pid

    @property
    def url(self) -> str:
        """Where the page answers."""
        return f"http://{self.settings.ui_host}:{self.settings.ui_port}/"

    def wait_ready(self, timeout_s: float = READY_TIMEOUT_S) -> None:
        """Return once the page answers; UserError if the process exits or times out."""
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise UserError(
                    f"the page exited with code {self._process.returncode}; see {self.log_path}"
                )
            with (
                contextlib.suppress(OSError),
                urllib.request.urlopen(self.url, timeout=2) as response,
            ):
                if response.status == 200:
                    return
            time.sleep(_POLL_S)
        raise UserError(f"the page did not answer within {timeout_s:.0f}s; see {self.log_path}")

    def stop(self, timeout_s: float = STOP_TIMEOUT_S) -> int | None:
        """SIGTERM, wait, SIGKILL if it lingers; the exit code (None if it had to be killed)."""
        code: int | None = self._process.poll()
        if code is None:
            self._process.send_signal(signal.SIGTERM)
            try:
                code = self._process.wait(timeout_s)
            except subprocess.TimeoutExpired:
                code = None
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self._process.pid, signal.SIGKILL)
        self._process.wait()
        return code


def _listening(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False
