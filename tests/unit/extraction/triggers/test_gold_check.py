"""The lexicon's gold check: reading gold files, scoring, and a floor on the shared GSR set."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from spacy.language import Language

from services.extraction.triggers import TriggerMatcher
from services.extraction.triggers.gold_check import (
    LabelledSentence,
    predict,
    read_gsr,
    read_plv,
    score,
)


def test_score_maps_old_and_joint_labels() -> None:
    gold = [
        LabelledSentence("a", "YIELD"),
        LabelledSentence("b", "DEMAND"),
        LabelledSentence("c", "FIGHT"),
        LabelledSentence("d", "AID"),
    ]
    result = score(gold, ["RETREAT", "REQUEST", None, "AGREE"])
    assert (result.top1, result.coverage) == (0.5, 0.75)
    assert result.f1_by_label == {"AID": 0.0, "ASSAULT": 0.0, "REQUEST": 1.0, "YIELD": 1.0}
    assert result.macro_f1 == 0.5


def test_read_plv_takes_sentence_and_gold_root(tmp_path: Path) -> None:
    path = tmp_path / "plv.tsv"
    path.write_text(
        "\tsentence\tgold_root\tsilver_root\n0\tThe envoy left.\tSANCTION\tCONSULT\n",
        encoding="utf-8",
    )
    assert read_plv(path) == [LabelledSentence("The envoy left.", "SANCTION")]


def test_read_gsr_skips_documentation_records(tmp_path: Path) -> None:
    path = tmp_path / "gsr.json"
    path.write_text(
        '[{"event": "DOCUMENT", "eventText": "notes"},'
        ' {"event": "DISAPPROVE", "text": "The mayor scolded the board."}]',
        encoding="utf-8",
    )
    assert read_gsr(path) == [LabelledSentence("The mayor scolded the board.", "DISAPPROVE")]


@pytest.mark.shared
def test_lexicon_types_most_gsr_sentences(
    shared_file: Callable[[str], Path], nlp: Language, matcher: TriggerMatcher
) -> None:
    gold = read_gsr(shared_file("gold/plover_gsr/PLOVER_GSR_CAMEO.txt"))
    result = score(gold, predict(nlp, matcher, [item.text for item in gold]))
    assert result.top1 >= 0.70
    assert result.coverage >= 0.90
