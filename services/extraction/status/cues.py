"""The cue words of status and attribution, read once from ``data/status/cues.yaml``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from spacy.tokens import Token

from schemas import EventStatus, PloverRoot

_ENDINGS = ("s", "es", "d", "ed", "ing")
CUES_FILE = Path(__file__).parent.parent / "data" / "status" / "cues.yaml"


@dataclass(frozen=True)
class Cues:
    """Word lists by the status they signal, and the lists attribution and roles need."""

    precedence: tuple[EventStatus, ...]
    auxiliaries: dict[str, EventStatus]
    conditional_marks: frozenset[str]
    noncommittal_verbs: frozenset[str]
    governors: dict[str, EventStatus]
    modifiers: dict[str, EventStatus]
    reporting_verbs: frozenset[str]
    light_verbs: frozenset[str]
    reference_pronouns: frozenset[str]
    back_referring_determiners: frozenset[str]
    reciprocal_roots: frozenset[PloverRoot]
    addressee_roots: frozenset[PloverRoot]
    speech_act_roots: frozenset[PloverRoot]
    reply_roots: frozenset[PloverRoot]
    continuing_marks: frozenset[str]
    in_progress_prepositions: frozenset[str]
    commentators: frozenset[str]
    question_openers: frozenset[str]
    occupation_nouns: frozenset[str]

    def governor(self, token: Token) -> EventStatus | None:
        """The status a governing word such as "hopes" or "denied" gives what it governs."""
        return next((self.governors[w] for w in base_forms(token) if w in self.governors), None)

    def is_reporting(self, token: Token) -> bool:
        """Whether a verb introduces reported speech ("said", "noted")."""
        return token.pos_ == "VERB" and not base_forms(token).isdisjoint(self.reporting_verbs)

    def rank(self, status: EventStatus) -> int:
        """Lower ranks win when several cues apply."""
        return self.precedence.index(status)


def base_forms(token: Token) -> set[str]:
    """The token's lemma and its lowercase form with common endings stripped: the tagger's
    lemma is sometimes wrong ("hopes" -> "hop"), so word lists are checked against all."""
    lower = token.lower_
    forms = {token.lemma_.lower(), lower}
    for ending in _ENDINGS:
        if lower.endswith(ending) and len(lower) > len(ending) + 2:
            forms.add(lower[: -len(ending)])
    return forms


def load_cues(path: Path = CUES_FILE) -> Cues:
    """Parse the cue file; a malformed file is a ValueError naming it."""
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        return Cues(
            precedence=tuple(EventStatus(name) for name in document["precedence"]),
            auxiliaries=_by_word(document["auxiliaries"]),
            conditional_marks=_words(document["conditional_marks"]),
            noncommittal_verbs=_words(document["noncommittal_verbs"]),
            governors=_by_word(document["governors"]),
            modifiers=_by_word(document["modifiers"]),
            reporting_verbs=_words(document["reporting_verbs"]),
            light_verbs=_words(document["light_verbs"]),
            reference_pronouns=_words(document["reference_pronouns"]),
            back_referring_determiners=_words(document["back_referring_determiners"]),
            reciprocal_roots=_roots(document["reciprocal_roots"]),
            reply_roots=_roots(document["reply_roots"]),
            addressee_roots=_roots(document["addressee_roots"]),
            speech_act_roots=_roots(document["speech_act_roots"]),
            continuing_marks=_words(document["continuing_marks"]),
            in_progress_prepositions=_words(document["in_progress_prepositions"]),
            commentators=_words(document["commentators"]),
            question_openers=_words(document["question_openers"]),
            occupation_nouns=_words(document["occupation_nouns"]),
        )
    except (OSError, yaml.YAMLError, KeyError, TypeError, ValueError) as error:
        raise ValueError(f"cannot read the status cues {path}: {error}") from error


def _roots(values: list[Any]) -> frozenset[PloverRoot]:
    return frozenset(PloverRoot(value) for value in values)


def _words(values: list[Any]) -> frozenset[str]:
    return frozenset(str(value).lower() for value in values)


def _by_word(groups: dict[str, list[Any]]) -> dict[str, EventStatus]:
    return {
        str(word).lower(): EventStatus(status) for status, words in groups.items() for word in words
    }
