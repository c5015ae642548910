"""Matching behaviour: overlaps, disambiguating context, heads and the pre-parse word list."""

from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language

from schemas import PloverRoot
from services.extraction.triggers import TriggerLexicon, TriggerMatch, TriggerMatcher


def _matches(nlp: Language, matcher: TriggerMatcher, text: str) -> list[tuple[str, str]]:
    doc = nlp(text)
    return [(doc[match.start : match.end].text, match.code.code) for match in matcher.find(doc)]


def test_longest_match_wins_on_overlap(nlp: Language, matcher: TriggerMatcher) -> None:
    found = _matches(nlp, matcher, "The two presidents had a telephone conversation on Friday.")
    assert found == [("telephone conversation", "041")]


def test_phrase_with_a_gap_beats_its_single_words(nlp: Language, matcher: TriggerMatcher) -> None:
    found = _matches(nlp, matcher, "The cabinet imposed harsh new sanctions on the regime.")
    assert found == [("imposed harsh new sanctions", "163")]


def test_calling_someone_names_is_not_a_phone_call(
    best: Callable[[str], TriggerMatch | None],
) -> None:
    match = best("The senator called her rival a liar.")
    assert match is None or match.code.plover_mode != "phone"


def test_calling_a_leader_is_a_phone_call(best: Callable[[str], TriggerMatch | None]) -> None:
    match = best("The prime minister called the king on Sunday.")
    assert match is not None
    assert (match.code.plover_root, match.code.plover_mode) == (PloverRoot.CONSULT, "phone")


def test_calling_on_someone_is_a_request(best: Callable[[str], TriggerMatch | None]) -> None:
    match = best("The mayor called on residents to stay indoors.")
    assert match is not None
    assert match.code.plover_root is PloverRoot.REQUEST


def test_labour_strike_is_protest_and_air_strike_is_assault(
    best: Callable[[str], TriggerMatch | None],
) -> None:
    labour = best("Dock workers began a strike over wages.")
    aerial = best("An air strike destroyed the depot.")
    assert labour is not None and aerial is not None
    assert (labour.code.plover_root, aerial.code.plover_root) == (
        PloverRoot.PROTEST,
        PloverRoot.ASSAULT,
    )


def test_mediation_is_third_party_consultation(best: Callable[[str], TriggerMatch | None]) -> None:
    match = best("Qatar's mediation efforts continued for a month.")
    assert match is not None
    assert (match.code.code, match.nominal) == ("045", True)


def test_head_is_the_noun_of_a_noun_phrase(nlp: Language, matcher: TriggerMatcher) -> None:
    doc = nlp("A phone call took place late at night.")
    (match,) = matcher.find(doc)
    assert doc[match.head].text == "call"
    assert match.nominal


def test_shallowest_trigger_decides_the_event(best: Callable[[str], TriggerMatch | None]) -> None:
    match = best("The council refused to meet the delegation.")
    assert match is not None
    assert match.code.plover_root is PloverRoot.REJECT


def test_surface_forms_include_inflections_and_nouns(matcher: TriggerMatcher) -> None:
    forms = matcher.surface_forms()
    assert {"mediation", "talks", "met", "spoke", "visited", "banned", "arrests"} <= forms


def test_surface_forms_skip_the_common_words_of_phrases(matcher: TriggerMatcher) -> None:
    assert not {"is", "be", "the", "to"} & matcher.surface_forms()


def test_matcher_is_built_once_per_vocab(
    nlp: Language, lexicon: TriggerLexicon, matcher: TriggerMatcher
) -> None:
    assert lexicon.matcher(nlp.vocab) is matcher


def test_a_call_made_for_a_purpose_is_coded_by_the_purpose(
    best: Callable[[str], TriggerMatch | None],
) -> None:
    match = best("The premier called the governor on Monday to praise the rescue teams.")
    assert match is not None
    assert match.code.plover_root is PloverRoot.SUPPORT


def test_plural_nouns_in_phrases_also_match_the_singular(
    nlp: Language, matcher: TriggerMatcher
) -> None:
    found = _matches(nlp, matcher, "The court lifted the travel restriction on Monday.")
    assert found == [("lifted the travel restriction", "081")]


def test_context_words_block_non_political_senses(nlp: Language, matcher: TriggerMatcher) -> None:
    assert _matches(nlp, matcher, "The storm killed five people in the valley.") == []
    assert _matches(nlp, matcher, "The bakery will release its earnings on Friday.") == []
    assert _matches(nlp, matcher, "Copper prices hit a record high.") == []


def test_organisation_names_are_not_triggers(nlp: Language, matcher: TriggerMatcher) -> None:
    text = "The Organization for Security and Cooperation in Europe sent observers."
    assert "060" not in {code for _, code in _matches(nlp, matcher, text)}


def test_a_call_scheduled_for_an_hour_is_still_a_phone_call(
    best: Callable[[str], TriggerMatch | None],
) -> None:
    match = best("The call between the two ministers is scheduled for 9 am on Tuesday.")
    assert match is not None
    assert (match.code.plover_root, match.code.plover_mode) == (PloverRoot.CONSULT, "phone")


def test_a_call_for_a_truce_is_not_a_phone_call(
    best: Callable[[str], TriggerMatch | None],
) -> None:
    match = best("The bishop repeated his call for a truce.")
    assert match is None or match.code.plover_mode != "phone"


def test_a_border_opened_to_refugees_is_asylum(
    best: Callable[[str], TriggerMatch | None],
) -> None:
    refuge = best("Norway opened its borders to refugees from the war.")
    assert refuge is not None and refuge.code.code == "075"
    crossing = best("Peru reopened its border with Chile.")
    assert crossing is not None and crossing.code.code == "086"
