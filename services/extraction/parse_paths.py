"""Walks over the dependency parse that the actor coder and the role finders share."""

from __future__ import annotations

from collections.abc import Collection, Iterator

from spacy.tokens import Token


def prepositional_objects(
    token: Token, prepositions: Collection[str], deps: Collection[str] = ("prep",)
) -> Iterator[Token]:
    """The objects of ``token``'s prepositions among ``prepositions`` ("police *in Kenya*")."""
    for preposition in token.children:
        if preposition.dep_ in deps and preposition.lower_ in prepositions:
            yield from (child for child in preposition.children if child.dep_ == "pobj")
