"""The CAMEO codebook: every CAMEO event code with Goldstein value, quad class and PLOVER root."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from schemas import PloverRoot, QuadClass
from services.extraction.data_files import load_yaml_mapping

CODES_FILE = Path(__file__).parent.parent / "data" / "cameo" / "codes.yaml"

# The generic CAMEO code of each PLOVER root, for an event known only by its root.
_DEFAULT_CODES: dict[PloverRoot, str] = {
    PloverRoot.AGREE: "030",
    PloverRoot.CONSULT: "040",
    PloverRoot.SUPPORT: "050",
    PloverRoot.CONCEDE: "080",
    PloverRoot.COOPERATE: "060",
    PloverRoot.AID: "070",
    PloverRoot.RETREAT: "084",
    PloverRoot.REQUEST: "100",
    PloverRoot.ACCUSE: "110",
    PloverRoot.REJECT: "120",
    PloverRoot.THREATEN: "130",
    PloverRoot.PROTEST: "140",
    PloverRoot.SANCTION: "160",
    PloverRoot.MOBILIZE: "150",
    PloverRoot.COERCE: "170",
    PloverRoot.ASSAULT: "190",
}


@dataclass(frozen=True)
class CameoCode:
    """One CAMEO event code and what it means in PLOVER terms."""

    code: str
    name: str
    goldstein: float
    quad_class: QuadClass
    plover_root: PloverRoot
    plover_mode: str | None
    plover_context: str | None = None
    # PLOVER drops CAMEO 01 (statements) and 02 (appeals); their root is only a nearest fit.
    dropped: bool = False


class Codebook:
    """Lookup of CAMEO codes, loaded from the versioned data file."""

    def __init__(self, codes: dict[str, CameoCode]) -> None:
        self._codes = codes

    @classmethod
    def load(cls, path: Path = CODES_FILE) -> Codebook:
        """Read the codebook; the engine's data loader does this once."""
        return cls(_read_codes(path))

    def get(self, code: str) -> CameoCode:
        """The entry of a CAMEO code such as "042"; a ValueError names any unknown code."""
        try:
            return self._codes[code]
        except KeyError:
            raise ValueError(f"unknown CAMEO code {code!r}") from None

    def default_code(self, root: PloverRoot) -> CameoCode:
        """The generic CAMEO code of a PLOVER root, e.g. CONSULT -> 040."""
        return self.get(_DEFAULT_CODES[root])

    def __contains__(self, code: object) -> bool:
        return code in self._codes

    def __len__(self) -> int:
        return len(self._codes)

    def codes(self) -> list[CameoCode]:
        """Every code, in file order."""
        return list(self._codes.values())


def _read_codes(path: Path) -> dict[str, CameoCode]:
    document = load_yaml_mapping(path)
    codes: dict[str, CameoCode] = {}
    for row in document["codes"]:
        entry = _parse_row(row, path)
        codes[entry.code] = entry
    return codes


def _parse_row(row: dict[str, Any], path: Path) -> CameoCode:
    try:
        return CameoCode(
            code=str(row["code"]),
            name=str(row["name"]),
            goldstein=float(row["goldstein"]),
            quad_class=QuadClass(int(row["quad_class"])),
            plover_root=PloverRoot(row["plover_root"]),
            plover_mode=row.get("plover_mode"),
            plover_context=row.get("plover_context"),
            dropped=bool(row.get("dropped", False)),
        )
    except (KeyError, ValueError) as error:
        raise ValueError(f"bad CAMEO code row in {path}: {row!r} ({error})") from error
