"""Loading the lexicon: user folders add or replace entries, and bad data fails clearly."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from services.extraction.data_loader import EngineData
from services.extraction.triggers import TriggerLexicon, best_trigger
from services.extraction.triggers.codebook import Codebook
from services.extraction.triggers.inflection import inflect
from services.extraction.triggers.lexicon import TRIGGERS_DIR


def _write(folder: Path, text: str) -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / "extra.yaml"
    path.write_text(text, encoding="utf-8")
    return folder


def test_extra_folder_adds_a_trigger(
    tmp_path: Path, nlp: Language, engine_data: EngineData
) -> None:
    folder = _write(
        tmp_path / "user",
        'entries:\n  - id: user.filibuster\n    code: "129"\n    verbs: [filibuster]\n',
    )
    lexicon = TriggerLexicon.load(engine_data.codebook, extra_dirs=[folder])
    doc = nlp("The minority filibustered the budget.")
    match = best_trigger(doc, lexicon.matcher(nlp.vocab).find(doc), engine_data.modality)
    assert match is not None
    assert (match.lexicon_entry, match.code.code) == ("user.filibuster", "129")
    assert "filibustering" in lexicon.matcher(nlp.vocab).surface_forms()


def test_extra_entry_with_unknown_code_names_file_and_entry(tmp_path: Path) -> None:
    folder = _write(tmp_path / "user", 'entries:\n  - {id: user.odd, code: "999", verbs: [zap]}\n')
    with pytest.raises(ValueError, match=r"extra\.yaml.*user\.odd.*unknown CAMEO code '999'"):
        TriggerLexicon.load(Codebook.load(), extra_dirs=[folder])


def test_missing_extra_folder_is_reported(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="does not exist"):
        TriggerLexicon.load(Codebook.load(), extra_dirs=[tmp_path / "absent"])


def test_phrase_with_gaps_on_both_sides_of_head_is_refused(tmp_path: Path) -> None:
    folder = _write(
        tmp_path / "user",
        'entries:\n  - {id: user.gappy, code: "040", verb_phrases: ["hold * ^talks * with"]}\n',
    )
    with pytest.raises(ValueError, match="gaps on both sides"):
        TriggerLexicon.load(Codebook.load(), extra_dirs=[folder])


def test_multi_word_single_trigger_is_refused(tmp_path: Path) -> None:
    folder = _write(
        tmp_path / "user", 'entries:\n  - {id: user.two, code: "040", nouns: ["peace talks"]}\n'
    )
    with pytest.raises(ValueError, match="several words"):
        TriggerLexicon.load(Codebook.load(), extra_dirs=[folder])


def test_every_built_in_entry_id_is_unique_and_namespaced(lexicon: TriggerLexicon) -> None:
    ids = [entry.entry_id for entry in lexicon.entries]
    assert len(ids) == len(set(ids))
    assert all(entry.entry_id.split(".")[0] in _ROOT_FILES for entry in lexicon.entries)


_ROOT_FILES = {path.stem for path in TRIGGERS_DIR.iterdir()}


@pytest.mark.parametrize(
    ("word", "forms"),
    [
        ("ban", {"bans", "banned", "banning"}),
        ("apologize", {"apologizes", "apologized", "apologizing"}),
        ("deny", {"denies", "denied", "denying"}),
        ("meet", {"meets", "met", "meeting"}),
        ("agree", {"agrees", "agreed", "agreeing"}),
    ],
)
def test_inflection_covers_regular_and_irregular_forms(word: str, forms: set[str]) -> None:
    assert forms <= inflect(word, {"meet": ["met"]})


def test_no_pattern_is_claimed_by_two_equally_specific_codes(lexicon: TriggerLexicon) -> None:
    # Two unconditioned entries with the same pattern and equally long codes would leave the
    # choice between them to match order.
    claims: dict[tuple[tuple[str | None, ...], bool, int], set[str]] = {}
    for entry in lexicon.entries:
        if entry.conditions.strictness:
            continue
        for pattern in entry.patterns:
            key = (pattern.words, pattern.nominal, len(entry.code.code))
            claims.setdefault(key, set()).add(entry.code.code)
    assert {key: codes for key, codes in claims.items() if len(codes) > 1} == {}
