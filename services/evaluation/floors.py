"""The lowest scores CI accepts per gold set, kept as data in ``floors.yaml``."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import yaml

FLOORS_FILE = Path(__file__).parent / "floors.yaml"


def load_floors(path: Path = FLOORS_FILE) -> dict[str, dict[str, float]]:
    """Floors by gold set name, then by metric name."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {
        set_name: {metric: float(value) for metric, value in metrics.items()}
        for set_name, metrics in raw["floors"].items()
    }


def shortfalls(
    set_name: str, metrics: Mapping[str, float | None], floors: Mapping[str, float]
) -> list[str]:
    """One line per metric of the set that is missing or below its floor."""
    lines: list[str] = []
    for metric, floor in floors.items():
        value = metrics.get(metric)
        if value is None or value < floor:
            lines.append(f"{set_name}.{metric} = {value} is below the floor {floor}")
    return lines
