"""The entries of the actor YAML files, validated so a bad user file fails with a clear message.

Every file is a mapping with an optional ``version`` and any of the sections ``countries``,
``organisations``, ``people``, ``roles``, ``honorifics`` and ``collectives``; the comment block
at the top of each shipped file documents its section. Users may put any section in any file
of their own folders.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from schemas.vocabulary import ActorKind


class ActorDataError(ValueError):
    """An actor data file cannot be read; the message names the file and the entry."""


SECTOR_PATTERN = r"^[A-Z]{3}$"


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


class CountryRecord(_Record):
    """A state: its names, what its people and government are called, where it is governed from."""

    code: str = Field(pattern=r"^[A-Z]{3}$", description="ISO 3166-1 alpha-3.")
    name: str = Field(min_length=1)
    names: list[str] = Field(default_factory=list, description="Other names and abbreviations.")
    demonyms: list[str] = Field(
        default_factory=list, description="Adjectives and plural nouns: Russian, Russians."
    )
    capital: str | None = None
    metonyms: list[str] = Field(
        default_factory=list,
        description="Places standing for the government: the Kremlin, Downing Street.",
    )
    regions: list[str] = Field(
        default_factory=list,
        description="Regions whose name says the country: 'Darfur rebels' are Sudanese.",
    )


class OrganisationRecord(_Record):
    """An international, non-governmental or national non-state organisation."""

    code: str = Field(pattern=r"^[A-Z][A-Z0-9]{1,11}$", description="Goes in Actor.country.")
    name: str = Field(min_length=1)
    names: list[str] = Field(default_factory=list)
    sector: str = Field("IGO", pattern=SECTOR_PATTERN)
    country: str | None = Field(
        None,
        pattern=r"^[A-Z]{3}$",
        description="A national group's country (ISO alpha-3); goes in Actor.country instead "
        "of the code.",
    )


class PersonRecord(_Record):
    """A named office-holder."""

    name: str = Field(min_length=1)
    names: list[str] = Field(
        default_factory=list, description="Surname alone, spelling variants, full forms."
    )
    country: str = Field(pattern=r"^[A-Z][A-Z0-9]{1,11}$", description="ISO3 or organisation code.")
    sector: str = Field(pattern=SECTOR_PATTERN)
    role: str = Field(min_length=1, description="A role of roles.yaml, e.g. 'foreign minister'.")
    valid_from: date | None = Field(None, description="First day in this role, if known.")
    valid_to: date | None = Field(None, description="Last day in this role, if it has ended.")


class RoleRecord(_Record):
    """Nouns and titles that say what an actor does, and the sector they code to."""

    role: str = Field(min_length=1, description="Canonical role, shared by all its terms.")
    terms: list[str] = Field(min_length=1, description="Singular forms, lower case.")
    sector: str = Field(pattern=SECTOR_PATTERN)
    kind: ActorKind = Field(description="What one holder of the role is: person, group, ...")
    speaker: bool = Field(False, description="Speaks for someone else: spokesperson, press office.")
    includes: list[str] = Field(
        default_factory=list,
        description="More specific roles a phrase of this role may refer back to: 'the "
        "minister' may be the foreign minister named before.",
    )
    domestic: bool = Field(
        False,
        description="Usually of the country the story is filed from when no country is said: "
        "police, protesters, the government.",
    )


class CollectiveRecord(_Record):
    """A group of states spoken of as one: the West, the international community."""

    code: str = Field(pattern=r"^[A-Z][A-Z0-9]{1,11}$")
    name: str = Field(min_length=1)
    names: list[str] = Field(default_factory=list)
    demonyms: list[str] = Field(default_factory=list, description="Western, Westerners.")


class ActorFile(_Record):
    """One YAML file of actor data."""

    version: int = Field(1, ge=1)
    countries: list[CountryRecord] = Field(default_factory=list)
    organisations: list[OrganisationRecord] = Field(default_factory=list)
    people: list[PersonRecord] = Field(default_factory=list)
    roles: list[RoleRecord] = Field(default_factory=list)
    collectives: list[CollectiveRecord] = Field(default_factory=list)
    honorifics: list[str] = Field(
        default_factory=list, description="Words before a name that leave it the same person."
    )


def yaml_files(folder: Path) -> list[Path]:
    """The YAML files of an actor data folder, in name order."""
    if not folder.is_dir():
        raise ActorDataError(f"{folder}: actor data folder does not exist")
    return sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")])


def read_actor_file(path: Path) -> ActorFile:
    """One file, validated; :class:`ActorDataError` names the file, entry and field at fault."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise ActorDataError(f"{path}: cannot read YAML: {error}") from error
    if raw is None:
        return ActorFile()
    try:
        return ActorFile.model_validate(raw)
    except ValidationError as error:
        raise ActorDataError(_describe(path, raw, error)) from error


def _describe(path: Path, raw: Any, error: ValidationError) -> str:
    problems = []
    for detail in error.errors():
        location = detail["loc"]
        where = ".".join(str(part) for part in location) or "<file>"
        if len(location) >= 2 and isinstance(location[1], int):
            section, index = str(location[0]), location[1]
            field_path = ".".join(str(part) for part in location[2:]) or "<entry>"
            where = f"{section}[{index}] {_entry_label(raw, section, index)}: {field_path}"
        problems.append(f"{where}: {detail['msg']}")
    return f"{path}: invalid actor data: " + "; ".join(problems)


def _entry_label(raw: Any, section: str, index: int) -> str:
    try:
        entry = raw[section][index]
    except (KeyError, IndexError, TypeError):
        return ""
    if isinstance(entry, dict):
        label = entry.get("name") or entry.get("role") or entry.get("code")
        if label:
            return f"({label!r})"
    return ""
