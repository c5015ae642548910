"""The engine's data is read by one loader and kept by the engine, never in module caches: a
module-level cache is a global that tests cannot replace and that outlives the engine."""

from __future__ import annotations

import ast
from pathlib import Path

from services.extraction.data_loader import load_engine_data

EXTRACTION = Path(__file__).parents[3] / "services" / "extraction"
_CACHING_DECORATORS = frozenset({"cache", "lru_cache", "cached_property"})


def _decorator_name(decorator: ast.expr) -> str:
    called = decorator.func if isinstance(decorator, ast.Call) else decorator
    if isinstance(called, ast.Attribute):
        return called.attr
    return called.id if isinstance(called, ast.Name) else ""


def test_no_module_of_the_engine_caches_with_functools() -> None:
    cached = [
        f"{path.relative_to(EXTRACTION)}:{node.lineno} {node.name}"
        for path in sorted(EXTRACTION.glob("**/*.py"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and any(_decorator_name(d) in _CACHING_DECORATORS for d in node.decorator_list)
    ]
    assert not cached, "load it in data_loader.py and pass it down:\n" + "\n".join(cached)


def test_the_rule_sees_a_cache_decorator() -> None:
    source = "import functools\n@functools.lru_cache(maxsize=8)\ndef f() -> None: ...\n"
    function = ast.parse(source).body[1]
    assert isinstance(function, ast.FunctionDef)
    assert [_decorator_name(d) for d in function.decorator_list] == ["lru_cache"]


def test_the_loader_layers_the_user_actor_folders_over_the_shipped_data(tmp_path: Path) -> None:
    (tmp_path / "extra.yaml").write_text(
        "people:\n- {name: Tala Ovanesyan, names: [Ovanesyan], country: ARM, sector: GOV,"
        " role: foreign minister}\n"
    )
    actors = load_engine_data([tmp_path]).actors
    added, shipped = actors.lookup("Ovanesyan"), actors.lookup("Kremlin")
    assert added is not None and added.country == "ARM"
    assert shipped is not None and shipped.country == "RUS"
