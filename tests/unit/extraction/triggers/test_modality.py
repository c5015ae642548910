"""Refused cooperation is REJECT, intended cooperation AGREE, announced conflict THREATEN, and
what someone must do a REQUEST; a negated conflict keeps its type."""

from __future__ import annotations

import pytest
from spacy.language import Language

from schemas import PloverRoot
from services.extraction.data_loader import EngineData
from services.extraction.triggers import TriggerMatcher, best_trigger
from services.extraction.triggers.modality import recode_for_modality


@pytest.mark.parametrize(
    ("text", "root", "code"),
    [
        ("The governor will not lift the curfew.", PloverRoot.REJECT, "1241"),
        ("The rebels did not release the hostages.", PloverRoot.REJECT, "1243"),
        ("The navy plans to withdraw its ships.", PloverRoot.AGREE, "0356"),
        ("The queen will visit the islands in June.", PloverRoot.AGREE, "036"),
        ("The rebels released the hostages.", PloverRoot.RETREAT, "0841"),
        ("The army will not attack the town.", PloverRoot.ASSAULT, "190"),
        ("The mayor will extend the curfew.", PloverRoot.THREATEN, "1323"),
        ("The rebels must free the hostages.", PloverRoot.REQUEST, "100"),
        ("The delegates will attend the summit.", PloverRoot.AGREE, "036"),
    ],
)
def test_modality_recodes_the_trigger(
    nlp: Language,
    matcher: TriggerMatcher,
    engine_data: EngineData,
    text: str,
    root: PloverRoot,
    code: str,
) -> None:
    doc = nlp(text)
    match = best_trigger(doc, matcher.find(doc), engine_data.modality)
    assert match is not None
    recoded = recode_for_modality(doc, match, engine_data.modality)
    assert (recoded.code.plover_root, recoded.code.code) == (root, code)
