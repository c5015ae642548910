"""The project's sample articles and gold: consistent, and covering what they promise."""

from __future__ import annotations

from pathlib import Path

import pytest

from schemas import EventStatus, PloverRoot
from services.evaluation.gold_samples import SAMPLES_DIR, load_samples, sentence_spans
from services.evaluation.items import GoldFormatError

NON_DIPLOMATIC = {"ds-2025-0014", "ds-2025-0015", "ds-2025-0016"}


def test_every_status_and_root_is_covered() -> None:
    gold = load_samples()
    assert {event.event_type for event in gold.events} == set(PloverRoot)
    assert {event.status for event in gold.events} == {status.value for status in EventStatus}


def test_non_diplomatic_articles_expect_no_event() -> None:
    gold = load_samples()
    ids = {article.article.id for article in gold.articles}
    assert ids >= NON_DIPLOMATIC
    assert not {event.article_id for event in gold.events} & NON_DIPLOMATIC
    quiet = [a for a in gold.articles if a.article.id in NON_DIPLOMATIC]
    assert all(not sentence.roots for article in quiet for sentence in article.sentences)


def test_sentences_that_only_re_mention_an_event_are_not_scored() -> None:
    gold = load_samples()
    call = next(event for event in gold.events if event.mode == "phone")
    article = next(a for a in gold.articles if a.article.id == call.article_id)
    scored = {(sentence.start, sentence.end) for sentence in article.sentences}
    stating = {event.spans[0] for event in gold.events if event.article_id == call.article_id}
    mention_only = set(call.spans[1:]) - stating
    assert call.spans[0] in scored
    assert mention_only
    assert not mention_only & scored


def test_sentence_spans_follow_the_samples_convention() -> None:
    text = "Oslo called Rome. It was brief! Why? (GMT 14:00) ended."
    spans = [text[start:end] for start, end in sentence_spans(text)]
    assert spans == ["Oslo called Rome.", "It was brief!", "Why?", "(GMT 14:00) ended."]


def test_gold_sentence_missing_from_its_article_is_refused(tmp_path: Path) -> None:
    (tmp_path / "articles.jsonl").write_text(
        (SAMPLES_DIR / "articles.jsonl").read_text(encoding="utf-8"), encoding="utf-8"
    )
    line = (SAMPLES_DIR / "gold.jsonl").read_text(encoding="utf-8").splitlines()[0]
    broken = line.replace('"sentence": "The Kremlin', '"sentence": "A Kremlin')
    (tmp_path / "gold.jsonl").write_text(broken + "\n", encoding="utf-8")
    with pytest.raises(GoldFormatError, match="not a sentence"):
        load_samples(tmp_path)
