"""A ``dipstream ui`` subprocess (the page and its sink), for the demo and the browser test.

Started, waited for and stopped as every child is (:class:`ChildProcess`); ready once the page
answers.
"""

from __future__ import annotations

import contextlib
import urllib.request
from pathlib import Path

from services.processes.child import ChildProcess, ensure_port_free, start_command
from services.settings import Settings


class PageProcess(ChildProcess):
    """One running ``dipstream ui``; stop it with :meth:`stop`."""

    label = "the page"
    ready_timeout_s = 60.0
    stop_timeout_s = 15.0

    def __init__(self, settings: Settings, log_path: Path, *, cwd: Path | None = None) -> None:
        ensure_port_free(settings.ui_host, settings.ui_port, "DIPSTREAM_UI_PORT")
        super().__init__(start_command("ui", settings, log_path, cwd), log_path)
        self.settings = settings

    @property
    def url(self) -> str:
        """Where the page answers."""
        return f"http://{self.settings.ui_host}:{self.settings.ui_port}/"

    def is_ready(self) -> bool:
        """True when the page answers 200 now."""
        with contextlib.suppress(OSError), urllib.request.urlopen(self.url, timeout=2) as response:
            return bool(response.status == 200)
        return False
