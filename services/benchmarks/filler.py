"""Non-diplomatic filler articles (sport, weather, markets) for the pre-filter benchmark."""

from __future__ import annotations

import random
import string
from pathlib import Path
from typing import Any

import yaml

from schemas import Article

FILLER_FILE = Path(__file__).parent / "data" / "filler.yaml"


def _load() -> tuple[list[str], dict[str, list[str]]]:
    raw: dict[str, Any] = yaml.safe_load(FILLER_FILE.read_text(encoding="utf-8"))
    templates = [template for group in raw["templates"].values() for template in group]
    return templates, {name: list(values) for name, values in raw["slots"].items()}


def filler_articles(count: int, sentences_each: int = 8, seed: int = 7) -> list[Article]:
    """``count`` articles of filler sentences; the same seed gives the same articles."""
    templates, slots = _load()
    chooser = random.Random(seed)
    formatter = string.Formatter()
    articles: list[Article] = []
    for number in range(count):
        sentences = []
        for _ in range(sentences_each):
            template = chooser.choice(templates)
            names = {field for _, field, _, _ in formatter.parse(template) if field}
            sentences.append(
                template.format(**{name: chooser.choice(slots[name]) for name in names})
            )
        articles.append(Article(id=f"filler-{number:05d}", text=" ".join(sentences)))
    return articles
