"""Resolving later references to the first full mention of an actor.

The rules are few and predictable, applied in document order:

* Apposition: "Ahmed Ali, a Jordanian official," and "his special envoy, Terje Roed-Larsen,"
  are one actor; the role phrase refers to the name, and a name the gazetteer does not know
  takes its country, sector and role from the role phrase (an unknown "organisation" there is
  the person's name). A title right before a name is already one mention with it (see
  :mod:`adjacency`).
* Names: a person named again (same canonical name, or the surname of a person named in full
  before, even where the parser saw no name) refers to the first mention.
* Role phrases that are not indefinite ("the spokesman", "the Kremlin spokesperson", "Kremlin
  spokesman said") refer to the nearest earlier named person holding a compatible role (the
  same role, or one the role ``includes`` in roles.yaml: "the minister", "the leader") and, if
  the phrase states one, the same country. A plural needs "the", "both", "two", "these" or
  "those" and refers to the two nearest such people ("the two presidents", "the leaders": in
  news, the two principals).
* Pronouns: "he", "him", "she", "her" refer to the nearest earlier person within the
  sentence and the two before it, preferring a subject, never the subject of the verb the
  pronoun is the object of; "they", "them" refer to the nearest group (a plural role phrase or
  two coordinated actors, "Putin and Trump"); "it" refers to a state or organisation only when
  that is the subject of the same sentence ("the ministry said it would respond"), never in
  "it seems" or "it is unclear whether". Pronouns become mentions only when resolved.
* Pairs: "the two sides", "both parties", "the two countries" and plural roles said of two
  that find no two people of the role ("the two governments", "both ministers", "their
  governments") refer to the two parties just stated: the nearest earlier actors of two
  different countries, less those the phrase's own clause names and places (see :mod:`pairs`).
* Possessives give a role phrase without a country its owner's: "Russia will withdraw its
  troops" (RUS MIL), "Putin and his spokesman" (RUS, then resolved as a role phrase).

A reference that resolves to several people ("the two presidents", then "they") becomes one
mention per person, with the same span, each pointing at its own antecedent.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Token

from schemas.vocabulary import ActorKind
from services.extraction.actors.actor_mention import ActorMention
from services.extraction.actors.gazetteer import ActorGazetteer
from services.extraction.actors.institutions import resolve_institution
from services.extraction.actors.pairs import (
    is_pair_phrase,
    names_a_pair,
    pair_referents,
    resolve_pair,
    their_referents,
)
from services.extraction.actors.pronouns import PRONOUNS, affiliate_by_possessive, resolve_pronoun
from services.extraction.actors.referents import Slot
from services.extraction.actors.resolved import Resolved
from services.extraction.actors.setting import place_by_setting

_INDEFINITE = frozenset({"a", "an", "another", "some", "any", "one", "several", "many", "no"})
_PAIR_WORDS = frozenset({"two", "both"})
_DEFINITE_PLURAL = _PAIR_WORDS | {"the", "these", "those"}
_PLURAL_TAGS = frozenset({"NNS", "NNPS"})
_SENTENCE_WINDOW = 2


def resolve_coreferences(
    doc: Doc, mentions: list[ActorMention], gazetteer: ActorGazetteer
) -> list[ActorMention]:
    """The mentions with references resolved and pronoun mentions added, in document order."""
    slots = [Slot(mention) for mention in mentions]
    _join_appositions(doc, slots)
    slots.extend(_bare_surnames(doc, slots))
    sentence_of = [0] * len(doc)
    for number, sentence in enumerate(doc.sents):
        for token in sentence:
            sentence_of[token.i] = number
    covered = {i for slot in slots for i in range(slot.mention.start, slot.mention.end)}
    references = [
        t for t in doc if t.lower_ in PRONOUNS or (t.i not in covered and is_pair_phrase(t))
    ]
    queue: list[tuple[int, Slot | Token]] = [(s.mention.start, s) for s in slots]
    queue.extend((token.i, token) for token in references)
    queue.sort(key=lambda item: item[0])
    done = Resolved(sentence_of, _SENTENCE_WINDOW)
    for position, item in queue:
        window = done.window(position)
        if isinstance(item, Slot):
            place_by_setting(doc, item, window)
            affiliate_by_possessive(doc, item, window)
            _lend_country_to_named(item)
            if not item.targets:
                _resolve_mention(doc, item, done, gazetteer)
            if not item.targets and item.mention.nominal:
                _resolve_as_pair(doc, item, window)
            if not item.targets:
                resolve_institution(doc, item, done.slots)
            done.append(item)
            continue
        resolve = resolve_pronoun if item.lower_ in PRONOUNS else resolve_pair
        reference = resolve(doc, item, window)
        if reference is not None:
            done.append(reference)
    return _finish(done.slots)


def _join_appositions(doc: Doc, slots: list[Slot]) -> None:
    by_head = {slot.mention.head: slot for slot in slots}
    for slot in slots:
        head = doc[slot.mention.head]
        other = by_head.get(head.head.i) if head.dep_ == "appos" else None
        if other is None or other is slot or other.mention.nominal == slot.mention.nominal:
            continue
        named, nominal = (other, slot) if slot.mention.nominal else (slot, other)
        if _unknown_name_of_a_person(named.mention, nominal.mention):
            # "his special envoy, Terje Roed-Larsen": the parser's ORG is the envoy's name.
            person = named.mention.actor.model_copy(update={"kind": ActorKind.PERSON})
            named.mention = replace(named.mention, actor=person)
        if named.mention.actor.kind is not ActorKind.PERSON:
            continue
        if named.mention.actor.country is None:
            coded = nominal.mention.actor
            update = {"country": coded.country, "sector": coded.sector}
            named.mention = replace(
                named.mention,
                actor=named.mention.actor.model_copy(update=update),
                role=nominal.mention.role,
            )
        nominal.refer_to([named])


def _lend_country_to_named(slot: Slot) -> None:
    """ "his special envoy, Terje Roed-Larsen": the owner's country, found for the role phrase
    after the apposition was joined, is the named person's too."""
    country = slot.mention.actor.country
    if len(slot.targets) != 1 or not slot.mention.nominal or country is None:
        return
    named = slot.targets[0]
    if named.mention.actor.country is None:
        actor = named.mention.actor.model_copy(update={"country": country})
        named.mention = replace(named.mention, actor=actor)


def _unknown_name_of_a_person(named: ActorMention, nominal: ActorMention) -> bool:
    """An unknown organisation's name in apposition to a one-person role is a person's name."""
    return (
        named.actor.kind is ActorKind.ORGANISATION
        and named.actor.country is None
        and named.role is None
        and nominal.actor.kind is ActorKind.PERSON
    )


def _bare_surnames(doc: Doc, slots: list[Slot]) -> list[Slot]:
    """Later surnames of people named in full that no mention covers ("Arcevela")."""
    covered = {i for slot in slots for i in range(slot.mention.start, slot.mention.end)}
    first_by_surname: dict[str, ActorMention] = {}
    for slot in slots:
        actor = slot.mention.actor
        if actor.kind is ActorKind.PERSON and not slot.mention.nominal and " " in actor.name:
            first_by_surname.setdefault(actor.name.split()[-1], slot.mention)
    found = []
    for token in doc:
        full = first_by_surname.get(token.text)
        if full is None or token.i in covered or token.i < full.end or token.pos_ != "PROPN":
            continue
        actor = full.actor.model_copy(update={"text": token.text, "name": token.text})
        found.append(Slot(ActorMention(token.i, token.i + 1, token.i, actor)))
    return found


def _resolve_mention(doc: Doc, slot: Slot, earlier: Resolved, gazetteer: ActorGazetteer) -> None:
    mention = slot.mention
    if not mention.nominal:
        if mention.actor.kind is ActorKind.PERSON:
            same = earlier.first_same_person(mention)
            slot.refer_to([same] if same is not None else [])
        return
    if mention.role is None:
        return
    head = doc[mention.head]
    determiners = {c.lower_ for c in head.children if c.dep_ in ("det", "predet", "nummod")}
    if determiners & _INDEFINITE:
        return
    plural = head.tag_ in _PLURAL_TAGS
    if plural and not determiners & _DEFINITE_PLURAL:
        return  # "Russian officials" are not the officials named before
    # "The two presidents", "both leaders", "the leaders": in news, the two principals.
    wanted = 2 if plural or determiners & _PAIR_WORDS else 1
    country = mention.actor.country
    found: list[Slot] = []
    for root in earlier.role_holders(gazetteer.referred_roles(mention.role)):
        if country is None or country == root.mention.actor.country:
            found.append(root)
            if len(found) > wanted:
                break
    if plural and not determiners & _PAIR_WORDS and len(found) > wanted:
        return  # "the leaders" after three or more were named: a summit, not two principals
    if len(found) >= wanted:
        slot.refer_to(found[:wanted])


def _resolve_as_pair(doc: Doc, slot: Slot, window: list[Slot]) -> None:
    """ "The two governments", "both leaders", "their governments" with no two people of the
    role named before: the two parties just stated (see :mod:`pairs`)."""
    head = doc[slot.mention.head]
    if slot.mention.actor.country is not None:
        return
    referents = their_referents(doc, head, window)
    if not referents and names_a_pair(head):
        referents = pair_referents(doc, head, window)
    slot.refer_to(referents)


def _finish(slots: list[Slot]) -> list[ActorMention]:
    """One mention per referent, ordered by position, antecedents as list indices."""
    ordered = sorted(slots, key=lambda slot: slot.mention.start)
    for slot in ordered:
        slot.targets = _final_roots(slot)
    index: dict[int, int] = {}
    position = 0
    for slot in ordered:
        if not slot.targets:
            index[id(slot)] = position
        position += len(slot.referents())
    result: list[ActorMention] = []
    for slot in ordered:
        own = slot.mention
        if not slot.targets:
            result.append(own)
            continue
        for root in slot.targets:
            coded = root.mention
            actor = coded.actor.model_copy(update={"text": own.actor.text})
            result.append(replace(own, actor=actor, antecedent=index[id(root)], role=coded.role))
    return result


def _final_roots(slot: Slot) -> list[Slot]:
    """The roots at the end of ``slot``'s chain.

    An apposition joins its role phrase to a name before the name itself is resolved, so "Trump,
    the American president," can point at a "Trump" that later refers to "Donald Trump".
    """
    roots: list[Slot] = []
    pending = list(slot.targets)
    while pending:
        target = pending.pop(0)
        if target.targets:
            pending[:0] = target.targets
        elif target not in roots:
            roots.append(target)
    return roots
