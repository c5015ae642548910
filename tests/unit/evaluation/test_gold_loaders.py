"""Reading the three gold formats from tiny files written here."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from schemas import PloverRoot
from services.evaluation.gold_gsr import load_gsr
from services.evaluation.gold_plv import load_plv
from services.evaluation.items import GoldActor, GoldFormatError, mentions_overlap

PLV_HEADER = (
    "\tsentence_id\tsentence\tmarked_sentence\tsource\ttarget\tgold_penta\tsilver_root\tgold_root"
)


def write_plv(tmp_path: Path, rows: list[str]) -> Path:
    """A PLV file of the gold columns with ``rows`` under the header."""
    path = tmp_path / "plv.tsv"
    path.write_text("\n".join([PLV_HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def test_plv_reads_gold_columns_and_splits_yield(tmp_path: Path) -> None:
    rows = [
        "0\t7\tLatvia thanked Estonia.\t<s>Latvia</s> thanked <t>Estonia</t>."
        "\tLatvia\tEstonia\t1\tAID\tSUPPORT",
        "1\t9\tChad freed two Malian pilots.\tx\tChad\ttwo Malian pilots\t2\tAID\tYIELD",
    ]
    path = write_plv(tmp_path, rows)
    first, second = load_plv(path)
    assert first.article.text == "Latvia thanked Estonia."
    (sentence,) = first.sentences
    assert sentence.roots == {PloverRoot.SUPPORT}  # the silver AID is ignored
    assert sentence.sources == (GoldActor("Latvia"),)
    assert second.sentences[0].roots == {PloverRoot.CONCEDE, PloverRoot.RETREAT}
    assert len(load_plv(path, limit=1)) == 1


def test_plv_untagged_target_is_no_target(tmp_path: Path) -> None:
    rows = [
        "0\t3\tPeru agreed to resign.\t<s>Peru</s> agreed to resign.\tPeru\ta recipient"
        "\t1\tAGREE\tAGREE",
        "1\t4\tChad met Mali.\t<s>Chad</s> met <t>Mali</t>.\tChad\tMali\t1\tCONSULT\tCONSULT",
    ]
    untagged, tagged = load_plv(write_plv(tmp_path, rows))
    assert untagged.sentences[0].targets == ()
    assert tagged.sentences[0].targets == (GoldActor("Mali"),)


def test_plv_without_gold_column_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "plv.tsv"
    path.write_text("\tsentence_id\tsentence\tsource\ttarget\n0\t1\tA.\tx\ty\n", encoding="utf-8")
    with pytest.raises(GoldFormatError, match="gold_root"):
        load_plv(path)


def test_gsr_skips_documentation_maps_old_names_and_fixes_codes(tmp_path: Path) -> None:
    records = [
        {"id": "DOC", "event": "DOCUMENT", "eventText": "about this file"},
        {
            "id": "G-1",
            "event": "DEMAND",
            "text": "Tokyo asked Oslo for talks.",
            "source": [{"actorText": "Tokyo", "code": "JAP", "sector": "GOV"}],
            "target": "",
        },
        {"id": "G-2", "event": "INVESTIGATE", "text": "Peru looked into it.", "source": []},
    ]
    path = tmp_path / "gsr.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    first, second = load_gsr(path)
    (sentence,) = first.sentences
    assert sentence.roots == {PloverRoot.REQUEST}
    assert sentence.sources == (GoldActor("Tokyo", "JPN"),)
    assert sentence.targets == ()
    assert second.sentences[0].roots == {PloverRoot.ACCUSE}


def test_gsr_that_is_not_a_list_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "gsr.json"
    path.write_text("{}", encoding="utf-8")
    with pytest.raises(GoldFormatError, match="list"):
        load_gsr(path)


def test_mentions_overlap_on_identifying_words_only() -> None:
    assert mentions_overlap("Foreign Minister Ana Lopez", "Lopez")
    assert not mentions_overlap("the Chilean foreign minister", "a foreign minister of Peru")


def test_a_generic_gold_mention_is_matched_on_its_generic_words() -> None:
    assert mentions_overlap("riot police", "the police")
    assert mentions_overlap("Prime Minister Ana Lopez", "the prime minister")
    assert not mentions_overlap("the army", "the police")
    # A gold mention with an identifying word still needs it.
    assert not mentions_overlap("the police", "Chilean police")


def test_plv_unknown_root_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "plv.tsv"
    path.write_text(PLV_HEADER + "\n0\t1\tA met B.\tx\tA\tB\t1\tAID\tMEET\n", encoding="utf-8")
    with pytest.raises(GoldFormatError, match="line 2"):
        load_plv(path)


def test_gsr_record_without_id_names_its_record(tmp_path: Path) -> None:
    path = tmp_path / "gsr.json"
    path.write_text(json.dumps([{"event": "AGREE", "text": "A agreed."}]), encoding="utf-8")
    with pytest.raises(GoldFormatError, match="record 1"):
        load_gsr(path)
