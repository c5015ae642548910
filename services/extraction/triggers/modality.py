"""Recodes a trigger by its modality, as CAMEO and PLOVER do: refused cooperation ("will not
lift") is REJECT, promised cooperation ("is willing to withdraw") AGREE, announced conflict
("will impose a curfew") THREATEN, and an obligation put on someone ("must end") REQUEST."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from spacy.tokens import Doc, Token

from services.extraction.data_files import load_yaml_mapping
from services.extraction.triggers.codebook import Codebook
from services.extraction.triggers.matcher import TriggerMatch

MODALITY_FILE = Path(__file__).parent.parent / "data" / "lexicon" / "modality.yaml"
# How far up from an event noun to look for the verb that carries its modality.
CLAUSE_VERB_STEPS = 3


@dataclass(frozen=True)
class ModalityRules:
    """Cue words and the code maps of modality.yaml, with the codebook the codes come from."""

    intent_governors: frozenset[str]
    intent_auxiliaries: frozenset[str]
    commitment_governors: frozenset[str]
    decision_governors: frozenset[str]
    request_auxiliaries: frozenset[str]
    request_code: str
    intent_codes: dict[str, str]
    refusal_codes: dict[str, str]
    threat_codes: dict[str, str]
    codebook: Codebook

    @classmethod
    def load(cls, codebook: Codebook, path: Path = MODALITY_FILE) -> ModalityRules:
        """Read and check the rules; every target code must exist in the codebook."""
        document = load_yaml_mapping(path)
        try:
            rules = cls(
                _words(document["intent_governors"]),
                _words(document["intent_auxiliaries"]),
                _words(document["commitment_governors"]),
                _words(document["decision_governors"]),
                _words(document["request_auxiliaries"]),
                str(document["request_code"]),
                _code_map(document["intent_codes"]),
                _code_map(document["refusal_codes"]),
                _code_map(document["threat_codes"]),
                codebook,
            )
        except (KeyError, AttributeError) as error:
            raise ValueError(f"cannot read modality rules {path}: {error}") from error
        targets = [*rules.intent_codes.values(), *rules.refusal_codes.values()]
        for target in [*targets, *rules.threat_codes.values(), rules.request_code]:
            codebook.get(target)
        return rules


def _words(values: list[object]) -> frozenset[str]:
    return frozenset(str(value) for value in values)


def _code_map(mapping: dict[object, object]) -> dict[str, str]:
    return {str(key): str(value) for key, value in mapping.items()}


def recode_for_modality(doc: Doc, match: TriggerMatch, rules: ModalityRules) -> TriggerMatch:
    """The match with its code replaced when its head is an obligation, negated or intended.

    Negation only turns cooperation (03-08) into refusal: a conflict that does not happen is no
    event of another type. Intent turns cooperation into AGREE and conflict into THREATEN,
    unless the subject decides the conflict ("agreed to impose", see ``decision_governor``).
    """
    head = _clause_verb(doc[match.head]) if match.nominal else doc[match.head]
    target: str | None = None
    if _has_auxiliary(head, rules.request_auxiliaries):
        target = rules.request_code
    elif _is_negated(head):
        target = _longest_prefix(match.code.code, rules.refusal_codes)
    elif _is_intended(head, rules) and decision_governor(doc, match, rules) is None:
        target = _longest_prefix(match.code.code, rules.intent_codes) or _longest_prefix(
            match.code.code, rules.threat_codes
        )
    if target is None:
        return match
    return replace(match, code=rules.codebook.get(target))


def _is_negated(head: Token) -> bool:
    return any(child.dep_ == "neg" for child in head.children)


def _clause_verb(noun: Token) -> Token:
    # The modality of "will attend the meeting" sits on the verb that governs the event noun.
    token = noun
    for _ in range(CLAUSE_VERB_STEPS):
        if token.head.i == token.i:
            break
        token = token.head
        if token.pos_ in ("VERB", "AUX"):
            return token
    return noun


def _has_auxiliary(head: Token, auxiliaries: frozenset[str]) -> bool:
    return any(child.dep_ == "aux" and child.lower_ in auxiliaries for child in head.children)


def _is_intended(head: Token, rules: ModalityRules) -> bool:
    if _has_auxiliary(head, rules.intent_auxiliaries):
        return True
    governor = head.head
    return (
        head.dep_ in ("xcomp", "ccomp")
        and governor.i != head.i
        and governor.lemma_.lower() in rules.intent_governors
    )


def is_commitment(doc: Doc, match: TriggerMatch, rules: ModalityRules) -> bool:
    """Whether the match is promised by a commitment word ("agreed to withdraw", "is ready to
    help"), an agreement of its own, rather than only announced ("will host", "plans to")."""
    head = _clause_verb(doc[match.head]) if match.nominal else doc[match.head]
    governor = head.head
    if head.dep_ not in ("xcomp", "ccomp") or governor.i == head.i:
        return False
    # "is ready to help": the adjective may hang from the copula the infinitive hangs from.
    words = [governor, *(child for child in governor.children if child.dep_ == "acomp")]
    return any(word.lemma_.lower() in rules.commitment_governors for word in words)


def decision_governor(doc: Doc, match: TriggerMatch, rules: ModalityRules) -> int | None:
    """The index of the word by which the subject decided the match, a conflictual act of its
    own ("agreed to impose sanctions"), or None: such an act is coded as itself, intended."""
    code = match.code.code
    if _longest_prefix(code, rules.intent_codes) or not _longest_prefix(code, rules.threat_codes):
        return None
    head = _clause_verb(doc[match.head]) if match.nominal else doc[match.head]
    governor = head.head
    if head.dep_ not in ("xcomp", "ccomp") or governor.i == head.i:
        return None
    return governor.i if governor.lemma_.lower() in rules.decision_governors else None


def _longest_prefix(code: str, mapping: dict[str, str]) -> str | None:
    for length in range(len(code), 1, -1):
        if code[:length] in mapping:
            return mapping[code[:length]]
    return None
