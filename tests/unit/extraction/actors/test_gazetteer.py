from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from schemas.vocabulary import ActorKind
from services.extraction.actors import ActorDataError, ActorGazetteer
from services.extraction.actors.entries import EntryForm
from services.extraction.actors.gazetteer import SHIPPED_DIR
from services.extraction.actors.records import ActorFile


def test_every_un_member_observer_and_partly_recognised_state_is_listed() -> None:
    data = ActorFile.model_validate(yaml.safe_load((SHIPPED_DIR / "countries.yaml").read_text()))
    codes = [country.code for country in data.countries]
    assert len(codes) == len(set(codes)) == 193 + 6
    assert {"PSE", "VAT", "TWN", "XKX", "HKG", "MAC", "SSD", "USA"} <= set(codes)


def test_country_spellings_code_to_the_state(gazetteer: ActorGazetteer) -> None:
    for spelling in ("United States of America", "U.S.", "america", "Russians", "the Kremlin"):
        entry = gazetteer.lookup(spelling.removeprefix("the "))
        assert entry is not None, spelling
        assert entry.country in ("USA", "RUS")
    kremlin = gazetteer.lookup("Kremlin")
    assert kremlin is not None and kremlin.form is EntryForm.METONYM and kremlin.sector == "GOV"


def test_organisations_use_their_abbreviation_as_code(gazetteer: ActorGazetteer) -> None:
    for spelling, code in (("NATO", "NATO"), ("United Nations", "UN"), ("OSCE", "OSCE")):
        entry = gazetteer.lookup(spelling)
        assert entry is not None and entry.country == code and entry.sector == "IGO"
        assert entry.kind is ActorKind.ORGANISATION


def test_spokespeople_are_government_speakers(gazetteer: ActorGazetteer) -> None:
    for term in ("spokesman", "spokeswoman", "press secretary"):
        role = gazetteer.role(term)
        assert role is not None and role.sector == "GOV" and role.speaker


def test_a_user_folder_adds_a_person(tmp_path: Path) -> None:
    (tmp_path / "mine.yaml").write_text(
        "people:\n"
        "- {name: Tala Ovanesyan, names: [Ovanesyan], country: ARM, sector: GOV,"
        " role: foreign minister}\n"
    )
    gazetteer = ActorGazetteer.load([tmp_path])
    entry = gazetteer.lookup("ovanesyan")
    assert entry is not None and entry.country == "ARM" and entry.role == "foreign minister"
    assert gazetteer.lookup("Vladimir Putin") is not None


def test_a_user_folder_overrides_a_shipped_spelling(tmp_path: Path) -> None:
    (tmp_path / "mine.yaml").write_text(
        "organisations:\n- {code: BRX, name: Brussels Club, names: [Brussels]}\n"
    )
    entry = ActorGazetteer.load([tmp_path]).lookup("Brussels")
    assert entry is not None and entry.country == "BRX"


def test_a_broken_user_file_names_the_file_the_entry_and_the_field(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(
        "people:\n"
        "- {name: Good Person, country: ARM, sector: GOV, role: president}\n"
        "- {name: Bad Person, country: armenia, sector: GOV, role: president}\n"
    )
    with pytest.raises(ActorDataError) as raised:
        ActorGazetteer.load([tmp_path])
    message = str(raised.value)
    assert str(broken) in message
    assert "people[1] ('Bad Person')" in message
    assert "country" in message


def test_unparsable_yaml_names_the_file(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text("people: [\n")
    with pytest.raises(ActorDataError, match=r"bad\.yaml: cannot read YAML"):
        ActorGazetteer.load([tmp_path])


def test_one_spelling_for_two_actors_in_one_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("collectives:\n- {code: AAA, name: Alpha, names: [Bloc]}\n")
    (tmp_path / "b.yaml").write_text("collectives:\n- {code: BBB, name: Beta, names: [Bloc]}\n")
    with pytest.raises(ActorDataError, match=r"'Bloc' already codes to 'Alpha'"):
        ActorGazetteer.load([tmp_path])


def test_a_missing_user_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ActorDataError, match="does not exist"):
        ActorGazetteer.load([tmp_path / "nowhere"])


def test_a_person_with_an_unknown_role_is_refused(tmp_path: Path) -> None:
    (tmp_path / "mine.yaml").write_text(
        "people:\n- {name: Tala Ovanesyan, country: ARM, sector: GOV, role: prime-minister}\n"
    )
    with pytest.raises(ActorDataError, match=r"'Tala Ovanesyan'.*role 'prime-minister'"):
        ActorGazetteer.load([tmp_path])
