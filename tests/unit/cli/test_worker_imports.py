"""A worker whose extraction processes hold the engine keeps spaCy, DuckDB and Arrow out of its
own memory: importing them cost it about 130 MB of PSS it never used (issue 13, item 4)."""

from __future__ import annotations

import subprocess
import sys

# What ``dipstream worker`` imports before Faust starts: the command's parser, then the app.
_WORKER_IMPORTS = """
import sys
from services.cli.main import build_parser
build_parser("worker")
import services.processor.app
import services.processor.extraction_processes
print(" ".join(sorted(name for name in sys.argv[1:] if name in sys.modules)))
"""
_HEAVY = ("spacy", "thinc", "duckdb", "pyarrow", "services.extraction.engine")


def _heavy_modules_after(code: str) -> list[str]:
    completed = subprocess.run(
        [sys.executable, "-c", code, *_HEAVY], capture_output=True, text=True, check=True
    )
    return completed.stdout.split()


def test_the_worker_command_imports_no_engine_and_no_store() -> None:
    assert _heavy_modules_after(_WORKER_IMPORTS) == []


def test_the_engine_is_still_imported_on_first_use() -> None:
    code = "import services.extraction as x; x.ExtractionEngine; import sys; " + (
        'print(" ".join(n for n in sys.argv[1:] if n in sys.modules))'
    )
    assert "spacy" in _heavy_modules_after(code)
