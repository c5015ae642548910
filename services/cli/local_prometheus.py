"""A Prometheus on loopback that scrapes local workers with the project's own rules.

``dipstream monitor`` (``make monitor``) runs one beside ``make run``; the integration tests run
one against a test worker. Either way it is Debian's ``prometheus`` binary (installed by
``make test`` and ``make monitor``) with a configuration of its own in a folder of its own, so
a Prometheus service the machine may run elsewhere is never touched. The rules come from
``deploy/prometheus/rules`` of the source tree, the same files the compose stack and the
Kubernetes configuration load.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import subprocess
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from services.errors import UserError
from services.processes.child import ChildProcess

RULES_DIR = Path(__file__).resolve().parents[2] / "deploy" / "prometheus" / "rules"
JOB = "dipstream"
_PROBE_TIMEOUT_S = 1.0
_REQUEST_TIMEOUT_S = 5.0


def prometheus_config(targets: Sequence[str], scrape_interval_s: float) -> dict[str, Any]:
    """Scrape ``targets`` (``host:port`` of workers) as job ``dipstream``, with our rules."""
    interval = f"{scrape_interval_s:g}s"
    return {
        "global": {"scrape_interval": interval, "evaluation_interval": interval},
        "rule_files": [str(RULES_DIR / "*.yml")],
        "scrape_configs": [{"job_name": JOB, "static_configs": [{"targets": list(targets)}]}],
    }


class LocalPrometheus(ChildProcess):
    """One running Prometheus; :meth:`stop` ends it (SIGTERM, then SIGKILL)."""

    label = "prometheus"
    ready_timeout_s = 60.0
    stop_timeout_s = 15.0

    def __init__(
        self, home: Path, port: int, targets: Sequence[str], scrape_interval_s: float
    ) -> None:
        binary = shutil.which("prometheus")
        if binary is None:
            raise UserError(
                "prometheus is not installed: `make monitor` or `make test` installs Debian's "
                "prometheus package"
            )
        self.url = f"http://127.0.0.1:{port}"
        log_path = home / "prometheus.log"
        config_path = home / "prometheus.yml"
        home.mkdir(parents=True, exist_ok=True)
        config_path.write_text(yaml.safe_dump(prometheus_config(targets, scrape_interval_s)))
        with log_path.open("ab") as log:
            process = subprocess.Popen(
                [
                    binary,
                    f"--config.file={config_path}",
                    f"--storage.tsdb.path={home / 'data'}",
                    f"--web.listen-address=127.0.0.1:{port}",
                ],
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        super().__init__(process, log_path)

    def is_ready(self) -> bool:
        """True when Prometheus answers ``/-/ready`` now."""
        with (
            contextlib.suppress(OSError),
            urllib.request.urlopen(f"{self.url}/-/ready", timeout=_PROBE_TIMEOUT_S),
        ):
            return True
        return False

    def api(self, path: str, **params: str) -> Any:
        """The ``data`` of a Prometheus HTTP API answer, e.g. ``api("query", query="up")``."""
        query = f"?{urllib.parse.urlencode(params)}" if params else ""
        try:
            with urllib.request.urlopen(
                f"{self.url}/api/v1/{path}{query}", timeout=_REQUEST_TIMEOUT_S
            ) as response:
                answer = json.load(response)
        except urllib.error.HTTPError as error:
            # A bad query is a 4xx whose body says what is wrong.
            answer = json.load(error)
        if answer.get("status") != "success":
            raise UserError(f"prometheus API {path}: {answer.get('error', answer)}")
        return answer["data"]
