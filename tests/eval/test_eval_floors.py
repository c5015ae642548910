"""CI gate: the engine's scores on the gold sets stay at or above ``floors.yaml``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from services.evaluation.floors import load_floors, shortfalls
from services.evaluation.run import SET_NAMES, SHARED_SETS, evaluate_set, load_set
from services.extraction import ExtractionEngine


@pytest.mark.shared
@pytest.mark.parametrize("name", sorted(SHARED_SETS))
def test_shared_gold_set_meets_its_floors(
    name: str, shared_file: Callable[[str], Path], engine: ExtractionEngine
) -> None:
    relative = SHARED_SETS[name][0]
    shared = shared_file(str(relative)).parents[len(relative.parts) - 1]
    report = evaluate_set(name, load_set(name, shared, None), engine)
    assert shortfalls(name, report.metrics, load_floors()[name]) == []


@pytest.mark.parametrize("name", [name for name in SET_NAMES if name not in SHARED_SETS])
def test_own_gold_sets_meet_their_floors(name: str, engine: ExtractionEngine) -> None:
    report = evaluate_set(name, load_set(name, None, None), engine)
    assert report.articles >= 12
    assert shortfalls(name, report.metrics, load_floors()[name]) == []
