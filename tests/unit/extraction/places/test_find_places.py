"""Resolving place names: the right country for ambiguous names, no demonyms or actors."""

from __future__ import annotations

import pytest
from spacy.language import Language

from schemas import Location
from services.extraction.places import PlaceGazetteer, find_places
from services.extraction.places.finder import load_place_words

WORDS = load_place_words()


def places(nlp: Language, gazetteer: PlaceGazetteer, text: str) -> dict[str, Location]:
    doc = nlp(text)
    found = find_places(doc, gazetteer, WORDS)
    return {doc.text[mention.start : mention.end]: mention.location for mention in found}


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("Negotiators gathered in Istanbul on Friday.", "Istanbul", "TUR"),
        ("The envoy flew on to Paris after the US stop.", "Paris", "FRA"),
        ("A US delegation landed in Moscow on Tuesday.", "Moscow", "RUS"),
        ("Gunfire was heard in Alexandria overnight.", "Alexandria", "EGY"),
        ("Militias clashed in Tripoli again.", "Tripoli", "LBY"),
    ],
)
def test_ambiguous_city_defaults_to_the_prominent_one(
    nlp: Language, gazetteer: PlaceGazetteer, text: str, name: str, country: str
) -> None:
    location = places(nlp, gazetteer, text)[name]
    assert location.country == country
    assert location.lat is not None and location.lon is not None


def test_city_coordinates_are_the_citys(nlp: Language, gazetteer: PlaceGazetteer) -> None:
    location = places(nlp, gazetteer, "Delegates met in Istanbul.")["Istanbul"]
    assert location.lat == pytest.approx(41.0, abs=0.2)
    assert location.lon == pytest.approx(29.0, abs=0.2)


def test_a_country_named_in_the_sentence_decides(nlp: Language, gazetteer: PlaceGazetteer) -> None:
    found = places(nlp, gazetteer, "Clashes broke out in Tripoli, in northern Lebanon.")
    assert found["Tripoli"].country == "LBN"


def test_a_demonym_in_the_sentence_decides(nlp: Language, gazetteer: PlaceGazetteer) -> None:
    found = places(nlp, gazetteer, "Protests spread in Tripoli, the Lebanese port city.")
    assert found["Tripoli"].country == "LBN"


def test_georgia_is_the_country_by_default(nlp: Language, gazetteer: PlaceGazetteer) -> None:
    found = places(nlp, gazetteer, "The European envoy visited Tbilisi and then left Georgia.")
    assert found["Georgia"] == Location(name="Georgia", country="GEO")


def test_georgia_is_the_us_state_next_to_atlanta(nlp: Language, gazetteer: PlaceGazetteer) -> None:
    text = "Voters in Atlanta lined up early. Georgia will certify the count on Friday."
    assert places(nlp, gazetteer, text)["Georgia"].country == "USA"


def test_alias_and_alternate_names(nlp: Language, gazetteer: PlaceGazetteer) -> None:
    found = places(nlp, gazetteer, "The U.S. ambassador travelled from Kiev to London.")
    assert found["U.S."].name == "United States"
    assert found["Kiev"].name == "Kyiv"


def test_demonyms_are_never_places(nlp: Language, gazetteer: PlaceGazetteer) -> None:
    assert places(nlp, gazetteer, "Russian and Ukrainian officials met.") == {}


def test_organisation_named_like_a_landmark_is_not_a_place(
    nlp: Language, gazetteer: PlaceGazetteer
) -> None:
    found = places(nlp, gazetteer, "The Kremlin said the talks were useful.")
    assert "Kremlin" not in found


def test_landmark_with_a_preposition_is_a_place(nlp: Language, gazetteer: PlaceGazetteer) -> None:
    found = places(nlp, gazetteer, "The two leaders met at the Kremlin on Friday.")
    assert found["Kremlin"].country == "RUS"


def test_the_data_loader_joins_geonames_and_the_actor_countries(gazetteer: PlaceGazetteer) -> None:
    assert {c.kind for c in gazetteer.candidates("Georgia")} == {"country", "state"}
    # An alias and a demonym that only the actor data (countries.yaml) knows.
    assert [(c.kind, c.country) for c in gazetteer.candidates("Burma")] == [("country", "MMR")]
    assert gazetteer.demonym_country("Afghans") == "AFG"


def test_regions_from_the_data_file(nlp: Language, gazetteer: PlaceGazetteer) -> None:
    found = places(nlp, gazetteer, "Warships patrolled the Black Sea near Crimea.")
    assert found["Black Sea"].lat is not None
    assert found["Crimea"].country is None


def test_naming_the_us_does_not_pull_a_city_to_america(
    nlp: Language, gazetteer: PlaceGazetteer
) -> None:
    found = places(nlp, gazetteer, "U.S. and Iranian envoys resumed talks in Geneva.")
    assert found["Geneva"].country == "CHE"


def test_a_us_state_pulls_a_city_to_america(nlp: Language, gazetteer: PlaceGazetteer) -> None:
    found = places(nlp, gazetteer, "A rally was held in Moscow, Idaho, on Saturday.")
    assert found["Moscow"].country == "USA"


def test_compass_word_before_a_country(nlp: Language, gazetteer: PlaceGazetteer) -> None:
    found = places(nlp, gazetteer, "Fighting flared again in Western Cambodia.")
    assert found["Western Cambodia"] == Location(name="Cambodia", country="KHM")


def test_accents_are_optional(nlp: Language, gazetteer: PlaceGazetteer) -> None:
    assert places(nlp, gazetteer, "Bankers met in Zurich.")["Zurich"].country == "CHE"


def test_town_tagged_as_a_nationality_after_town_of(
    nlp: Language, gazetteer: PlaceGazetteer
) -> None:
    found = places(nlp, gazetteer, "Mortars hit the town of Samarra overnight.")
    assert found["Samarra"].country == "IRQ"


def test_time_zone_of_a_city_a_country_and_a_landmark(gazetteer: PlaceGazetteer) -> None:
    assert str(gazetteer.time_zone(Location(name="Istanbul", country="TUR"))) == "Europe/Istanbul"
    assert str(gazetteer.time_zone(Location(name="Russia", country="RUS"))) == "Europe/Moscow"
    assert str(gazetteer.time_zone(Location(name="Kremlin", country="RUS"))) == "Europe/Moscow"
    assert gazetteer.time_zone(Location(name="Crimea")) is None
