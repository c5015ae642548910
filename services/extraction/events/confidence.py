"""How sure the engine is of an event: a small additive score in [0, 1].

Each piece of evidence adds its weight to a base of 0.1:

* source named in the gazetteer itself (not reached through "he" or "the spokesman"): +0.2,
  through coreference: +0.1;
* target named: +0.1; inferred from the previous sentences (replies such as refusals): +0.05;
* trigger specificity: a three- or four-digit CAMEO code +0.1, a two-digit one +0;
* parse path: found on the trigger itself (subject, passive agent, noun modifier) +0.15,
  borrowed from a governing verb or a light verb +0.08;
* status decided by a cue word rather than by default: +0.05;
* each further sentence mentioning the event: +0.05, at most +0.1;
* the trigger that states its sentence's main event (see ``main_event.py``): +0.25;
* a nominal trigger, whose participants are looser: -0.05;
* an event that did not or may not happen (refused, denied, hypothetical, cancelled), whose
  reading hangs on a cue's scope: -0.05.
"""

from __future__ import annotations

from schemas import EventStatus
from services.extraction.events.candidate import EvidenceFeatures

_BASE = 0.1
_UNREAL = frozenset(
    {EventStatus.REFUSED, EventStatus.DENIED, EventStatus.HYPOTHETICAL, EventStatus.CANCELLED}
)
_DIRECT_PATHS = frozenset({"subject", "passive", "noun modifier"})


def score(features: EvidenceFeatures, code: str, mention_count: int, status: EventStatus) -> float:
    """The confidence of an event with these features, CAMEO code, mentions and status."""
    total = _BASE
    total += 0.2 if features.source_named else 0.1
    if features.target_named:
        total += 0.1
    elif features.target_inferred:
        total += 0.05
    if len(code) >= 3:
        total += 0.1
    total += 0.15 if features.parse_path in _DIRECT_PATHS else 0.08
    if features.status_cued:
        total += 0.05
    total += min(0.1, 0.05 * (mention_count - 1))
    if features.main_clause:
        total += 0.25
    if features.nominal:
        total -= 0.05
    if status in _UNREAL:
        total -= 0.05
    return round(min(1.0, max(0.0, total)), 3)
