"""The actor gazetteer: every known name, demonym, metonym and role, looked up in lower case.

It is built from the YAML files shipped in ``services/extraction/data/actors`` and from the
user's folders (``Settings.actor_data_dirs``), each layer overriding the ones before it.

Archives are re-coded, so a name resolves by the article's date: each term of office is its own
entry with its dates, and within one layer a spelling may code to two actors only when their
terms do not overlap ("Clinton" was the president until 2001 and the secretary of state from
2009), so conflicting data is caught when it is loaded.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from types import MappingProxyType

from schemas.vocabulary import ActorKind
from services.extraction.actors.entries import EntryForm, GazetteerEntry, entry_on
from services.extraction.actors.records import (
    ActorDataError,
    ActorFile,
    CountryRecord,
    PersonRecord,
    read_actor_file,
    yaml_files,
)

SHIPPED_DIR = Path(__file__).resolve().parent.parent / "data" / "actors"
SHIPPED_COUNTRIES = SHIPPED_DIR / "countries.yaml"


def shipped_countries() -> tuple[CountryRecord, ...]:
    """The shipped country records: the one source of country names, aliases and demonyms,
    which the place gazetteer reads too."""
    return tuple(read_actor_file(SHIPPED_COUNTRIES).countries)


@dataclass(frozen=True)
class Role:
    """A role noun's coding: 'spokesman' is the role 'spokesperson', GOV, a person, a speaker."""

    role: str
    sector: str
    kind: ActorKind
    speaker: bool
    # More specific roles a phrase of this one may refer back to ("the minister").
    includes: frozenset[str] = frozenset()
    # Of the story's own country unless said otherwise ("police", "the government").
    domestic: bool = False


def _normalise(text: str) -> str:
    return " ".join(text.lower().split())


@dataclass(frozen=True, eq=False)
class ActorGazetteer:
    """Lookups by lower-cased spelling; compared by identity, as its tables are large."""

    # Every term a spelling stands for, oldest first.
    terms: Mapping[str, tuple[GazetteerEntry, ...]]
    # The spellings as written in the data, so matching can respect capitals ("US" is not "us").
    spellings: Mapping[str, frozenset[str]]
    roles: Mapping[str, Role]
    # Words before a name that leave it the same person: "Mr", "Dr", "Sir".
    honorifics: frozenset[str]
    # Derived from ``roles`` once, since coreference asks them of every role phrase.
    _referred_roles: Mapping[str, frozenset[str]] = field(init=False, repr=False)
    domestic_roles: frozenset[str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        referred: dict[str, set[str]] = {}
        for role in self.roles.values():
            referred.setdefault(role.role, {role.role}).update(role.includes)
        frozen = {general: frozenset(roles) for general, roles in referred.items()}
        # A frozen dataclass sets its derived fields through object.__setattr__.
        object.__setattr__(self, "_referred_roles", MappingProxyType(frozen))
        domestic = frozenset(role.role for role in self.roles.values() if role.domestic)
        object.__setattr__(self, "domestic_roles", domestic)

    @classmethod
    def load(cls, extra_dirs: Sequence[Path] = ()) -> ActorGazetteer:
        """The shipped data with each extra folder layered over it, in order."""
        terms: dict[str, tuple[GazetteerEntry, ...]] = {}
        spellings: dict[str, set[str]] = {}
        roles: dict[str, Role] = {}
        people_roles: list[tuple[str, str]] = []
        honorifics: set[str] = set()
        for folder in (SHIPPED_DIR, *extra_dirs):
            layer = _Layer()
            for path in yaml_files(folder):
                layer.add(path, read_actor_file(path))
            layer.add_people()
            terms.update(layer.terms)
            for key, written in layer.spellings.items():
                spellings[key] = written
            roles.update(layer.roles)
            people_roles.extend(layer.people_roles)
            honorifics.update(layer.honorifics)
        known_roles = {role.role for role in roles.values()}
        for where, role in people_roles:
            if role not in known_roles:
                raise ActorDataError(f"{where}: role {role!r} is not a role of any roles section")
        return cls(
            terms=MappingProxyType(terms),
            spellings=MappingProxyType({k: frozenset(v) for k, v in spellings.items()}),
            roles=MappingProxyType(roles),
            honorifics=frozenset(honorifics),
        )

    def lookup(self, text: str, on: date | None = None) -> GazetteerEntry | None:
        """The actor a name, demonym or metonym stands for on the day ``on`` (see
        :func:`entry_on`)."""
        terms = self.terms.get(_normalise(text))
        return entry_on(terms, on) if terms else None

    def role(self, term: str) -> Role | None:
        """The role a noun or title (singular, any case) stands for."""
        return self.roles.get(_normalise(term))

    def referred_roles(self, general: str) -> frozenset[str]:
        """The roles whose holders a phrase of role ``general`` may name: itself and the more
        specific roles it includes."""
        return self._referred_roles.get(general, frozenset({general}))

    def is_honorific(self, word: str) -> bool:
        """ "Mr", "Dr.", "Sir": a word before a name that does not change who it is."""
        return _normalise(word).rstrip(".") in self.honorifics

    @property
    def longest_role_term(self) -> int:
        """Words in the longest role term, bounding how far role matching looks."""
        return max((len(term.split()) for term in self.roles), default=1)


class _Layer:
    """The entries of one folder, refusing a spelling that two actors share at the same time."""

    def __init__(self) -> None:
        self.terms: dict[str, tuple[GazetteerEntry, ...]] = {}
        self.spellings: dict[str, set[str]] = {}
        self.roles: dict[str, Role] = {}
        self.people_roles: list[tuple[str, str]] = []
        self.honorifics: set[str] = set()
        self._origin: dict[str, str] = {}
        # The entries of each person (name, country), one per term, in the order read.
        self._people: dict[tuple[str, str], list[tuple[str, PersonRecord]]] = {}

    def add(self, path: Path, data: ActorFile) -> None:
        for country in data.countries:
            where = f"{path}: countries {country.name!r}"
            self._actor(
                where,
                [country.name, *country.names],
                country.name,
                country.code,
                None,
                ActorKind.STATE,
                EntryForm.NAME,
            )
            self._actor(
                where,
                country.demonyms,
                country.name,
                country.code,
                None,
                ActorKind.STATE,
                EntryForm.DEMONYM,
            )
            seats = [country.capital] if country.capital else []
            self._actor(
                where,
                [*seats, *country.metonyms],
                country.name,
                country.code,
                "GOV",
                ActorKind.STATE,
                EntryForm.METONYM,
            )
            self._actor(
                where,
                country.regions,
                country.name,
                country.code,
                None,
                ActorKind.STATE,
                EntryForm.REGION,
            )
        for org in data.organisations:
            self._actor(
                f"{path}: organisations {org.name!r}",
                [org.name, *org.names],
                org.name,
                org.country or org.code,
                org.sector,
                ActorKind.ORGANISATION,
                EntryForm.NAME,
            )
        for person in data.people:
            where = f"{path}: people {person.name!r}"
            self.people_roles.append((where, person.role))
            self._people.setdefault((person.name, person.country), []).append((where, person))
        for group in data.collectives:
            where = f"{path}: collectives {group.name!r}"
            self._actor(
                where,
                [group.name, *group.names],
                group.name,
                group.code,
                None,
                ActorKind.GROUP,
                EntryForm.NAME,
            )
            self._actor(
                where,
                group.demonyms,
                group.name,
                group.code,
                None,
                ActorKind.GROUP,
                EntryForm.DEMONYM,
            )
        self.honorifics.update(_normalise(word).rstrip(".") for word in data.honorifics)
        for record in data.roles:
            role = Role(
                record.role,
                record.sector,
                record.kind,
                record.speaker,
                frozenset(record.includes),
                record.domestic,
            )
            for term in record.terms:
                self._role(f"{path}: roles {record.role!r}", term, role)

    def add_people(self) -> None:
        """Each term of a person under every spelling any of the person's entries gives, so a
        term listed by full name alone is found by surname too; once all files are read."""
        for terms in self._people.values():
            spellings = [spelling for _, p in terms for spelling in (p.name, *p.names)]
            for where, person in terms:
                self._actor(
                    where,
                    spellings,
                    person.name,
                    person.country,
                    person.sector,
                    ActorKind.PERSON,
                    EntryForm.NAME,
                    person.role,
                    (person.valid_from, person.valid_to),
                )

    def _actor(
        self,
        where: str,
        spellings: Iterable[str],
        name: str,
        country: str | None,
        sector: str | None,
        kind: ActorKind,
        form: EntryForm,
        role: str | None = None,
        term: tuple[date | None, date | None] = (None, None),
    ) -> None:
        entry = GazetteerEntry(name, country, sector, kind, form, role, *term)
        for spelling in spellings:
            key = _normalise(spelling)
            known = self.terms.get(key, ())
            clash = next((other for other in known if _clash(entry, other)), None)
            if clash is not None:
                raise ActorDataError(
                    f"{where}: {spelling!r} already codes to {clash.name!r} "
                    f"in {self._origin[key]} at the same time; a spelling may code to one "
                    "actor at a time only"
                )
            if not any(_same_term(entry, other) for other in known):
                self.terms[key] = tuple(
                    sorted((*known, entry), key=lambda t: t.valid_from or date.min)
                )
                self._origin.setdefault(key, where)
            self.spellings.setdefault(key, set()).add(spelling.strip())

    def _role(self, where: str, term: str, role: Role) -> None:
        key = _normalise(term)
        known = self.roles.get(key)
        if known is not None and known != role:
            raise ActorDataError(
                f"{where}: term {term!r} already belongs to role {known.role!r} "
                f"in {self._origin['role:' + key]}"
            )
        self.roles[key] = role
        self._origin["role:" + key] = where


def _clash(entry: GazetteerEntry, other: GazetteerEntry) -> bool:
    """Two actors under one spelling at the same time."""
    return (entry.name, entry.country) != (other.name, other.country) and entry.overlaps(other)


def _same_term(entry: GazetteerEntry, other: GazetteerEntry) -> bool:
    """The same actor in the same term: the first entry loaded stands."""
    return (entry.name, entry.country, entry.valid_from, entry.valid_to) == (
        other.name,
        other.country,
        other.valid_from,
        other.valid_to,
    )
