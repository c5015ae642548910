"""Reading the engine's packaged YAML data files, with one clear error naming the file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

DATA_DIR = Path(__file__).resolve().parent / "data"


def data_path(*parts: str) -> Path:
    """A path under ``services/extraction/data``."""
    return DATA_DIR.joinpath(*parts)


def _load(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise ValueError(f"cannot read {path}: {error}") from error


def load_yaml_mapping(path: Path) -> dict[str, Any]:
    """A YAML file whose top level is a mapping; a ValueError names the file otherwise."""
    loaded = _load(path)
    if not isinstance(loaded, dict):
        raise ValueError(f"{path} must hold a mapping")
    return loaded


def load_yaml_list(path: Path) -> list[Any]:
    """A YAML file whose top level is a list; a ValueError names the file otherwise."""
    loaded = _load(path)
    if not isinstance(loaded, list):
        raise ValueError(f"{path} must hold a list")
    return loaded
