"""The floors file and the shortfall lines the CI gate prints."""

from __future__ import annotations

from pathlib import Path

from services.evaluation.floors import load_floors, shortfalls
from services.evaluation.run import SET_NAMES


def test_shipped_floors_cover_every_set_with_shares() -> None:
    floors = load_floors()
    assert set(floors) == set(SET_NAMES)
    assert all(0 < value <= 1 for metrics in floors.values() for value in metrics.values())


def test_shortfalls_name_low_and_missing_metrics(tmp_path: Path) -> None:
    path = tmp_path / "floors.yaml"
    path.write_text("floors:\n  gsr: {root_accuracy: 0.5, type_recall: 0.4, dyad_recall: 0.1}\n")
    floors = load_floors(path)["gsr"]
    lines = shortfalls("gsr", {"root_accuracy": 0.45, "type_recall": 0.6}, floors)
    assert lines == [
        "gsr.root_accuracy = 0.45 is below the floor 0.5",
        "gsr.dyad_recall = None is below the floor 0.1",
    ]
