"""Imports between the top-level packages of ``services`` run one way: down the layers.

A package may import itself and any package of a lower layer, never one of its own layer or
above. That keeps the engine usable without Kafka, the processor without the CLI, and lets a
newcomer read the tree bottom-up. The README's Layout section shows the same layers.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
SERVICES = ROOT / "services"

# Bottom first. "services" is the package root (its ``__version__``); schemas sits outside
# ``services``, below all of it, and imports nothing from it.
LAYERS: tuple[frozenset[str], ...] = (
    frozenset({"services", "settings", "errors"}),
    frozenset({"extraction"}),
    frozenset({"broker", "evaluation", "processes"}),
    frozenset({"processor", "store"}),
    frozenset({"benchmarks", "ui"}),
    frozenset({"cli"}),
)
LAYER_OF = {package: level for level, layer in enumerate(LAYERS) for package in layer}


def _package_of(path: Path) -> str:
    """The top-level package (or module) of ``services`` that ``path`` belongs to."""
    first = path.relative_to(SERVICES).parts[0]
    return "services" if first == "__init__.py" else first.removesuffix(".py")


def _imported_modules(source: str) -> Iterator[tuple[int, str]]:
    """(line, dotted module) of every absolute import in ``source``, deferred ones included."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            # ``from services import x`` imports the package x when there is one.
            for alias in node.names:
                yield node.lineno, f"{node.module}.{alias.name}"


def _imported_package(module: str) -> str | None:
    """The top-level package of ``services`` that ``module`` is in, None outside ``services``."""
    parts = module.split(".")
    if parts[0] != "services":
        return None
    if len(parts) > 1 and (
        (SERVICES / parts[1]).is_dir() or (SERVICES / f"{parts[1]}.py").is_file()
    ):
        return parts[1]
    return "services"


def _upward_imports(package: str, where: str, source: str) -> list[str]:
    found = []
    for line, module in _imported_modules(source):
        imported = _imported_package(module)
        if imported is None or imported == package:
            continue
        if LAYER_OF[imported] >= LAYER_OF[package]:
            found.append(f"{where}:{line} imports {module}")
    return found


def _sources_of(package: str) -> list[Path]:
    if package == "services":
        return [SERVICES / "__init__.py"]
    return sorted([*SERVICES.glob(f"{package}/**/*.py"), *SERVICES.glob(f"{package}.py")])


def test_every_top_level_package_has_a_layer() -> None:
    packages = {_package_of(path) for path in SERVICES.glob("*") if path.name != "__pycache__"}
    unplaced = packages - LAYER_OF.keys()
    assert not unplaced, f"place {sorted(unplaced)} in LAYERS here and in the README Layout"


@pytest.mark.parametrize("package", sorted(LAYER_OF))
def test_imports_run_down_the_layers(package: str) -> None:
    upward = [
        found
        for path in _sources_of(package)
        for found in _upward_imports(
            package, str(path.relative_to(ROOT)), path.read_text(encoding="utf-8")
        )
    ]
    assert not upward, (
        f"{package} (layer {LAYER_OF[package]}) may import only layers below it; move the "
        "shared code down:\n" + "\n".join(upward)
    )


@pytest.mark.parametrize(
    ("package", "source", "reported"),
    [
        ("extraction", "from services.cli.errors import UserError", True),
        ("evaluation", "def load() -> None:\n    from services.processor import app", True),
        ("processor", "from services.store.database import EventStore", True),
        ("benchmarks", "from services import __version__", False),
        ("cli", "import services.benchmarks.e2e", False),
    ],
)
def test_the_rule_reports_imports_of_the_same_layer_or_above(
    package: str, source: str, reported: bool
) -> None:
    assert bool(_upward_imports(package, "example.py", source)) is reported


def test_the_engine_does_not_read_the_settings() -> None:
    """The settings object is the one reader of the environment, and its caller passes the
    engine what it needs (the model, the actor folders, the time budget), so that the engine
    runs the same wherever it is embedded."""
    readers = [
        f"{path.relative_to(ROOT)}:{line} imports {module}"
        for path in _sources_of("extraction")
        for line, module in _imported_modules(path.read_text(encoding="utf-8"))
        if module == "services.settings" or module.startswith("services.settings.")
    ]
    assert not readers, "pass the setting down from the engine's caller:\n" + "\n".join(readers)


def test_schemas_import_nothing_from_services() -> None:
    upward = [
        f"{path.relative_to(ROOT)}:{line} imports {module}"
        for path in sorted((ROOT / "schemas").glob("**/*.py"))
        for line, module in _imported_modules(path.read_text(encoding="utf-8"))
        if module.split(".")[0] == "services"
    ]
    assert not upward, "schemas sit below services:\n" + "\n".join(upward)
