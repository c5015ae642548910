"""A ``dipstream worker`` subprocess, for the demo, the end-to-end benchmark and the tests.

The worker gets its settings through ``DIPSTREAM_*`` variables, runs in its own session (so a
Ctrl-C in the terminal reaches only the parent, which then stops it in order) and logs to a
file, keeping the parent's terminal for the parent's own output.
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
import urllib.error
import urllib.request
from pathlib import Path
from types import FrameType

from prometheus_client.parser import text_string_to_metric_families
from pydantic import SecretStr

from services.errors import UserError
from services.processes.tree import descendants
from services.settings import Settings

READY_TIMEOUT_S = 240.0
STOP_TIMEOUT_S = 30.0
_POLL_S = 0.5
_PROBE_TIMEOUT_S = 2.0


def interrupt_on_sigterm() -> None:
    """Make SIGTERM raise KeyboardInterrupt, so the clean-up that Ctrl-C runs runs for it too."""
    signal.signal(signal.SIGTERM, _raise_interrupt)


def _raise_interrupt(_signum: int, _frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        port: int = probe.getsockname()[1]
    return port


def ensure_web_port_free(settings: Settings) -> None:
    """UserError when something already listens on the worker's web port."""
    try:
        with socket.create_connection((settings.web_host, settings.web_port), timeout=0.5):
            pass
    except OSError:
        return
    raise UserError(f"port {settings.web_port} is in use: choose another with DIPSTREAM_WEB_PORT")


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


class WorkerProcess:
    """One running ``dipstream worker``; stop it with :meth:`stop` (SIGTERM, then SIGKILL)."""

    def __init__(self, settings: Settings, log_path: Path, *, cwd: Path | None = None) -> None:
        self.settings = settings
        self.log_path = log_path
        ensure_web_port_free(settings)
        self._process = start_command("worker", settings, log_path, cwd)

    @property
    def pid(self) -> int:
        """The worker's process id."""
        return self._process.pid

    @property
    def base_url(self) -> str:
        """Where its web server answers, e.g. ``http://127.0.0.1:6066``."""
        return f"http://{self.settings.web_host}:{self.settings.web_port}"

    def wait_ready(self, timeout_s: float = READY_TIMEOUT_S) -> None:
        """Return once ``/readyz`` answers 200; UserError if the worker exits or times out."""
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise UserError(
                    f"the worker exited with code {self._process.returncode} during start-up; "
                    f"see {self.log_path}"
                )
            if self.is_ready():
                return
            time.sleep(_POLL_S)
        raise UserError(f"the worker was not ready within {timeout_s:.0f}s; see {self.log_path}")

    def wait_exit(self, timeout_s: float) -> int | None:
        """Wait up to ``timeout_s`` for the worker to exit on its own; its code, None if it runs."""
        try:
            return self._process.wait(timeout_s)
        except subprocess.TimeoutExpired:
            return None

    def get(self, path: str) -> tuple[int, str]:
        """Status and body of a GET on the worker's web server; OSError when it does not answer."""
        try:
            with urllib.request.urlopen(
                f"{self.base_url}{path}", timeout=_PROBE_TIMEOUT_S
            ) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def is_ready(self) -> bool:
        """True when ``/readyz`` answers 200 now."""
        try:
            return self.get("/readyz")[0] == 200
        except OSError:
            return False

    def metrics_text(self) -> str:
        """The worker's ``/metrics`` page."""
        return self.get("/metrics")[1]

    def metric(self, name: str) -> float:
        """The value of one unlabelled sample of ``/metrics`` (0 when absent)."""
        for line in self.metrics_text().splitlines():
            if line.startswith(name + " "):
                return float(line.split()[1])
        return 0.0

    def metric_sum(self, family: str) -> float:
        """The sum of every sample of a counter or gauge family of ``/metrics``, all labels."""
        return sum(
            sample.value
            for parsed in text_string_to_metric_families(self.metrics_text())
            if parsed.name == family
            for sample in parsed.samples
            if sample.name in (family, f"{family}_total")
        )

    def log_tail(self, lines: int = 40) -> str:
        """The end of the worker's log, for error messages."""
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])

    def descendants(self) -> list[int]:
        """The process ids below the worker now: its extraction processes."""
        return descendants(self.pid)

    def rss_bytes(self) -> int:
        """Resident memory of the worker and every process below it (extraction workers)."""
        return sum(_memory_of(pid, "/status", "VmRSS:") for pid in (self.pid, *self.descendants()))

    def pss_bytes(self) -> int:
        """Proportional memory of the worker and the processes below it: pages they share (the
        model the extraction processes share copy-on-write) count once in the total, where
        :meth:`rss_bytes` counts them in every process."""
        return sum(
            _memory_of(pid, "/smaps_rollup", "Pss:") for pid in (self.pid, *self.descendants())
        )

    def stop(self, timeout_s: float = STOP_TIMEOUT_S) -> int | None:
        """SIGTERM, wait, SIGKILL if it lingers; the exit code (None if it had to be killed)."""
        code: int | None = self._process.poll()
        if code is None:
            self._process.send_signal(signal.SIGTERM)
            try:
                code = self._process.wait(timeout_s)
            except subprocess.TimeoutExpired:
                code = None
        # Its extraction processes share its process group: none may outlive it.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self._process.pid, signal.SIGKILL)
        self._process.wait()
        return code


def _memory_of(pid: int, proc_file: str, field: str) -> int:
    """A kB figure of ``/proc/<pid><proc_file>`` in bytes (0 once the process is gone)."""
    try:
        status = Path(f"/proc/{pid}{proc_file}").read_text()
    except OSError:
        return 0
    for line in status.splitlines():
        if line.startswith(field):
            return int(line.split()[1]) * 1024
    return 0
