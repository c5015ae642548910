"""The CAMEO codebook: values carried over from the reference tables and lookups by root."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from schemas import PloverRoot, QuadClass
from services.extraction.data_files import load_yaml_mapping
from services.extraction.triggers.codebook import CODES_FILE, Codebook

CONVERSION_TABLE = "reference/CAMEO2PLOVER-2021.txt"
# "163: COERCE, restrict,   diplomatic # Impose embargo..." -> code, root, mode.
_TABLE_ROW = re.compile(r"^(\d+):\s*([A-Z]+)\s*(?:,\s*([a-z_-]*))?")


@pytest.fixture(scope="module")
def codebook() -> Codebook:
    return Codebook.load()


@pytest.mark.parametrize(
    ("code", "goldstein", "quad", "root", "mode"),
    [
        ("042", 1.9, QuadClass.VERBAL_COOPERATION, PloverRoot.CONSULT, "visit"),
        ("057", 8.0, QuadClass.VERBAL_COOPERATION, PloverRoot.SUPPORT, None),
        ("0871", 9.0, QuadClass.MATERIAL_COOPERATION, PloverRoot.RETREAT, "ceasefire"),
        ("163", -8.0, QuadClass.MATERIAL_CONFLICT, PloverRoot.SANCTION, "discontinue"),
        ("114", -2.0, QuadClass.VERBAL_CONFLICT, PloverRoot.ACCUSE, "disapprove"),
        ("173", -5.0, QuadClass.MATERIAL_CONFLICT, PloverRoot.COERCE, "arrest"),
        ("190", -10.0, QuadClass.MATERIAL_CONFLICT, PloverRoot.ASSAULT, None),
    ],
)
def test_code_carries_goldstein_quad_class_and_plover_mapping(
    codebook: Codebook,
    code: str,
    goldstein: float,
    quad: QuadClass,
    root: PloverRoot,
    mode: str | None,
) -> None:
    entry = codebook.get(code)
    assert (entry.goldstein, entry.quad_class, entry.plover_root, entry.plover_mode) == (
        goldstein,
        quad,
        root,
        mode,
    )


def test_unknown_code_raises_a_clear_value_error(codebook: Codebook) -> None:
    with pytest.raises(ValueError, match="unknown CAMEO code '999'"):
        codebook.get("999")


def test_default_code_of_consult_is_040(codebook: Codebook) -> None:
    assert codebook.default_code(PloverRoot.CONSULT).code == "040"


@pytest.mark.parametrize("root", list(PloverRoot))
def test_every_root_has_a_default_code_of_that_root(codebook: Codebook, root: PloverRoot) -> None:
    assert codebook.default_code(root).plover_root is root


def test_quad_class_follows_the_two_digit_root(codebook: Codebook) -> None:
    for entry in codebook.codes():
        root_number = int(entry.code[:2])
        expected = (
            QuadClass.VERBAL_COOPERATION
            if root_number <= 5
            else QuadClass.MATERIAL_COOPERATION
            if root_number <= 8
            else QuadClass.VERBAL_CONFLICT
            if root_number <= 13
            else QuadClass.MATERIAL_CONFLICT
        )
        assert entry.quad_class is expected, entry.code


def test_codebook_lists_every_level_of_code(codebook: Codebook) -> None:
    assert {"04", "046", "1831", "20", "2042"} <= {entry.code for entry in codebook.codes()}


@pytest.mark.shared
def test_every_departure_from_the_conversion_table_states_its_reason(
    shared_file: Callable[[str], Path],
) -> None:
    # The PLOVER manual wins over the 2021 table; a row that departs from the table must say why
    # in the data, so that nobody "fixes" it back. A code listed twice in the table (08) may
    # follow either line.
    table: dict[str, set[tuple[str, str | None]]] = {}
    for line in shared_file(CONVERSION_TABLE).read_text(encoding="utf-8").splitlines():
        row = _TABLE_ROW.match(line)
        if row:
            table.setdefault(row[1], set()).add((row[2], row[3] or None))
    departures = {
        str(row["code"]): bool(row.get("differs_from_table"))
        for row in load_yaml_mapping(CODES_FILE)["codes"]
        if str(row["code"]) in table
        and (row["plover_root"], row.get("plover_mode")) not in table[str(row["code"])]
    }
    assert {"163", "114"} <= departures.keys()
    assert [code for code, explained in departures.items() if not explained] == []
