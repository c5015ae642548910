"""The event a sentence states: one trigger per sentence, coded by its modality.

A sentence usually reports one event and mentions others around it ("refused to meet", "urged
them to attack", "sent experts to investigate"). The lexicon's ``best_trigger`` picks the
trigger that states it, and ``recode_for_modality`` codes it as CAMEO and PLOVER do: a promised
meeting is an intent to meet (AGREE), a refused one a rejection (REJECT), an obligation put on
someone a demand (REQUEST).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc

from schemas import PloverRoot
from services.extraction.triggers import TriggerMatch, best_trigger, recode_for_modality
from services.extraction.triggers.modality import (
    ModalityRules,
    decision_governor,
    is_commitment,
)

TriggerKey = tuple[int, int, int]
# What recode_for_modality makes of an event that is promised or announced.
_INTENT_ROOTS = frozenset({PloverRoot.AGREE, PloverRoot.THREATEN})


@dataclass(frozen=True)
class MainTrigger:
    """The trigger stating its sentence's event, and the code the sentence gives it.

    ``refusal`` is true when a negation turned it into a rejection ("will not lift the ban"):
    the rejection itself happened, whatever the status of the thing refused. ``intent`` is true
    when a future or wished-for reading made it a promise or a threat ("will withdraw").
    ``demand`` is true when an obligation put on the subject made it a demand, which was made
    whatever becomes of what it demands. ``commitment`` is true when a word of commitment made
    the intent ("agreed to", "pledged to"): an agreement that happened.
    """

    match: TriggerMatch
    recoded: bool
    refusal: bool
    intent: bool
    demand: bool
    commitment: bool


def key_of(match: TriggerMatch) -> TriggerKey:
    """What identifies a trigger across recodings (only the code changes)."""
    return match.start, match.end, match.head


def main_triggers(
    doc: Doc, triggers: Sequence[TriggerMatch], modality: ModalityRules
) -> dict[TriggerKey, MainTrigger]:
    """The main trigger of every sentence that has one, by the key of the trigger it recodes."""
    by_sentence: dict[int, list[TriggerMatch]] = {}
    for trigger in triggers:
        by_sentence.setdefault(doc[trigger.head].sent.start, []).append(trigger)
    chosen: dict[TriggerKey, MainTrigger] = {}
    for sentence_start, members in by_sentence.items():
        sentence = doc[sentence_start].sent
        best = best_trigger(sentence, members, modality)
        if best is None:
            continue
        original = next(m for m in members if key_of(m) == key_of(best))
        coded = recode_for_modality(doc, best, modality)
        # recode_for_modality makes a REJECT of cooperation only through a negation.
        root, before = coded.code.plover_root, original.code.plover_root
        refusal = root is PloverRoot.REJECT and before is not PloverRoot.REJECT
        intent = root in _INTENT_ROOTS and before is not root
        demand = root is PloverRoot.REQUEST and before is not root
        recoded = coded.code != original.code
        commitment = intent and is_commitment(doc, best, modality)
        chosen[key_of(best)] = MainTrigger(coded, recoded, refusal, intent, demand, commitment)
    return chosen


def deciding_words(
    doc: Doc, main: dict[TriggerKey, MainTrigger], modality: ModalityRules
) -> frozenset[int]:
    """The words by which a sentence's subject decides its main event, a conflictual act
    ("agreed to impose an embargo"): a trigger there states no agreement besides the act."""
    found = (decision_governor(doc, chosen.match, modality) for chosen in main.values())
    return frozenset(index for index in found if index is not None)
