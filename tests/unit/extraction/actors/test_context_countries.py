"""Short forms of institutions and the place a sentence opens with give actors their country."""

from __future__ import annotations

from tests.unit.extraction.actors.conftest import Find, by_text


def test_the_short_form_of_an_institution_is_the_one_named_in_full(find: Find) -> None:
    mentions = find(
        "The Obama administration eased travel rules for Cuba on Friday. Officials said "
        "the administration would consider further steps next year."
    )
    short = [m for m in mentions if m.actor.text == "administration"]
    assert [(m.actor.country, m.actor.sector) for m in short] == [("USA", "GOV")]


def test_the_council_after_the_security_council_is_the_un(find: Find) -> None:
    mentions = find(
        "The UN Security Council debated the truce for hours. Late at night the Council "
        "turned down two changes put forward by China."
    )
    assert by_text(mentions, "Council").actor.country == "UN"


def test_an_indefinite_institution_does_not_refer_back(find: Find) -> None:
    mentions = find(
        "Kenya's foreign ministry issued a note. A ministry in another capital kept silent."
    )
    assert by_text(mentions, "ministry").actor.country is None


def test_a_sentence_opening_with_a_capital_places_its_subject(find: Find) -> None:
    mentions = find("In Ankara, the foreign ministry summoned the envoy of Sweden on Monday.")
    assert by_text(mentions, "foreign ministry").actor.country == "TUR"


def test_an_unknown_titled_person_is_placed_by_the_opening_capital(find: Find) -> None:
    mentions = find("In Lima, Foreign Minister Ramona Quispeyupanqui praised the accord.")
    person = by_text(mentions, "Foreign Minister Ramona Quispeyupanqui")
    assert (person.actor.country, person.actor.sector) == ("PER", "GOV")


def test_a_city_that_is_no_seat_of_government_places_no_one(find: Find) -> None:
    mentions = find("In Geneva, the negotiators adjourned their talks until Monday.")
    assert all(m.actor.country is None for m in mentions if m.actor.text == "negotiators")
