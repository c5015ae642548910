"""Names resolve by the article's date: terms of office, handovers, former leaders."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from spacy.language import Language

from services.extraction.actors import (
    ActorDataError,
    ActorGazetteer,
    ActorMatcher,
    find_actor_mentions,
)

_TWO_CHAIRS = (
    "people:\n"
    "- {name: Ada Varga, names: [Varga], country: HUN, sector: GOV, role: president,"
    " valid_from: 2001-03-01, valid_to: 2006-03-01}\n"
    "- {name: Bela Varga, names: [Varga], country: SVK, sector: GOV, role: prime minister,"
    " valid_from: 2006-03-01, valid_to: 2010-07-01}\n"
    "- {name: Ada Varga, names: [], country: HUN, sector: GOV, role: foreign minister,"
    " valid_from: 2012-01-01, valid_to: 2014-01-01}\n"
)


@pytest.fixture(scope="module")
def chairs(tmp_path_factory: pytest.TempPathFactory) -> ActorGazetteer:
    folder = tmp_path_factory.mktemp("chairs")
    (folder / "chairs.yaml").write_text(_TWO_CHAIRS)
    return ActorGazetteer.load([folder])


@pytest.mark.parametrize(
    ("day", "name", "country", "role"),
    [
        (date(2003, 5, 1), "Ada Varga", "HUN", "president"),
        (date(2008, 5, 1), "Bela Varga", "SVK", "prime minister"),
        # The handover day belongs to the newer term.
        (date(2006, 3, 1), "Bela Varga", "SVK", "prime minister"),
        # A term listed under the full name alone is found by the surname too.
        (date(2013, 1, 1), "Ada Varga", "HUN", "foreign minister"),
        # Outside every term, the nearest: a former leader keeps a country.
        (date(2011, 9, 1), "Ada Varga", "HUN", "foreign minister"),
        (date(1995, 1, 1), "Ada Varga", "HUN", "president"),
        (date(2010, 9, 1), "Bela Varga", "SVK", "prime minister"),
    ],
)
def test_a_surname_resolves_to_whoever_held_office_on_the_day(
    chairs: ActorGazetteer, day: date, name: str, country: str, role: str
) -> None:
    entry = chairs.lookup("Varga", day)
    assert entry is not None
    assert (entry.name, entry.country, entry.role) == (name, country, role)


def test_without_a_date_the_latest_term_stands(chairs: ActorGazetteer) -> None:
    entry = chairs.lookup("Varga")
    assert entry is not None and (entry.name, entry.role) == ("Ada Varga", "foreign minister")


def test_two_people_under_one_spelling_at_once_are_refused(tmp_path: Path) -> None:
    (tmp_path / "clash.yaml").write_text(
        "people:\n"
        "- {name: Ada Varga, names: [Varga], country: HUN, sector: GOV, role: president,"
        " valid_from: 2001-03-01, valid_to: 2006-03-01}\n"
        "- {name: Bela Varga, names: [Varga], country: SVK, sector: GOV, role: president,"
        " valid_from: 2005-01-01}\n"
    )
    with pytest.raises(ActorDataError, match=r"'Varga' already codes to 'Ada Varga'.*same time"):
        ActorGazetteer.load([tmp_path])


@pytest.mark.parametrize(
    ("day", "country", "role"),
    [
        (date(2006, 6, 1), "POL", "prime minister"),  # not yet in Brussels
        (date(2016, 6, 1), "EU", "president"),
        (date(2024, 6, 1), "POL", "prime minister"),
    ],
)
def test_the_shipped_data_follows_a_career(
    nlp: Language, matcher: ActorMatcher, day: date, country: str, role: str
) -> None:
    mentions = find_actor_mentions(nlp("Tusk met the press."), matcher, on=day)
    assert (mentions[0].actor.country, mentions[0].role) == (country, role)


def test_a_former_leader_named_years_later_keeps_a_country(
    nlp: Language, matcher: ActorMatcher
) -> None:
    doc = nlp("Koizumi criticised the plan.")
    mentions = find_actor_mentions(doc, matcher, on=date(2012, 4, 2))
    assert (mentions[0].actor.name, mentions[0].actor.country) == ("Junichiro Koizumi", "JPN")
