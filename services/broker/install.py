"""Collects the broker's jars from Maven Central with ``mvn``, once per version of the pom."""

from __future__ import annotations

import fcntl
import hashlib
import re
import shutil
import subprocess
from pathlib import Path

from services.broker.errors import BrokerError
from services.broker.paths import POM_FILE, BrokerPaths
from services.settings import Settings

_ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;]*m")


def pom_digest() -> str:
    """SHA-256 of ``deploy/kafka/pom.xml``: the jars are stale when it changes."""
    return hashlib.sha256(POM_FILE.read_bytes()).hexdigest()


def is_installed(paths: BrokerPaths) -> bool:
    """True when the libs folder holds the jars of the current pom."""
    stamp = paths.install_stamp
    return stamp.is_file() and stamp.read_text().strip() == pom_digest()


def install(settings: Settings) -> bool:
    """Copy the jars into ``<broker_home>/libs``; return False when they were already there."""
    paths = BrokerPaths.of(settings)
    if is_installed(paths):
        return False
    mvn = shutil.which("mvn")
    if mvn is None:
        raise BrokerError("mvn not found on PATH: install Maven (apt-get install maven)")
    paths.install_lock.parent.mkdir(parents=True, exist_ok=True)
    # Several brokers share the libs folder: one install at a time, and the others reuse it.
    with paths.install_lock.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if is_installed(paths):
            return False
        _copy_jars(mvn, paths.libs)
        paths.install_stamp.write_text(pom_digest() + "\n")
    return True


def _copy_jars(mvn: str, libs: Path) -> None:
    # Jars land in a fresh folder that then replaces the old one, so an upgrade never leaves
    # two versions of a jar on the classpath and a failed download never leaves half a folder.
    staging = libs.with_name(libs.name + ".partial")
    shutil.rmtree(staging, ignore_errors=True)
    command = [
        mvn,
        "-q",
        "-B",
        "-f",
        str(POM_FILE),
        "dependency:copy-dependencies",
        f"-DoutputDirectory={staging}",
    ]
    completed = subprocess.run(command, capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        reason = maven_error_summary(completed.stdout + completed.stderr)
        raise BrokerError(
            f"mvn could not fetch the Kafka jars (exit {completed.returncode}): {reason}"
        )
    shutil.rmtree(libs, ignore_errors=True)
    staging.rename(libs)


def maven_error_summary(output: str) -> str:
    """The line of Maven's output that says what failed."""
    # Maven prints colour codes even in batch mode, then the cause, then boilerplate advice.
    lines = [_ANSI_ESCAPE.sub("", line).strip() for line in output.splitlines()]
    errors = [line.removeprefix("[ERROR]").strip() for line in lines if line.startswith("[ERROR]")]
    return next((error for error in errors if error), next((ln for ln in lines if ln), "no output"))
