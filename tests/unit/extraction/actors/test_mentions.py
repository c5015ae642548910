from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from schemas.vocabulary import ActorKind
from services.extraction.actors import ActorGazetteer, ActorMatcher, find_actor_mentions
from tests.unit.extraction.actors.conftest import Find, by_text


def coding(find: Find, sentence: str, text: str) -> tuple[str | None, str | None, ActorKind]:
    actor = by_text(find(sentence), text).actor
    return actor.country, actor.sector, actor.kind


def test_countries_by_name_demonym_capital_and_seat_of_government(find: Find) -> None:
    mentions = find("Moscow warned Washington after the Kremlin and Downing Street traded barbs.")
    assert [(m.actor.text, m.actor.country, m.actor.sector) for m in mentions] == [
        ("Moscow", "RUS", "GOV"),
        ("Washington", "USA", "GOV"),
        ("Kremlin", "RUS", "GOV"),
        ("Downing Street", "GBR", "GOV"),
    ]
    assert coding(find, "The talks between Norway and Chile stalled.", "Chile") == (
        "CHL",
        None,
        ActorKind.STATE,
    )
    assert coding(find, "Angry Brazilians marched on Sunday.", "Brazilians") == (
        "BRA",
        None,
        ActorKind.GROUP,
    )


def test_capitals_decide_between_a_name_and_a_common_word(find: Find) -> None:
    mentions = find("The US told us nothing.")
    assert [(m.actor.text, m.actor.country) for m in mentions] == [("US", "USA")]


def test_title_and_name_are_one_mention_headed_by_the_name(find: Find) -> None:
    mentions = find("Russian President Vladimir Putin arrived late.")
    assert len(mentions) == 1
    mention = mentions[0]
    assert (mention.start, mention.end, mention.head) == (0, 4, 3)
    assert mention.actor.name == "Vladimir Putin"
    assert (mention.actor.country, mention.actor.sector) == ("RUS", "GOV")
    assert mention.actor.kind is ActorKind.PERSON


def test_known_spokesperson_is_government_not_media(find: Find) -> None:
    mention = by_text(
        find("Kremlin spokesman Dmitry Peskov declined to comment."),
        "Kremlin spokesman Dmitry Peskov",
    )
    assert (mention.actor.name, mention.actor.sector, mention.role) == (
        "Dmitry Peskov",
        "GOV",
        "spokesperson",
    )


def test_unknown_person_is_coded_from_title_and_demonym(find: Find) -> None:
    mention = by_text(
        find("Chilean Foreign Minister Tomasina Arcevela visited Lima."),
        "Chilean Foreign Minister Tomasina Arcevela",
    )
    assert mention.actor.name == "Tomasina Arcevela"
    assert (mention.actor.country, mention.actor.sector, mention.actor.kind) == (
        "CHL",
        "GOV",
        ActorKind.PERSON,
    )


def test_unnamed_actors_are_coded_from_affiliation_and_role(find: Find) -> None:
    assert coding(find, "A Jordanian official spoke to reporters.", "Jordanian official") == (
        "JOR",
        "GOV",
        ActorKind.PERSON,
    )
    assert coding(find, "Israeli troops entered the village.", "Israeli troops") == (
        "ISR",
        "MIL",
        ActorKind.GROUP,
    )
    assert coding(find, "Palestinian protesters gathered.", "Palestinian protesters")[:2] == (
        "PSE",
        "CVL",
    )
    assert coding(find, "They cited a U.S. Supreme Court ruling.", "U.S. Supreme Court")[:2] == (
        "USA",
        "JUD",
    )
    assert coding(find, "The Russian Foreign Ministry protested.", "Russian Foreign Ministry") == (
        "RUS",
        "GOV",
        ActorKind.ORGANISATION,
    )


def test_domestic_actors_without_a_country(find: Find) -> None:
    mentions = find("Police detained protesters while rebels shelled the town and lawmakers met.")
    assert [(m.actor.text, m.actor.country, m.actor.sector) for m in mentions] == [
        ("Police", None, "COP"),
        ("protesters", None, "CVL"),
        ("rebels", None, "REB"),
        ("lawmakers", None, "LEG"),
    ]


def test_a_role_noun_modifying_an_object_is_not_an_actor(find: Find) -> None:
    mentions = find("Kenya held a press conference.")
    assert [m.actor.text for m in mentions] == ["Kenya"]


def test_coordinated_demonyms_give_one_mention_each(find: Find) -> None:
    mentions = find("Senior Peruvian and Bolivian officials met in La Paz.")
    coded = [(m.actor.text, m.actor.country, m.actor.sector) for m in mentions]
    assert coded[:2] == [("Peruvian", "PER", "GOV"), ("Bolivian officials", "BOL", "GOV")]


def test_international_organisations_by_abbreviation_and_full_name(find: Find) -> None:
    mentions = find("The OSCE, the African Union and the IAEA urged restraint.")
    assert [(m.actor.text, m.actor.country, m.actor.sector) for m in mentions] == [
        ("OSCE", "OSCE", "IGO"),
        ("African Union", "AU", "IGO"),
        ("IAEA", "IAEA", "IGO"),
    ]


def test_an_organisation_modifier_affiliates_a_role(find: Find) -> None:
    assert coding(find, "A UN envoy arrived.", "UN envoy")[:2] == ("UN", "IGO")
    assert coding(find, "NATO troops withdrew.", "NATO troops")[:2] == ("NATO", "MIL")


def test_collectives(find: Find) -> None:
    assert coding(find, "Western countries imposed sanctions.", "Western countries") == (
        "WST",
        None,
        ActorKind.GROUP,
    )
    assert coding(find, "Western diplomats were summoned.", "Western diplomats")[:2] == (
        "WST",
        "GOV",
    )


def test_possessor_affiliates_the_role_after_it(find: Find) -> None:
    mentions = find("Kenya's foreign minister resigned.")
    assert [(m.actor.text, m.actor.country, m.actor.sector) for m in mentions] == [
        ("Kenya", "KEN", None),
        # As written, with the possessor that affiliates it.
        ("Kenya's foreign minister", "KEN", "GOV"),
    ]


def test_a_person_from_a_user_folder_is_found_in_text(nlp: Language, tmp_path: Path) -> None:
    (tmp_path / "extra.yaml").write_text(
        "people:\n- {name: Tala Ovanesyan, names: [Ovanesyan], country: ARM, sector: GOV,"
        " role: foreign minister}\n"
    )
    matcher = ActorMatcher(ActorGazetteer.load([tmp_path]), nlp.vocab)
    mentions = find_actor_mentions(nlp("Tala Ovanesyan met the press."), matcher)
    assert (mentions[0].actor.name, mentions[0].actor.country) == ("Tala Ovanesyan", "ARM")


def test_a_role_takes_the_affiliation_stated_after_it(find: Find) -> None:
    spokesman = "spokesman for Narendra Modi"
    assert coding(find, "A spokesman for Narendra Modi spoke.", spokesman)[:2] == ("IND", "GOV")
    assert coding(find, "Police in Kenya fired tear gas.", "Police in Kenya")[:2] == ("KEN", "COP")


def test_a_city_opening_the_article_with_a_dash_is_a_dateline(find: Find) -> None:
    mentions = find("Ottawa - Canada expelled two diplomats.")
    assert [m.actor.text for m in mentions] == ["Canada", "diplomats"]
    assert [m.actor.text for m in find("Greece, like Chile, objected.")] == ["Greece", "Chile"]


def test_a_dateline_is_not_an_actor(find: Find) -> None:
    mentions = find("NAIROBI (Reuters) - Kenya recalled its envoy.")
    assert [(m.actor.text, m.actor.country) for m in mentions][:2] == [
        ("Reuters", "REUTERS"),
        ("Kenya", "KEN"),
    ]


def test_a_region_names_its_country(find: Find) -> None:
    assert coding(find, "Darfur rebels seized the town.", "Darfur rebels")[:2] == ("SDN", "REB")


def test_a_multiword_role_is_headed_where_the_parse_attaches_it(find: Find) -> None:
    doc_mentions = find("The Ministry of Foreign Affairs of Chile protested.")
    ministry = doc_mentions[0]
    assert ministry.actor.text == "Ministry of Foreign Affairs of Chile"
    assert (ministry.head, ministry.actor.country, ministry.actor.sector) == (1, "CHL", "GOV")


def test_a_known_surname_with_another_first_name_is_someone_else(find: Find) -> None:
    mentions = find("Roger Clinton praised Mr Erdogan.")
    assert [(m.actor.name, m.actor.country) for m in mentions] == [
        ("Roger Clinton", None),
        ("Recep Tayyip Erdoğan", "TUR"),
    ]


@pytest.mark.parametrize(
    ("sentence", "text", "sector"),
    [
        ("The opposition walked out.", "opposition", "OPP"),
        ("A judge freed him.", "judge", "JUD"),
        ("The army advanced.", "army", "MIL"),
        ("The government resigned.", "government", "GOV"),
        ("Journalists were detained.", "Journalists", "MED"),
        ("The company denied it.", "company", "BUS"),
        ("Militants attacked a convoy.", "Militants", "REB"),
        ("Demonstrators marched.", "Demonstrators", "CVL"),
        ("Refugees crossed the border.", "Refugees", "REF"),
    ],
)
def test_generic_domestic_actors(find: Find, sentence: str, text: str, sector: str) -> None:
    actor = by_text(find(sentence), text).actor
    assert (actor.country, actor.sector) == (None, sector)


def test_name_variants_of_known_people(find: Find) -> None:
    mentions = find("US Special Envoy Steven Witkoff met Volodymyr Zelenskyy and Zelensky's aide.")
    assert [(m.actor.name, m.actor.country) for m in mentions][:3] == [
        ("Steve Witkoff", "USA"),
        ("Volodymyr Zelensky", "UKR"),
        ("Volodymyr Zelensky", "UKR"),
    ]
    assert mentions[0].actor.text == "US Special Envoy Steven Witkoff"


def test_former_office_holders_are_elites(find: Find) -> None:
    mentions = find("Former President Bill Clinton met President Lula.")
    assert [(m.actor.name, m.actor.sector) for m in mentions] == [
        ("Bill Clinton", "ELI"),
        ("Luiz Inácio Lula da Silva", "GOV"),
    ]


def test_a_national_body_named_like_an_international_one(find: Find) -> None:
    mentions = find("The Security Council met after Russia's Security Council did.")
    assert [(m.actor.text, m.actor.country) for m in mentions] == [
        ("Security Council", "UN"),
        ("Russia", "RUS"),
        ("Russia's Security Council", "RUS"),
    ]


def test_a_title_the_parse_split_lends_its_country_to_the_name(find: Find) -> None:
    mentions = find("U.S. Secretary of State Dana Whitfield met the press.")
    person = by_text(mentions, "Secretary of State Dana Whitfield").actor
    assert (person.name, person.country, person.sector) == ("Dana Whitfield", "USA", "GOV")


def test_a_person_takes_the_country_named_after_him(find: Find) -> None:
    assert (
        coding(find, "President Maria Delgado of Peru spoke.", "President Maria Delgado")[0]
        == "PER"
    )


def test_a_role_is_written_with_the_names_the_parse_hangs_before_it(find: Find) -> None:
    mentions = find("The Zembla Valley government rejected the plan.")
    assert by_text(mentions, "Zembla Valley government").actor.sector == "GOV"


def test_an_ethnic_people_is_coded_where_it_lives(find: Find) -> None:
    mentions = find("Ethnic Albanians in south Serbia demanded autonomy.")
    assert by_text(mentions, "Albanians").actor.country == "SRB"
    detained = find("Police detained three ethnic Albanians.")
    assert by_text(detained, "Albanians").actor.country is None
    striking = find("Hundreds of ethnic Turks protested against Sweden's decision.")
    assert (by_text(striking, "Turks").actor.name, by_text(striking, "Turks").actor.country) == (
        "Turks",
        "SWE",
    )


def test_a_role_is_written_with_an_unknown_place_after_it(find: Find) -> None:
    mentions = find("The police in Zembla Town have arrested ten union leaders.")
    assert by_text(mentions, "police in Zembla Town").actor.sector == "COP"


@pytest.mark.parametrize(
    ("sentence", "text", "country", "sector"),
    [
        ("OFAC added three firms to its list.", "OFAC", "USA", "GOV"),
        ("The Treasury Department froze their assets.", "Treasury Department", "USA", "GOV"),
        ("Britain's Treasury froze their assets.", "Britain's Treasury", "GBR", "GOV"),
        ("The Bundeswehr sent two frigates.", "Bundeswehr", "DEU", "MIL"),
        ("The Farnesina summoned the envoy.", "Farnesina", "ITA", "GOV"),
    ],
)
def test_national_agencies_named_without_their_country(
    find: Find, sentence: str, text: str, country: str, sector: str
) -> None:
    assert coding(find, sentence, text)[:2] == (country, sector)


def test_a_title_and_the_name_after_it_are_one_person(find: Find) -> None:
    mentions = find("Secretary of State Tomas Arcevela flew to Lima.")
    assert mentions[0].actor.text == "Secretary of State Tomas Arcevela"
    assert (mentions[0].actor.name, mentions[0].role) == ("Tomas Arcevela", "foreign minister")


def test_honorifics_of_several_words_stay_inside_the_title_and_name(find: Find) -> None:
    mentions = find("Chilean Vice Premier His Excellency Mr Tomas Arcevela landed in Lima.")
    person = mentions[0]
    assert person.actor.text == "Chilean Vice Premier His Excellency Mr Tomas Arcevela"
    assert (person.actor.country, person.actor.sector, person.actor.kind) == (
        "CHL",
        "GOV",
        ActorKind.PERSON,
    )


def test_a_surname_inside_a_hyphenated_name_is_not_that_person(find: Find) -> None:
    mentions = find("Envoy Kang Yoon-hee met the press.")
    assert all(m.actor.name != "Yoon Suk Yeol" for m in mentions)


def test_a_country_inside_a_longer_place_name_is_no_actor(find: Find) -> None:
    mentions = find("Vietnam sent patrol boats into the South China Sea near the Gulf of Tonkin.")
    assert [m.actor.country for m in mentions] == ["VNM"]


def test_a_region_opening_the_name_of_a_forum_is_no_actor(find: Find) -> None:
    mentions = find("Finland will send its premier to the 12th Asia-Europe Meeting Summit in May.")
    assert [m.actor.country for m in mentions] == ["FIN", "FIN"]
    # Also where the parser finds no entity spanning the name, only "Africa" before "Cup".
    mentions = find("Ministers of Finland will attend the Africa Cup opening in Cairo.")
    assert "Africa" not in [m.actor.name for m in mentions]
    # A country opening such a name still is its actor.
    assert [m.actor.country for m in find("The Russian Foreign Ministry summoned him.")] == ["RUS"]


def test_a_place_name_that_is_the_whole_entry_stays_an_actor(find: Find) -> None:
    mentions = find("Egypt reopened its crossing into the Gaza Strip on Sunday.")
    assert [m.actor.country for m in mentions] == ["EGY", "PSE"]


def test_an_unknown_place_in_capitals_opening_the_story_is_its_dateline(find: Find) -> None:
    mentions = find("TALLAHASSEE, Florida, May 2 (Desk Wire) - Chile and Peru signed a fish pact.")
    assert [m.actor.country for m in mentions] == ["CHL", "PER"]
