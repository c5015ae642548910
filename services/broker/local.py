"""Install, start, stop and inspect the local single-node Kafka broker.

The broker is a detached ``java kafka.Kafka`` process in its own session, so it outlives the
command that started it; its pid file, rendered configuration and logs live in
``<broker_home>/<broker_port>/``. Only the broker of that folder is ever signalled.
"""

from __future__ import annotations

import base64
import os
import shutil
import signal
import string
import subprocess
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from services.broker import readiness
from services.broker.errors import BrokerError
from services.broker.install import install
from services.broker.paths import LOG4J_CONFIG, SERVER_TEMPLATE, BrokerPaths
from services.settings import Settings

HOST = "127.0.0.1"
HEAP = "-Xmx512m"
# The storage tool runs for a second: the quick compiler and the simplest GC start fastest.
_SHORT_LIVED_JVM = ("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")
READY_TIMEOUT_S = 90.0
STOP_TIMEOUT_S = 30.0
_POLL_S = 0.25
_CMDLINE_ATTEMPTS = 50

# Brokers this Python process started: kept so that they are reaped here when they stop.
_children: dict[int, subprocess.Popen[bytes]] = {}


@dataclass(frozen=True)
class BrokerStatus:
    """What ``dipstream broker status`` reports about one local broker."""

    running: bool
    pid: int | None
    port: int
    controller_port: int
    log_path: Path

    @property
    def bootstrap_servers(self) -> str:
        """``host:port`` clients connect to."""
        return f"{HOST}:{self.port}"


def status(settings: Settings) -> BrokerStatus:
    """Whether the broker of ``settings`` (home and port) is running, and where it logs."""
    paths = BrokerPaths.of(settings)
    pid = _running_pid(paths)
    return BrokerStatus(
        running=pid is not None,
        pid=pid,
        port=settings.broker_port,
        controller_port=settings.broker_controller_port,
        log_path=paths.server_log,
    )


def up(settings: Settings, ready_timeout_s: float = READY_TIMEOUT_S) -> tuple[BrokerStatus, bool]:
    """Start the broker unless it runs; return its status and whether this call started it."""
    current = status(settings)
    if current.running:
        return current, False
    if settings.broker_port == settings.broker_controller_port:
        raise BrokerError(
            f"the broker and its controller both want port {settings.broker_port}: "
            "set DIPSTREAM_BROKER_CONTROLLER_PORT to another port"
        )
    java = shutil.which("java")
    if java is None:
        raise BrokerError("java not found on PATH: install a JDK 17 or newer")
    for port in (settings.broker_port, settings.broker_controller_port):
        if not readiness.port_is_free(HOST, port):
            user = (
                f"a Kafka broker not started from {BrokerPaths.of(settings).instance}"
                if port == settings.broker_port and readiness.answers_metadata(HOST, port)
                else "another process"
            )
            raise BrokerError(
                f"port {port} is in use by {user}: choose other ports with "
                "DIPSTREAM_BROKER_PORT and DIPSTREAM_BROKER_CONTROLLER_PORT"
            )
    install(settings)
    paths = BrokerPaths.of(settings)
    paths.instance.mkdir(parents=True, exist_ok=True)
    paths.server_properties.write_text(server_properties(settings, paths.data))
    _format_storage(java, paths)
    pid = _spawn(java, paths)
    _wait_until_ready(settings, paths, pid, ready_timeout_s)
    return status(settings), True


def down(settings: Settings, stop_timeout_s: float = STOP_TIMEOUT_S) -> bool:
    """Stop the broker: SIGTERM, then SIGKILL after ``stop_timeout_s``; False if not running."""
    paths = BrokerPaths.of(settings)
    pid = _running_pid(paths)
    if pid is None:
        paths.pid_file.unlink(missing_ok=True)
        return False
    os.killpg(pid, signal.SIGTERM)
    if not _wait_for_exit(paths, pid, stop_timeout_s):
        os.killpg(pid, signal.SIGKILL)
        _wait_for_exit(paths, pid, stop_timeout_s)
    paths.pid_file.unlink(missing_ok=True)
    return True


def _java_command(java: str, paths: BrokerPaths, log_file: Path) -> list[str]:
    return [
        java,
        f"-Dlog4j2.configurationFile={LOG4J_CONFIG}",
        f"-Ddipstream.broker.log={log_file}",
        "-cp",
        f"{paths.libs}/*",
    ]


def server_properties(settings: Settings, data_dir: Path) -> str:
    """The broker configuration for the ports of ``settings``, storing data in ``data_dir``."""
    template = string.Template(SERVER_TEMPLATE.read_text())
    return template.substitute(
        broker_port=settings.broker_port,
        controller_port=settings.broker_controller_port,
        log_dirs=data_dir,
        partitions=settings.topic_partitions,
    )


def _format_storage(java: str, paths: BrokerPaths) -> None:
    if (paths.data / "meta.properties").is_file():
        return
    command = [
        *_java_command(java, paths, paths.instance / "storage-tool.log"),
        *_SHORT_LIVED_JVM,
        "kafka.tools.StorageTool",
        "format",
        "--cluster-id",
        new_cluster_id(),
        "--config",
        str(paths.server_properties),
    ]
    completed = subprocess.run(command, capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        reason = java_error_summary(completed.stdout + completed.stderr)
        raise BrokerError(f"formatting {paths.data} failed: {reason}")


def java_error_summary(output: str) -> str:
    """The line of a Java tool's output that says what went wrong, not where."""
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    messages = [line for line in lines if not line.startswith(("at ", "..."))]
    errors = [line for line in messages if "Exception" in line or "Error" in line]
    return (errors or messages or ["no output"])[0]


def new_cluster_id() -> str:
    """A random cluster id in Kafka's format."""
    # Like Kafka's own: a version 4 UUID in URL-safe base64 without padding. Kafka refuses ids
    # that start with "-" because they read as command-line options.
    while True:
        cluster_id = base64.urlsafe_b64encode(uuid.uuid4().bytes).decode().rstrip("=")
        if not cluster_id.startswith("-"):
            return cluster_id


def _spawn(java: str, paths: BrokerPaths) -> int:
    command = [
        *_java_command(java, paths, paths.server_log),
        HEAP,
        "kafka.Kafka",
        str(paths.server_properties),
    ]
    with paths.console_log.open("ab") as console:
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=console,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    _children[process.pid] = process
    paths.pid_file.write_text(f"{process.pid}\n")
    return process.pid


def _wait_until_ready(settings: Settings, paths: BrokerPaths, pid: int, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if not _is_our_broker(paths, pid):
            paths.pid_file.unlink(missing_ok=True)
            raise BrokerError(
                f"the broker exited during start-up ({_fatal_reason(paths)}); "
                f"see {paths.server_log}"
            )
        if readiness.answers_metadata(HOST, settings.broker_port):
            return
        time.sleep(_POLL_S)
    raise BrokerError(
        f"the broker on port {settings.broker_port} did not become ready within "
        f"{timeout_s:.0f}s (still running as pid {pid}); see {paths.server_log}"
    )


def _fatal_reason(paths: BrokerPaths) -> str:
    # Kafka logs its fatal exception after this line; errors before logging starts (a bad
    # classpath, an old JVM) only reach the console log.
    marker = "ERROR Exiting Kafka"
    server_log = _tail(paths.server_log)
    if marker in server_log:
        after = server_log.rsplit(marker, 1)[1].split("\n", 1)[-1]
        return java_error_summary(after)
    return java_error_summary(_tail(paths.console_log))


def _tail(path: Path, size: int = 65536) -> str:
    try:
        with path.open("rb") as log:
            log.seek(max(0, path.stat().st_size - size))
            return log.read().decode(errors="replace")
    except FileNotFoundError:
        return ""


def _running_pid(paths: BrokerPaths) -> int | None:
    try:
        pid = int(paths.pid_file.read_text().strip())
    except (FileNotFoundError, ValueError):
        return None
    return pid if _is_our_broker(paths, pid) else None


def _is_our_broker(paths: BrokerPaths, pid: int) -> bool:
    # A pid file can outlive its process and the pid be reused: the process counts as our
    # broker only if its command line names our configuration file.
    child = _children.get(pid)
    if child is not None and child.poll() is not None:
        del _children[pid]
        return False
    proc = Path(f"/proc/{pid}")
    for _ in range(_CMDLINE_ATTEMPTS):
        try:
            state = (proc / "stat").read_text().rsplit(")", 1)[1].split()[0]
            cmdline = (proc / "cmdline").read_bytes()
        except (OSError, IndexError):
            return False
        if state in ("Z", "X"):
            return False
        if cmdline:
            return str(paths.server_properties).encode() in cmdline.split(b"\0")
        # A process that is still being exec'ed shows an empty command line for a moment.
        time.sleep(0.01)
    return False


def _wait_for_exit(paths: BrokerPaths, pid: int, timeout_s: float) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if not _is_our_broker(paths, pid):
            return True
        time.sleep(_POLL_S)
    return False
