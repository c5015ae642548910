"""Short forms of institutions, the place a sentence opens with, and the story's dateline give
actors their country."""

from __future__ import annotations

import pytest

from schemas.vocabulary import ActorKind
from tests.unit.extraction.actors.conftest import Find, by_text


def test_the_short_form_of_an_institution_is_the_one_named_in_full(find: Find) -> None:
    mentions = find(
        "The Obama administration eased travel rules for Cuba on Friday. Officials said "
        "the administration would consider further steps next year."
    )
    short = [m for m in mentions if m.actor.text == "administration"]
    assert [(m.actor.country, m.actor.sector) for m in short] == [("USA", "GOV")]


@pytest.mark.parametrize(
    ("text", "written", "country"),
    [
        # A short form refers back to the institution named in full ...
        (
            "The UN Security Council debated the truce for hours. Late at night the Council "
            "turned down two changes put forward by China.",
            "Council",
            "UN",
        ),
        # ... unless it is indefinite.
        (
            "Kenya's foreign ministry issued a note. A ministry in another capital kept silent.",
            "ministry",
            None,
        ),
        # A capital opening the sentence places its subject ...
        (
            "In Ankara, the foreign ministry summoned the envoy of Sweden on Monday.",
            "foreign ministry",
            "TUR",
        ),
        # ... a city that is no seat of government does not.
        ("In Geneva, the negotiators adjourned their talks until Monday.", "negotiators", None),
        # A domestic role takes the place its clause is set in before the dateline's country.
        (
            "AMMAN, June 4 (Desk Wire) - Thousands of farmers rallied against the new tax law "
            "in Baghdad on Tuesday.",
            "farmers",
            "IRQ",
        ),
        # Troops and embassies are often foreign: the dateline does not place them.
        (
            "KABUL, June 4 (Desk Wire) - Troops guarded the embassy as the convoy left.",
            "Troops",
            None,
        ),
        (
            "KABUL, June 4 (Desk Wire) - Troops guarded the embassy as the convoy left.",
            "embassy",
            None,
        ),
        # Without a dateline a domestic role stays unplaced.
        ("Riot police cleared the square before dawn.", "Riot police", None),
    ],
)
def test_country_from_the_context(find: Find, text: str, written: str, country: str | None) -> None:
    assert by_text(find(text), written).actor.country == country


def test_an_unknown_titled_person_is_placed_by_the_opening_capital(find: Find) -> None:
    mentions = find("In Lima, Foreign Minister Ramona Quispeyupanqui praised the accord.")
    person = by_text(mentions, "Foreign Minister Ramona Quispeyupanqui")
    assert (person.actor.country, person.actor.sector) == ("PER", "GOV")


def test_domestic_roles_are_of_the_country_the_story_is_filed_from(find: Find) -> None:
    mentions = find(
        "NAIROBI, June 4 (Desk Wire) - Police fired tear gas at students outside the "
        "parliament, and the government ordered the campus shut."
    )
    placed = [by_text(mentions, written).actor.country for written in ("Police", "students")]
    assert placed == ["KEN", "KEN"]
    assert by_text(mentions, "government").actor.country == "KEN"


def test_an_unknown_titled_person_is_of_the_dateline_country(find: Find) -> None:
    mentions = find(
        "HARARE, May 9 (Desk Wire) - President Tendai Mukonoweshuro dissolved parliament. "
        "Mukonoweshuro said elections would follow."
    )
    assert [m.actor.country for m in mentions if m.actor.kind is ActorKind.PERSON] == [
        "ZWE",
        "ZWE",
    ]


def test_a_titled_person_is_not_placed_where_the_clause_is_set(find: Find) -> None:
    mentions = find("Prime Minister Tendai Mukonoweshuro arrived in Lima for talks on Monday.")
    assert by_text(mentions, "Prime Minister Tendai Mukonoweshuro").actor.country is None


def test_without_a_dateline_an_unknown_titled_person_takes_the_sentence_country(
    find: Find,
) -> None:
    mentions = find("President Tendai Mukonoweshuro promised the Zimbabwean people a new vote.")
    assert by_text(mentions, "President Tendai Mukonoweshuro").actor.country == "ZWE"


def test_another_persons_country_does_not_place_an_unknown_titled_person(find: Find) -> None:
    mentions = find("President Tendai Mukonoweshuro welcomed Peruvian President Ana Ruiz.")
    assert by_text(mentions, "President Tendai Mukonoweshuro").actor.country is None


def test_the_people_a_titled_person_acts_against_may_place_him(find: Find) -> None:
    mentions = find("Judge Tendai Mukonoweshuro charged nine Zambian customs officers.")
    assert by_text(mentions, "Judge Tendai Mukonoweshuro").actor.country == "ZMB"
