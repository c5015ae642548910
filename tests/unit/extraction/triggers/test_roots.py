"""Each PLOVER root is found from a verb and from a noun, in sentences written for these tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from schemas import PloverRoot
from services.extraction.triggers import TriggerMatch

VERB_SENTENCES = [
    ("The rebels agreed to release the convoy by Friday.", PloverRoot.AGREE),
    ("The foreign ministers met in Oslo on Sunday.", PloverRoot.CONSULT),
    ("The chancellor praised the mayor's handling of the floods.", PloverRoot.SUPPORT),
    ("The junta conceded after weeks of pressure.", PloverRoot.CONCEDE),
    ("Both agencies will cooperate on the border survey.", PloverRoot.COOPERATE),
    ("The charity donated blankets to the flooded villages.", PloverRoot.AID),
    ("The militia freed the two engineers on Tuesday.", PloverRoot.RETREAT),
    ("The senator urged the council to reopen the bridge.", PloverRoot.REQUEST),
    ("The opposition accused the governor of fraud.", PloverRoot.ACCUSE),
    ("The union rejected the latest offer from the board.", PloverRoot.REJECT),
    ("The president threatened to close the embassy.", PloverRoot.THREATEN),
    ("Thousands of farmers protested outside parliament.", PloverRoot.PROTEST),
    ("The army mobilized its reserve brigades near the frontier.", PloverRoot.MOBILIZE),
    ("The government severed ties with its neighbour.", PloverRoot.SANCTION),
    ("Police detained the editor at the airport.", PloverRoot.COERCE),
    ("Gunmen attacked a checkpoint north of the city.", PloverRoot.ASSAULT),
]

NOUN_SENTENCES = [
    ("The pledge was announced by the finance minister.", PloverRoot.AGREE),
    ("The talks ended without a statement.", PloverRoot.CONSULT),
    ("Her endorsement came as a surprise to the party.", PloverRoot.SUPPORT),
    ("The concession angered hardliners in the cabinet.", PloverRoot.CONCEDE),
    ("The partnership between the two ports began in May.", PloverRoot.COOPERATE),
    ("The assistance reached the valley on Monday.", PloverRoot.AID),
    ("The truce held through the night.", PloverRoot.RETREAT),
    ("The appeal for calm came from the bishop.", PloverRoot.REQUEST),
    ("The accusations surfaced in a local newspaper.", PloverRoot.ACCUSE),
    ("The refusal stunned the negotiators.", PloverRoot.REJECT),
    ("The threat was repeated on state television.", PloverRoot.THREATEN),
    ("The demonstration blocked the main avenue.", PloverRoot.PROTEST),
    ("The deployment of extra brigades worried the neighbours.", PloverRoot.MOBILIZE),
    ("The suspension of flights lasted a week.", PloverRoot.SANCTION),
    ("The arrest of the editor drew wide attention.", PloverRoot.COERCE),
    ("The ambush left four soldiers dead.", PloverRoot.ASSAULT),
]


def test_sentences_cover_every_root() -> None:
    assert {root for _, root in VERB_SENTENCES} == set(PloverRoot)
    assert {root for _, root in NOUN_SENTENCES} == set(PloverRoot)


@pytest.mark.parametrize(("text", "root"), VERB_SENTENCES)
def test_verb_trigger_types_the_event(
    best: Callable[[str], TriggerMatch | None], text: str, root: PloverRoot
) -> None:
    match = best(text)
    assert match is not None
    assert (match.code.plover_root, match.nominal) == (root, False)


@pytest.mark.parametrize(("text", "root"), NOUN_SENTENCES)
def test_noun_trigger_types_the_event(
    best: Callable[[str], TriggerMatch | None], text: str, root: PloverRoot
) -> None:
    match = best(text)
    assert match is not None
    assert (match.code.plover_root, match.nominal) == (root, True)
