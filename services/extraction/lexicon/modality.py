"""Recodes a cooperative trigger that is negated ("will not lift") or only intended ("is willing
to withdraw"), as CAMEO and PLOVER do: refused cooperation is REJECT, promised cooperation AGREE."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

import yaml
from spacy.tokens import Doc, Token

from services.extraction.codebook import Codebook
from services.extraction.lexicon.matcher import TriggerMatch

MODALITY_FILE = Path(__file__).parent.parent / "data" / "lexicon" / "modality.yaml"


@dataclass(frozen=True)
class ModalityRules:
    """Cue words and the code maps of modality.yaml."""

    intent_governors: frozenset[str]
    intent_auxiliaries: frozenset[str]
    intent_codes: dict[str, str]
    refusal_codes: dict[str, str]

    @classmethod
    @cache
    def load(cls, path: Path = MODALITY_FILE) -> ModalityRules:
        """Read and check the rules; every target code must exist in the codebook."""
        try:
            document = yaml.safe_load(path.read_text(encoding="utf-8"))
            rules = cls(
                frozenset(str(word) for word in document["intent_governors"]),
                frozenset(str(word) for word in document["intent_auxiliaries"]),
                {str(key): str(value) for key, value in document["intent_codes"].items()},
                {str(key): str(value) for key, value in document["refusal_codes"].items()},
            )
        except (OSError, yaml.YAMLError, KeyError, AttributeError) as error:
            raise ValueError(f"cannot read modality rules {path}: {error}") from error
        codebook = Codebook.load()
        for target in (*rules.intent_codes.values(), *rules.refusal_codes.values()):
            codebook.get(target)
        return rules


def recode_for_modality(doc: Doc, match: TriggerMatch) -> TriggerMatch:
    """The match with its code replaced when its head is negated or a mere intention.

    Only cooperative codes (03-08) change; conflictual events keep their code, since a threat or
    refusal of conflict is coded from its own trigger word.
    """
    rules = ModalityRules.load()
    head = doc[match.head]
    if _is_negated(head):
        target = _longest_prefix(match.code.code, rules.refusal_codes)
    elif _is_intended(head, rules):
        target = _longest_prefix(match.code.code, rules.intent_codes)
    else:
        target = None
    if target is None:
        return match
    return replace(match, code=Codebook.load().get(target))


def _is_negated(head: Token) -> bool:
    return any(child.dep_ == "neg" for child in head.children)


def _is_intended(head: Token, rules: ModalityRules) -> bool:
    if any(
        child.dep_ == "aux" and child.lower_ in rules.intent_auxiliaries for child in head.children
    ):
        return True
    governor = head.head
    return (
        head.dep_ in ("xcomp", "ccomp")
        and governor.i != head.i
        and governor.lemma_.lower() in rules.intent_governors
    )


def _longest_prefix(code: str, mapping: dict[str, str]) -> str | None:
    for length in range(len(code), 1, -1):
        if code[:length] in mapping:
            return mapping[code[:length]]
    return None
