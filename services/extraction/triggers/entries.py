"""Trigger lexicon entries as read from the versioned YAML data files."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from services.extraction.data_files import load_yaml_mapping
from services.extraction.triggers.codebook import CameoCode, Codebook

# In a phrase, "*" stands for a short gap of any words ("impose * sanctions") and "^" marks the
# head word when it is not the default one (first word of a verb phrase, last of a noun phrase).
# Gaps may lie on one side of the head only, so the head's position in a match is known.
GAP = "*"
HEAD_MARK = "^"

_ENTRY_KEYS = frozenset(
    {
        "id",
        "code",
        "verbs",
        "nouns",
        "verb_phrases",
        "noun_phrases",
        "forbid_children",
        "require_children",
        "forbid_child_deps",
        "require_child_deps",
        "forbid_own_deps",
        "forbid_near",
        "require_near",
    }
)


@dataclass(frozen=True)
class TriggerPattern:
    """A sequence of words (None for a gap) with the index of the head word."""

    words: tuple[str | None, ...]
    head_index: int
    nominal: bool


@dataclass(frozen=True)
class Conditions:
    """Context a match needs or must not have, checked on the head token of the match.

    Word lists compare with the lowercased lemma and the lowercased text of tokens.
    """

    forbid_children: frozenset[str] = frozenset()
    require_children: frozenset[str] = frozenset()
    forbid_child_deps: frozenset[str] = frozenset()
    require_child_deps: frozenset[str] = frozenset()
    forbid_own_deps: frozenset[str] = frozenset()
    forbid_near: frozenset[str] = frozenset()
    require_near: frozenset[str] = frozenset()

    @property
    def strictness(self) -> int:
        """How many kinds of context the entry requires; a stricter entry wins a tie."""
        required = (self.require_children, self.require_child_deps, self.require_near)
        return sum(1 for words in required if words)


@dataclass(frozen=True)
class LexiconEntry:
    """One group of trigger words and phrases that all signal the same CAMEO code."""

    entry_id: str
    code: CameoCode
    patterns: tuple[TriggerPattern, ...]
    conditions: Conditions = field(default_factory=Conditions)
    source: str = ""


def read_entries(path: Path, codebook: Codebook) -> list[LexiconEntry]:
    """Parse one lexicon file; any problem is a ValueError naming the file and entry."""
    document = load_yaml_mapping(path)
    if not isinstance(document.get("entries"), list):
        raise ValueError(f"lexicon file {path} must hold a mapping with an 'entries' list")
    return [_parse_entry(raw, path, codebook) for raw in document["entries"]]


def _parse_entry(raw: Any, path: Path, codebook: Codebook) -> LexiconEntry:
    if not isinstance(raw, dict) or "id" not in raw or "code" not in raw:
        raise ValueError(f"{path}: every entry needs an 'id' and a 'code', got {raw!r}")
    entry_id = str(raw["id"])
    unknown = set(raw) - _ENTRY_KEYS
    if unknown:
        raise ValueError(f"{path}: entry {entry_id!r} has unknown keys {sorted(unknown)}")
    try:
        code = codebook.get(str(raw["code"]))
    except ValueError as error:
        raise ValueError(f"{path}: entry {entry_id!r}: {error}") from error
    patterns = [
        *(_single_word(word, nominal=False) for word in _strings(raw, "verbs", path)),
        *(_single_word(word, nominal=True) for word in _strings(raw, "nouns", path)),
        *(_phrase(text, nominal=False) for text in _strings(raw, "verb_phrases", path)),
        *(_phrase(text, nominal=True) for text in _strings(raw, "noun_phrases", path)),
    ]
    if not patterns:
        raise ValueError(f"{path}: entry {entry_id!r} has no verbs, nouns or phrases")
    conditions = Conditions(
        **{
            key: frozenset(word.lower() for word in _strings(raw, key, path))
            for key in _ENTRY_KEYS
            if key.startswith(("forbid_", "require_"))
        }
    )
    return LexiconEntry(entry_id, code, tuple(patterns), conditions, str(path))


def _strings(raw: dict[str, Any], key: str, path: Path) -> Sequence[str]:
    values = raw.get(key, [])
    if not isinstance(values, list) or not all(isinstance(value, str) for value in values):
        raise ValueError(f"{path}: entry {raw['id']!r}: {key!r} must be a list of strings")
    return values


def _single_word(word: str, *, nominal: bool) -> TriggerPattern:
    if len(word.split()) != 1:
        raise ValueError(f"trigger word {word!r} is several words: list it under the phrases")
    return TriggerPattern((word.strip().lower(),), 0, nominal)


def _phrase(text: str, *, nominal: bool) -> TriggerPattern:
    tokens = text.lower().split()
    marked = [index for index, token in enumerate(tokens) if token.startswith(HEAD_MARK)]
    words = tuple(None if token == GAP else token.lstrip(HEAD_MARK) for token in tokens)
    if len(marked) > 1 or not words or words[0] is None or words[-1] is None:
        raise ValueError(f"bad trigger phrase {text!r}: at most one '^', no gap at either end")
    default_head = len(words) - 1 if nominal else 0
    head = marked[0] if marked else default_head
    if None in words[:head] and None in words[head + 1 :]:
        raise ValueError(f"bad trigger phrase {text!r}: gaps on both sides of the head word")
    return TriggerPattern(words, head, nominal)
