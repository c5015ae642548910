"""The calendar knowledge the time-expression finder reads from ``data/time/*.yaml``."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from services.extraction.data_files import data_path, load_yaml_mapping

DATA_DIR = data_path("time")


@dataclass(frozen=True)
class RelativeDay:
    offset: int
    part: str | None


@dataclass(frozen=True)
class VagueWindow:
    """Days from publication; None is open-ended."""

    from_days: int | None
    to_days: int | None


@dataclass(frozen=True)
class Holiday:
    month: int
    first: int
    last: int


@dataclass(frozen=True)
class TimeVocabulary:
    months: dict[str, int]
    month_abbreviations: dict[str, int]
    weekdays: dict[str, int]
    parts_of_day: dict[str, tuple[int, int]]
    clock_words: dict[str, int]
    relative_days: dict[str, RelativeDay]
    anchored_days: dict[str, int]
    numbers: dict[str, int]
    period_offsets: dict[str, int]
    edges: dict[str, int]
    open_bounds: dict[str, str]
    lead_ins: frozenset[str]
    seasons: dict[str, tuple[int, int]]
    duration_cues: frozenset[str]
    irregular_plurals: frozenset[str]
    vague: dict[str, VagueWindow]
    holidays: dict[str, Holiday]
    zones: dict[str, ZoneInfo]
    # The anchored phrases as one pattern, longest first, compiled once with the vocabulary.
    anchored_pattern: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        phrases = sorted(self.anchored_days, key=len, reverse=True)
        alternatives = "|".join(re.escape(phrase) for phrase in phrases)
        pattern = re.compile(rf"\b(?:{alternatives})\b", re.IGNORECASE)
        # A frozen dataclass sets its derived field through object.__setattr__.
        object.__setattr__(self, "anchored_pattern", pattern)


def _read(name: str) -> dict[str, Any]:
    return load_yaml_mapping(DATA_DIR / name)


def load_vocabulary() -> TimeVocabulary:
    """Read the time data files; the engine's data loader calls this once."""
    calendar = _read("calendar.yaml")
    return TimeVocabulary(
        months={str(k): int(v) for k, v in calendar["months"].items()},
        month_abbreviations={str(k): int(v) for k, v in calendar["month_abbreviations"].items()},
        weekdays={str(k): int(v) for k, v in calendar["weekdays"].items()},
        parts_of_day={str(k): (int(v[0]), int(v[1])) for k, v in calendar["parts_of_day"].items()},
        clock_words={str(k): int(v) for k, v in calendar["clock_words"].items()},
        relative_days={
            str(k): RelativeDay(int(v["offset"]), v.get("part"))
            for k, v in calendar["relative_days"].items()
        },
        anchored_days={str(k): int(v) for k, v in calendar["anchored_days"].items()},
        numbers={str(k): int(v) for k, v in calendar["numbers"].items()},
        period_offsets={str(k): int(v) for k, v in calendar["period_offsets"].items()},
        edges={str(k): int(v) for k, v in calendar["edges"].items()},
        open_bounds={str(k): str(v) for k, v in calendar["open_bounds"].items()},
        lead_ins=frozenset(str(word) for word in calendar["lead_ins"]),
        seasons={str(k): (int(v[0]), int(v[1])) for k, v in calendar["seasons"].items()},
        duration_cues=frozenset(str(word) for word in calendar["duration_cues"]),
        irregular_plurals=frozenset(str(word) for word in calendar["irregular_plurals"]),
        vague={str(k): VagueWindow(v["from"], v["to"]) for k, v in _read("vague.yaml").items()},
        holidays={
            str(k): Holiday(int(v["month"]), int(v["first"]), int(v["last"]))
            for k, v in _read("holidays.yaml").items()
        },
        zones={str(k): ZoneInfo(str(v)) for k, v in _read("zones.yaml")["phrases"].items()},
    )
