"""Actor country accuracy on the PLOVER gold standard records (read from DIPSTREAM_SHARED).

For every gold source or target actor with a text and a code, the mentions overlapping that
text (found verbatim, or else from its first to its last word found in the sentence) are
looked at; the actor counts as right if one of them has the gold country. The gold file uses a
few codes of its own, read as:

* JAP, ITL, VTN: the ISO codes JPN, ITA, VNM;
* IGO, NGO, IMG (international organisations and armed groups): any organisation code, i.e.
  a code that is not a country of countries.yaml.

Run with ``-s`` to see the figure.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from spacy.language import Language
from spacy.tokens import Doc

from services.extraction.actors import ActorMatcher, ActorMention, find_actor_mentions
from services.extraction.actors.gazetteer import SHIPPED_DIR

ISO_ALIASES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
ORGANISATION_CODES = frozenset({"IGO", "NGO", "IMG"})
FLOOR = 0.88


def _countries() -> frozenset[str]:
    data = yaml.safe_load((SHIPPED_DIR / "countries.yaml").read_text(encoding="utf-8"))
    return frozenset(country["code"] for country in data["countries"])


def _locate(sentence: str, actor_text: str) -> tuple[int, int] | None:
    start = sentence.find(actor_text)
    if start >= 0:
        return start, start + len(actor_text)
    found = [
        (sentence.find(word), sentence.find(word) + len(word))
        for word in re.findall(r"[\w'-]+", actor_text)
        if word in sentence
    ]
    return (min(s for s, _ in found), max(e for _, e in found)) if found else None


def _overlapping(doc: Doc, mentions: list[ActorMention], span: tuple[int, int]) -> list[str]:
    codes = []
    for mention in mentions:
        start = doc[mention.start].idx
        end = doc[mention.end - 1].idx + len(doc[mention.end - 1])
        if start < span[1] and span[0] < end and mention.actor.country:
            codes.append(mention.actor.country)
    return codes


@pytest.mark.shared
def test_actor_country_accuracy_on_the_gsr(
    shared_file: Callable[[str], Path], nlp: Language, matcher: ActorMatcher
) -> None:
    records = json.loads(shared_file("gold/plover_gsr/PLOVER_GSR_CAMEO.txt").read_text())
    countries = _countries()
    right = total = 0
    for record in records:
        gold = [
            actor
            for side in ("source", "target")
            if isinstance(record.get(side), list)
            for actor in record[side]
            if actor.get("code") and actor.get("actorText")
        ]
        if not gold:
            continue
        doc = nlp(record["text"])
        mentions = find_actor_mentions(doc, matcher)
        for actor in gold:
            total += 1
            span = _locate(record["text"], actor["actorText"])
            coded = _overlapping(doc, mentions, span) if span else []
            code = ISO_ALIASES.get(actor["code"], actor["code"])
            if code in ORGANISATION_CODES:
                right += any(c not in countries for c in coded)
            else:
                right += code in coded
    accuracy = right / total
    print(f"\nGSR actor country accuracy: {right}/{total} = {accuracy:.3f}")
    assert accuracy >= FLOOR
