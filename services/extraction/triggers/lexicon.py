"""The trigger lexicon: every entry of the built-in data files plus any user-supplied folders."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from spacy.vocab import Vocab

from services.extraction.data_files import load_yaml_mapping
from services.extraction.triggers.codebook import Codebook
from services.extraction.triggers.entries import LexiconEntry, read_entries
from services.extraction.triggers.inflection import inflect
from services.extraction.triggers.matcher import TriggerMatcher

LEXICON_DIR = Path(__file__).parent.parent / "data" / "lexicon"
TRIGGERS_DIR = LEXICON_DIR / "triggers"
IRREGULAR_VERBS_FILE = LEXICON_DIR / "irregular_verbs.yaml"


class TriggerLexicon:
    """Trigger entries by id, with the word forms needed to match them."""

    def __init__(self, entries: Sequence[LexiconEntry], irregular: dict[str, list[str]]) -> None:
        self._entries = tuple(entries)
        self._irregular = irregular
        self._matchers: dict[int, tuple[Vocab, TriggerMatcher]] = {}

    @classmethod
    def load(cls, codebook: Codebook, extra_dirs: Sequence[Path] = ()) -> TriggerLexicon:
        """Built-in entries, then every *.yaml of each extra folder; an extra entry replaces a
        built-in one with the same id, which is how a user corrects a trigger."""
        entries: dict[str, LexiconEntry] = {}
        for path in sorted(TRIGGERS_DIR.glob("*.yaml")):
            for entry in read_entries(path, codebook):
                if entry.entry_id in entries:
                    raise ValueError(f"{path}: duplicate lexicon entry id {entry.entry_id!r}")
                entries[entry.entry_id] = entry
        for folder in extra_dirs:
            if not folder.is_dir():
                raise ValueError(f"extra lexicon folder {folder} does not exist")
            for path in sorted(folder.glob("*.yaml")):
                entries.update((entry.entry_id, entry) for entry in read_entries(path, codebook))
        return cls(list(entries.values()), _irregular_verbs())

    @property
    def entries(self) -> tuple[LexiconEntry, ...]:
        """Every entry, built-in first."""
        return self._entries

    def forms_of(self, word: str) -> frozenset[str]:
        """All inflected forms of a trigger word, irregular ones included."""
        return inflect(word, self._irregular)

    def matcher(self, vocab: Vocab) -> TriggerMatcher:
        """The matcher for a pipeline's vocab, built on first use and then reused."""
        cached = self._matchers.get(id(vocab))
        if cached is None or cached[0] is not vocab:
            cached = (vocab, TriggerMatcher(vocab, self._entries, self.forms_of))
            self._matchers[id(vocab)] = cached
        return cached[1]


def _irregular_verbs() -> dict[str, list[str]]:
    document = load_yaml_mapping(IRREGULAR_VERBS_FILE)
    return {str(base): [str(form) for form in forms] for base, forms in document["verbs"].items()}
