from __future__ import annotations

from spacy.language import Language

from schemas.vocabulary import ActorKind
from services.extraction.actors import ActorMatcher, find_actor_mentions
from tests.unit.extraction.actors.conftest import Find


def test_surname_and_role_noun_refer_to_the_first_full_mention(find: Find) -> None:
    mentions = find(
        "Kremlin spokesman Dmitry Peskov spoke on Monday. Peskov said the spokesman was tired."
    )
    assert [(m.actor.text, m.actor.name, m.antecedent) for m in mentions] == [
        ("Kremlin spokesman Dmitry Peskov", "Dmitry Peskov", None),
        ("Peskov", "Dmitry Peskov", 0),
        ("spokesman", "Dmitry Peskov", 0),
    ]
    assert mentions[2].actor.sector == "GOV" and mentions[2].actor.country == "RUS"


def test_surname_of_an_unknown_person(find: Find) -> None:
    mentions = find("Chilean envoy Tomasina Arcevela landed. Arcevela smiled.")
    assert mentions[-1].actor.text == "Arcevela"
    assert (mentions[-1].actor.name, mentions[-1].actor.country) == ("Tomasina Arcevela", "CHL")
    assert mentions[-1].antecedent == 0


def test_pronoun_refers_to_the_nearest_subject_person(find: Find) -> None:
    mentions = find("Emmanuel Macron called Olaf Scholz on Friday. He said the call went well.")
    pronoun = mentions[-1]
    assert (pronoun.actor.text, pronoun.actor.name, pronoun.antecedent) == (
        "He",
        "Emmanuel Macron",
        0,
    )


def test_object_pronoun_is_not_the_subject_of_its_verb(find: Find) -> None:
    mentions = find("Dmitry Peskov met Andrii Sybiha. Peskov thanked him.")
    assert (mentions[-1].actor.text, mentions[-1].actor.name) == ("him", "Andrii Sybiha")


def test_the_two_presidents_is_one_mention_per_president(find: Find) -> None:
    mentions = find(
        "Vladimir Putin spoke with Donald Trump by phone. The two presidents agreed to meet."
    )
    pair = [m for m in mentions if m.actor.text == "presidents"]
    assert sorted(m.actor.name for m in pair) == ["Donald Trump", "Vladimir Putin"]
    assert {m.antecedent for m in pair} == {0, 1}
    assert all((m.start, m.end) == (pair[0].start, pair[0].end) for m in pair)


def test_they_refers_to_coordinated_people(find: Find) -> None:
    mentions = find("Xi Jinping and Narendra Modi met. They signed a pact.")
    they = [m for m in mentions if m.actor.text == "They"]
    assert sorted(m.actor.name for m in they) == ["Narendra Modi", "Xi Jinping"]


def test_counterpart_before_a_name_is_the_named_person(find: Find) -> None:
    mentions = find("Putin thanked his American counterpart Donald Trump.")
    counterpart = next(m for m in mentions if m.actor.text == "American counterpart Donald Trump")
    assert (counterpart.actor.name, counterpart.actor.country, counterpart.actor.sector) == (
        "Donald Trump",
        "USA",
        "GOV",
    )


def test_unknown_person_takes_the_affiliation_of_the_apposition(find: Find) -> None:
    mentions = find("Tomasina Arcevela, a Chilean diplomat, arrived.")
    person = mentions[0]
    assert (person.actor.name, person.actor.country, person.actor.sector) == (
        "Tomasina Arcevela",
        "CHL",
        "GOV",
    )
    assert mentions[1].antecedent == 0


def test_an_indefinite_role_phrase_is_a_new_actor(find: Find) -> None:
    mentions = find("Sergei Lavrov arrived. A Russian official said talks would resume.")
    assert mentions[-1].actor.text == "Russian official"
    assert mentions[-1].antecedent is None


def test_a_role_phrase_of_another_country_does_not_resolve(find: Find) -> None:
    mentions = find("Sergei Lavrov arrived. The Chinese foreign minister was late.")
    assert mentions[-1].antecedent is None
    assert mentions[-1].actor.country == "CHN"


def test_without_resolution_no_antecedents_and_no_pronouns(
    nlp: Language, matcher: ActorMatcher
) -> None:
    doc = nlp("Putin spoke. Putin said he was ready.")
    mentions = find_actor_mentions(doc, matcher, resolve=False)
    assert [m.actor.text for m in mentions] == ["Putin", "Putin"]
    assert all(m.antecedent is None for m in mentions)


def test_the_leaders_are_the_two_principals_named_before(find: Find) -> None:
    mentions = find(
        "Xi Jinping hosted Narendra Modi. Trade was discussed at length. The leaders then left."
    )
    leaders = [m for m in mentions if m.actor.text == "leaders"]
    assert sorted(m.actor.name for m in leaders) == ["Narendra Modi", "Xi Jinping"]


def test_a_bare_plural_role_is_a_new_group(find: Find) -> None:
    mentions = find("Xi Jinping hosted Narendra Modi. Chinese officials praised the visit.")
    officials = [m for m in mentions if m.actor.text == "Chinese officials"]
    assert len(officials) == 1 and officials[0].antecedent is None


def test_a_prepositional_object_pronoun_is_not_the_subject_of_the_verb(find: Find) -> None:
    mentions = find("Sergei Lavrov met Hakan Fidan. Lavrov relied on him.")
    assert (mentions[-1].actor.text, mentions[-1].actor.name) == ("him", "Hakan Fidan")


def test_it_refers_to_the_subject_institution_of_its_sentence(find: Find) -> None:
    mentions = find("The Chilean Foreign Ministry said it had summoned the envoy.")
    it = next(m for m in mentions if m.actor.text == "it")
    assert (it.actor.country, it.actor.sector, it.antecedent) == ("CHL", "GOV", 0)


def test_expletive_it_is_no_one(find: Find) -> None:
    mentions = find("Chile protested. It is unclear whether talks will resume.")
    assert [m.actor.text for m in mentions] == ["Chile"]


def test_a_role_phrase_with_a_metonym_refers_to_the_spokesperson(find: Find) -> None:
    mentions = find("Dmitry Peskov spoke first. Later the Kremlin spokesperson repeated the point.")
    later = mentions[-1]
    assert (later.actor.text, later.actor.name, later.antecedent) == (
        "Kremlin spokesperson",
        "Dmitry Peskov",
        0,
    )


def test_a_general_role_refers_back_to_a_specific_one(find: Find) -> None:
    mentions = find("Sergei Lavrov arrived. The minister spoke briefly.")
    assert (mentions[-1].actor.text, mentions[-1].actor.name) == ("minister", "Sergei Lavrov")


def test_a_possessive_gives_a_role_phrase_its_owners_country(find: Find) -> None:
    mentions = find("Kenya said it would withdraw its troops.")
    troops = next(m for m in mentions if m.actor.text == "troops")
    assert (troops.actor.country, troops.actor.sector, troops.antecedent) == ("KEN", "MIL", None)


def test_apposition_to_a_repeated_surname_reaches_the_full_name(find: Find) -> None:
    mentions = find(
        "Donald Trump met Vladimir Putin on Monday. Later Trump, the American president, "
        "said the talks went well."
    )
    assert [(m.actor.text, m.actor.name, m.antecedent) for m in mentions[2:]] == [
        ("Trump", "Donald Trump", 0),
        ("American president", "Donald Trump", 0),
    ]


def referred(find: Find, text: str, written: str) -> list[str | None]:
    """The countries, in order, that the mentions written ``written`` stand for."""
    return [m.actor.country for m in find(text) if m.actor.text == written]


def test_the_two_sides_are_the_two_countries_just_named(find: Find) -> None:
    text = "Chile and Peru ended their border dispute. The two sides will exchange envoys."
    assert referred(find, text, "sides") == ["CHL", "PER"]
    assert referred(find, "Ghana and Togo met. Both parties signed.", "parties") == ["GHA", "TGO"]


def test_the_party_that_addresses_both_sides_is_not_one_of_them(find: Find) -> None:
    text = "Ghana and Togo clashed at the border. Nigeria urged both sides to stop."
    assert referred(find, text, "sides") == ["GHA", "TGO"]


def test_places_on_both_sides_of_something_are_no_one(find: Find) -> None:
    text = "Ghana and Togo clashed. Villages on both sides of the border emptied."
    assert referred(find, text, "sides") == []


def test_plural_roles_without_two_named_people_are_the_two_parties(find: Find) -> None:
    text = "Chile and Peru settled the dispute. The two governments will name a panel."
    assert referred(find, text, "governments") == ["CHL", "PER"]
    text = "Chile and Peru agreed that their governments would name a panel."
    assert referred(find, text, "governments") == ["CHL", "PER"]


def test_one_country_named_before_is_not_a_pair(find: Find) -> None:
    assert referred(find, "Chile voted. The two sides then met.", "sides") == []


def test_an_unknown_name_in_apposition_to_an_envoy_is_the_envoy(find: Find) -> None:
    mentions = find("Chile sent its special envoy, Tomas Ruiz-Arcevela, to Lima.")
    envoy = next(m for m in mentions if m.actor.text == "special envoy")
    named = mentions[envoy.antecedent or 0]
    assert named.actor.text == "Tomas Ruiz-Arcevela"
    assert (named.actor.kind, named.actor.country) == (ActorKind.PERSON, "CHL")


def test_a_role_phrase_refers_to_the_holder_named_most_recently(find: Find) -> None:
    # Naming a person again, by surname, makes them the nearest holder of their role again.
    filler = "The weather in the capital was mild. " * 4
    mentions = find(
        f"Kremlin spokesman Dmitry Peskov spoke on Monday. {filler}"
        "White House spokesman John Kirby spoke on Tuesday. The spokesman said talks went on. "
        f"{filler}Peskov spoke again on Wednesday. The spokesman said talks went on. "
        "Kirby said the spokesman was wrong."
    )
    assert [(m.actor.text, m.actor.name) for m in mentions if m.actor.text != m.actor.name] == [
        ("Kremlin spokesman Dmitry Peskov", "Dmitry Peskov"),
        ("White House spokesman John Kirby", "John Kirby"),
        ("spokesman", "John Kirby"),
        ("Peskov", "Dmitry Peskov"),
        ("spokesman", "Dmitry Peskov"),
        ("Kirby", "John Kirby"),
        ("spokesman", "John Kirby"),
    ]


def test_the_two_countries_are_states_not_an_organisation_named_between(find: Find) -> None:
    mentions = find(
        "Bolivia and Paraguay thanked the United Nations for its mediation. "
        "The two countries fought a war over the Chaco in the 1930s."
    )
    assert sorted(m.actor.country or "" for m in mentions if m.actor.text == "countries") == [
        "BOL",
        "PRY",
    ]


def test_the_leaders_after_a_summit_of_several_are_not_two_principals(find: Find) -> None:
    mentions = find(
        "Emmanuel Macron, Olaf Scholz and Giorgia Meloni met in Rome on Friday. "
        "The leaders agreed to meet again in the spring."
    )
    assert [m.antecedent for m in mentions if m.actor.text == "leaders"] == [None]
