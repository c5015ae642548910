"""A refusal and the act it refuses, told in one sentence, are one event; a demand and the act
it demands, one demand.

"ruled out talks with the rebels" and "will not send its army" each yield a rejection that
happened (REJECT) and the refused act (talks, a deployment) with the status ``refused``. An
analyst codes one event there, and the manual's single category for it is REJECT: the refusal
keeps its code, status (it happened) and confidence and takes the refused act's parties, so
that the article does not count the refusal twice. Likewise "called on Damascus to release the
detainees" is a REQUEST: the release it asks for is only proposed, and no analyst codes it
beside the demand.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from schemas import Actor, EventStatus, PloverRoot
from services.extraction.events.candidate import EventCandidate


def merge_refusals(candidates: Sequence[EventCandidate]) -> list[EventCandidate]:
    """The candidates with each rejection merged with the acts it refuses in its sentence."""
    refused_ids: set[int] = set()
    merged: dict[int, EventCandidate] = {}
    for candidate in candidates:
        if not _is_rejection(candidate):
            continue
        refused = [
            other
            for other in candidates
            if other.status is EventStatus.REFUSED
            and other.sentence == candidate.sentence
            and _same_side(other.source, candidate.source)
        ]
        if not refused:
            continue
        refused_ids.update(id(other) for other in refused)
        act = refused[0]
        merged[id(candidate)] = replace(
            candidate,
            target=act.target or candidate.target,
            reciprocal=act.reciprocal,
        )
    return [
        merged.get(id(candidate), candidate)
        for candidate in candidates
        if id(candidate) in merged or id(candidate) not in refused_ids
    ]


def _is_rejection(candidate: EventCandidate) -> bool:
    return (
        candidate.code.plover_root is PloverRoot.REJECT and candidate.status is EventStatus.OCCURRED
    )


def _same_side(first: Actor, second: Actor) -> bool:
    if first.country and second.country:
        return first.country == second.country
    return first.text == second.text


def drop_demanded(candidates: Sequence[EventCandidate]) -> list[EventCandidate]:
    """The candidates without the acts proposed in a sentence that states a demand."""
    demanding = {
        candidate.sentence
        for candidate in candidates
        if candidate.code.plover_root is PloverRoot.REQUEST
        and candidate.status is EventStatus.OCCURRED
    }
    return [
        candidate
        for candidate in candidates
        if not (candidate.status is EventStatus.PROPOSED and candidate.sentence in demanding)
    ]
