"""Who does what to whom: source and target pairs of one trigger's arguments."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import pairwise

from spacy.tokens import Doc, Token

from schemas import Actor
from services.extraction.actors import ActorMention
from services.extraction.actors.index import ActorIndex
from services.extraction.events.candidate import EventCandidate
from services.extraction.events.fallback import fallback_target, owned_by_pronoun
from services.extraction.events.roles import Arguments
from services.extraction.status.cues import Cues
from services.extraction.triggers import TriggerMatch


@dataclass(frozen=True)
class Pair:
    """A source and its target for one event, as the parse or the context gives them."""

    source: ActorMention
    target: ActorMention | None
    reciprocal: bool
    target_inferred: bool


def pair_up(
    trigger: TriggerMatch,
    arguments: Arguments,
    actors: ActorIndex,
    speaker: Actor | None,
    refused: bool,
    cues: Cues,
) -> list[Pair]:
    """Who does what to whom. Conjoined sources of a symmetric event are one reciprocal
    event, also when its objects are only theirs or nobody's ("the two presidents agreed that
    their ministers would meet" is one agreement of the two countries, not one per president
    and minister); a reply (or a refused event) without a target answers the other party last
    named, so "NATO and the OSCE refused to discuss" is each of them refusing Russia."""
    sources, targets = arguments.sources, arguments.targets
    root = trigger.code.plover_root
    reciprocal = root in cues.reciprocal_roots and not refused
    if reciprocal and len(sources) >= 2:
        sides = _one_per_side(sources)
        if not targets and len(sides) < 2:
            sides = list(sources)
        if len(sides) >= 2 and _within(targets, sides):
            return [Pair(sides[0], other, True, False) for other in sides[1:]]
    pairs = [
        Pair(source, target, False, False)
        for source in sources
        for target in targets
        if source.actor.name != target.actor.name
    ]
    if pairs:
        return pairs
    if root in cues.reply_roots or refused:
        replied = _last_other_party(actors, trigger.start, sources, speaker)
        if replied is not None:
            return [Pair(source, replied, False, True) for source in sources]
    return [Pair(source, None, False, False) for source in sources]


def _one_per_side(mentions: Sequence[ActorMention]) -> list[ActorMention]:
    """The first mention of each country (or, without one, each name)."""
    seen: set[str] = set()
    sides = []
    for mention in mentions:
        side = mention.actor.country or mention.actor.name
        if side not in seen:
            seen.add(side)
            sides.append(mention)
    return sides


def _within(targets: Sequence[ActorMention], sides: Sequence[ActorMention]) -> bool:
    """Whether every target is one of the sides' countries or of no country at all."""
    countries = {side.actor.country for side in sides}
    return all(target.actor.country in countries | {None} for target in targets)


def _last_other_party(
    actors: ActorIndex,
    before: int,
    sources: Sequence[ActorMention],
    speaker: Actor | None,
) -> ActorMention | None:
    """The actor named last before a reply that is neither the replier nor the speaker."""
    excluded = {source.actor.name for source in sources}
    excluded |= {source.actor.country for source in sources if source.actor.country}
    if speaker is not None:
        excluded.add(speaker.name)
    return actors.last_before(
        before, lambda m: m.actor.name not in excluded and m.actor.country not in excluded
    )


def fill_targets(
    head: Token,
    trigger: TriggerMatch,
    sources: Sequence[ActorMention],
    actors: ActorIndex,
    pairs: list[Pair],
) -> list[Pair]:
    """Targets for pairs the parse left without one: an actor among the trigger's objects,
    else the other of two joined sources ("Peru and Chile failed to agree"), else the thing
    the trigger acts on."""
    span = (trigger.start, trigger.end)
    found = fallback_target(head, span, actors, sources, things=len(sources) < 2)
    if found is None and len(sources) >= 2:
        return [Pair(sources[0], other, False, False) for other in sources[1:]]
    if found is None:
        return pairs
    return [
        replace(pair, target=found) if pair.source.actor.name != found.actor.name else pair
        for pair in pairs
    ]


def one_per_referent(doc: Doc, arguments: Arguments) -> Arguments:
    """The arguments with one mention per person: a title and the name set beside it ("his
    envoy, Ana Ruiz"; "Peru's foreign minister Ana Ruiz" when split in two) are one actor, kept
    as the mention placed in a country, else the first."""
    sources = _one_per_referent(doc, arguments.sources)
    targets = _one_per_referent(doc, arguments.targets)
    if len(sources) == len(arguments.sources) and len(targets) == len(arguments.targets):
        return arguments
    return replace(arguments, sources=sources, targets=targets)


def _one_per_referent(doc: Doc, mentions: tuple[ActorMention, ...]) -> tuple[ActorMention, ...]:
    dropped: set[ActorMention] = set()
    for first, second in pairwise(mentions):
        countries = {first.actor.country, second.actor.country} - {None}
        if len(countries) > 1:
            continue  # "Russia-Ukraine talks": two countries are never one person
        if _beside(doc[first.head], doc[second.head]) or _beside(doc[second.head], doc[first.head]):
            placed_second = second.actor.country is not None and first.actor.country is None
            dropped.add(first if placed_second else second)
    return tuple(mention for mention in mentions if mention not in dropped)


def _beside(token: Token, other: Token) -> bool:
    """Whether ``token`` only renames ``other``: its apposition or a name part before it."""
    return token.head.i == other.i and token.dep_ in ("appos", "compound")


def without_own_forces(doc: Doc, arguments: Arguments) -> Arguments:
    """The arguments less the targets that are the source's own ("Chile withdrew its troops"
    acts on no one but where they leave): pronoun-owned, of a source's country."""
    countries = {source.actor.country for source in arguments.sources if source.actor.country}
    kept = tuple(
        target
        for target in arguments.targets
        if not (target.actor.country in countries and owned_by_pronoun(doc[target.head]))
    )
    return arguments if len(kept) == len(arguments.targets) else replace(arguments, targets=kept)


def demanded_by(candidate: EventCandidate, speaker: Actor | None) -> EventCandidate:
    """ "Russia says Israel must end the attacks": the demand is the speaker's, made of the one
    the obligation is put on."""
    if speaker is None or speaker.name == candidate.source.name:
        return candidate
    return replace(candidate, source=speaker, target=candidate.source, reciprocal=False)
