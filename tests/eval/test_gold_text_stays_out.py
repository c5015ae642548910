"""No sentence of the shared gold sets finds its way into the project's tests or samples.

The gold is for evaluation only: a test or sample written after a gold sentence would let
the engine be tuned to the evaluation. Seven words in a row shared with a gold sentence is
the mark of one (names of organisations are facts and live in data files, not checked here).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest

from services.evaluation.run import SHARED_SETS

REPO_ROOT = Path(__file__).resolve().parents[2]
WRITTEN_BY_US = ("tests", "samples")
RUN_LENGTH = 7
_WORD = re.compile(r"[a-z']+")


def word_runs(text: str) -> set[str]:
    """Every run of RUN_LENGTH consecutive words, lower-cased."""
    words = _WORD.findall(text.lower())
    return {" ".join(words[i : i + RUN_LENGTH]) for i in range(len(words) - RUN_LENGTH + 1)}


def project_texts() -> Iterable[Path]:
    """The files whose sentences the project's authors wrote."""
    for folder in WRITTEN_BY_US:
        for path in sorted((REPO_ROOT / folder).rglob("*")):
            if path.is_file() and path.suffix in {".py", ".jsonl", ".json", ".md", ".txt"}:
                yield path


@pytest.mark.shared
@pytest.mark.parametrize("name", sorted(SHARED_SETS))
def test_no_test_or_sample_repeats_a_gold_sentence(
    name: str, shared_file: Callable[[str], Path]
) -> None:
    relative, load_gold = SHARED_SETS[name]
    gold = load_gold(shared_file(str(relative)), None)
    gold_runs: set[str] = set()
    for article in gold:
        gold_runs |= word_runs(article.article.text)
    overlaps = {
        str(path.relative_to(REPO_ROOT)): sorted(shared)[:2]
        for path in project_texts()
        if (shared := word_runs(path.read_text(encoding="utf-8")) & gold_runs)
    }
    assert overlaps == {}
