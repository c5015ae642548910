"""A ``dipstream worker`` subprocess, for the demo, the end-to-end benchmark and the tests,
with the probes they read it by: readiness, metrics, memory, the processes below it. How it is
started and stopped is :class:`~services.processes.child.ChildProcess`'s.
"""

from __future__ import annotations

import signal
import socket
import urllib.error
import urllib.request
from pathlib import Path
from types import FrameType

from prometheus_client.parser import text_string_to_metric_families

from services.processes.child import ChildProcess, ensure_port_free, start_command
from services.processes.tree import descendants
from services.settings import Settings

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
    ensure_port_free(settings.web_host, settings.web_port, "DIPSTREAM_WEB_PORT")


class WorkerProcess(ChildProcess):
    """One running ``dipstream worker``; stop it with :meth:`stop` (SIGTERM, then SIGKILL)."""

    label = "the worker"
    ready_timeout_s = 240.0
    stop_timeout_s = 30.0
    poll_s = 0.5

    def __init__(self, settings: Settings, log_path: Path, *, cwd: Path | None = None) -> None:
        ensure_web_port_free(settings)
        super().__init__(start_command("worker", settings, log_path, cwd), log_path)
        self.settings = settings

    @property
    def base_url(self) -> str:
        """Where its web server answers, e.g. ``http://127.0.0.1:6066``."""
        return f"http://{self.settings.web_host}:{self.settings.web_port}"

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
