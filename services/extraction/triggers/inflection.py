"""Word forms of trigger words, so a cheap pre-filter can spot triggers before any tagging."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

_VOWELS = frozenset("aeiou")
_SIBILANT_ENDINGS = ("s", "x", "z", "ch", "sh", "o")


def inflect(word: str, irregular: Mapping[str, Iterable[str]]) -> frozenset[str]:
    """Every plausible inflection of a word as verb and as noun (and the singular of a plural),
    lowercased.

    Over-generation is harmless: a form that is not English never occurs in text, while a missed
    form would hide a trigger. So consonant doubling is offered both ways ("visited", "banned").
    """
    base = word.lower()
    forms = {base, *(form.lower() for form in irregular.get(base, ()))}
    forms.update(_singular(base))
    forms.add(_third_person(base))
    forms.update(_past(base))
    forms.update(_gerund(base))
    return frozenset(forms)


def _singular(base: str) -> set[str]:
    # Data may list a noun in the plural ("impose * sanctions"); the singular must match too.
    if base.endswith("ies"):
        return {base[:-3] + "y"}
    if base.endswith("s") and not base.endswith("ss"):
        return {base[:-1]}
    return set()


def _third_person(base: str) -> str:
    if base.endswith(_SIBILANT_ENDINGS):
        return base + "es"
    if _ends_consonant_y(base):
        return base[:-1] + "ies"
    return base + "s"


def _past(base: str) -> set[str]:
    if base.endswith("e"):
        return {base + "d"}
    if _ends_consonant_y(base):
        return {base[:-1] + "ied"}
    forms = {base + "ed"}
    if _ends_cvc(base):
        forms.add(base + base[-1] + "ed")
    return forms


def _gerund(base: str) -> set[str]:
    if base.endswith("ie"):
        return {base[:-2] + "ying"}
    if base.endswith("ee"):
        return {base + "ing"}
    if base.endswith("e"):
        return {base[:-1] + "ing"}
    forms = {base + "ing"}
    if _ends_cvc(base):
        forms.add(base + base[-1] + "ing")
    return forms


def _ends_consonant_y(base: str) -> bool:
    return len(base) > 1 and base.endswith("y") and base[-2] not in _VOWELS


def _ends_cvc(base: str) -> bool:
    return (
        len(base) > 2
        and base[-1] not in _VOWELS
        and base[-1] not in "wxy"
        and base[-2] in _VOWELS
        and base[-3] not in _VOWELS
    )
