"""Resolving later references to the first full mention of an actor.

The rules are few and predictable, applied in document order:

* Apposition: "Ahmed Ali, a Jordanian official," and "his American counterpart Donald Trump"
  are one actor; the role phrase refers to the name, and a name the gazetteer does not know
  takes its country, sector and role from the role phrase.
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
* Possessives give a role phrase without a country its owner's: "Russia will withdraw its
  troops" (RUS MIL), "Putin and his spokesman" (RUS, then resolved as a role phrase).

A reference that resolves to several people ("the two presidents", then "they") becomes one
mention per person, with the same span, each pointing at its own antecedent.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Token

from schemas.vocabulary import ActorKind
from services.extraction.actors.gazetteer import ActorGazetteer
from services.extraction.actors.mention import ActorMention

_SINGULAR_PRONOUNS = frozenset({"he", "him", "she", "her"})
_PLURAL_PRONOUNS = frozenset({"they", "them"})
_PRONOUNS = _SINGULAR_PRONOUNS | _PLURAL_PRONOUNS | {"it"}
_OBJECT_DEPS = frozenset({"dobj", "dative", "pobj", "iobj"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_INDEFINITE = frozenset({"a", "an", "another", "some", "any", "one", "several", "many", "no"})
_PAIR_WORDS = frozenset({"two", "both"})
_DEFINITE_PLURAL = _PAIR_WORDS | {"the", "these", "those"}
_PLURAL_TAGS = frozenset({"NNS", "NNPS"})
_SENTENCE_WINDOW = 2
_PEOPLE = frozenset({ActorKind.PERSON})
_INSTITUTIONS = frozenset({ActorKind.ORGANISATION, ActorKind.STATE})
# "It seems", "it remains to be seen": "it" stands for no one.
_EXPLETIVE_VERBS = frozenset({"seem", "appear", "remain", "take", "matter"})
_CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "csubj", "advcl"})


@dataclass(eq=False)
class _Slot:
    """A mention being resolved; ``targets`` are the roots it refers to (none: it is a root)."""

    mention: ActorMention
    targets: list[_Slot] = field(default_factory=list)

    def referents(self) -> list[_Slot]:
        return self.targets or [self]

    def refer_to(self, slots: list[_Slot]) -> None:
        roots: list[_Slot] = []
        for slot in slots:
            roots.extend(root for root in slot.referents() if root not in roots)
        self.targets = roots


def resolve_coreferences(
    doc: Doc, mentions: list[ActorMention], gazetteer: ActorGazetteer
) -> list[ActorMention]:
    """The mentions with references resolved and pronoun mentions added, in document order."""
    slots = [_Slot(mention) for mention in mentions]
    _join_appositions(doc, slots)
    slots.extend(_bare_surnames(doc, slots))
    sentence_of = [0] * len(doc)
    for number, sentence in enumerate(doc.sents):
        for token in sentence:
            sentence_of[token.i] = number
    pronouns = [t for t in doc if t.lower_ in _PRONOUNS]
    queue: list[tuple[int, _Slot | Token]] = [(s.mention.start, s) for s in slots]
    queue.extend((token.i, token) for token in pronouns)
    queue.sort(key=lambda item: item[0])
    done: list[_Slot] = []
    for position, item in queue:
        earliest = sentence_of[position] - _SENTENCE_WINDOW
        window = [s for s in done if sentence_of[s.mention.start] >= earliest]
        if isinstance(item, _Slot):
            _affiliate_by_possessive(doc, item, window)
            if not item.targets:
                _resolve_mention(doc, item, done, gazetteer)
            done.append(item)
            continue
        pronoun = _resolve_pronoun(doc, item, window)
        if pronoun is not None:
            done.append(pronoun)
    return _finish(done)


def _join_appositions(doc: Doc, slots: list[_Slot]) -> None:
    by_head = {slot.mention.head: slot for slot in slots}
    for slot in slots:
        head = doc[slot.mention.head]
        other = by_head.get(head.head.i) if head.dep_ == "appos" else None
        if other is None or other is slot or other.mention.nominal == slot.mention.nominal:
            continue
        named, nominal = (other, slot) if slot.mention.nominal else (slot, other)
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


def _bare_surnames(doc: Doc, slots: list[_Slot]) -> list[_Slot]:
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
        found.append(_Slot(ActorMention(token.i, token.i + 1, token.i, actor)))
    return found


def _resolve_mention(
    doc: Doc, slot: _Slot, earlier: list[_Slot], gazetteer: ActorGazetteer
) -> None:
    mention = slot.mention
    if not mention.nominal:
        if mention.actor.kind is ActorKind.PERSON:
            slot.refer_to([s for s in earlier if _same_person(mention, s)][:1])
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
    found: list[_Slot] = []
    for candidate in reversed(earlier):
        root = candidate.referents()[0]
        if (
            len(candidate.referents()) == 1
            and root not in found
            and _role_fits(mention, root, gazetteer)
        ):
            found.append(root)
    if len(found) >= wanted:
        slot.refer_to(found[:wanted])


def _same_person(mention: ActorMention, candidate: _Slot) -> bool:
    earlier = candidate.mention
    if candidate.targets or earlier.nominal or earlier.actor.kind is not ActorKind.PERSON:
        return False
    if earlier.actor.name == mention.actor.name:
        return True
    surname = mention.actor.name
    names = earlier.actor.name.split()
    return " " not in surname and len(names) > 1 and names[-1] == surname


def _role_fits(mention: ActorMention, root: _Slot, gazetteer: ActorGazetteer) -> bool:
    named = root.mention
    if named.nominal or named.actor.kind is not ActorKind.PERSON or mention.role is None:
        return False
    if mention.actor.country is not None and mention.actor.country != named.actor.country:
        return False
    return named.role is not None and gazetteer.refers_back(mention.role, named.role)


def _affiliate_by_possessive(doc: Doc, slot: _Slot, window: list[_Slot]) -> None:
    """ "Russia will withdraw its troops", "Putin and his spokesman": the owner's country."""
    mention = slot.mention
    if not mention.nominal or mention.actor.country is not None:
        return
    owner = next((c for c in doc[mention.head].children if c.tag_ == "PRP$"), None)
    referents = _pronoun_referents(doc, owner, window) if owner is not None else []
    countries = {r.referents()[0].mention.actor.country for r in referents}
    if len(countries) == 1 and None not in countries:
        actor = mention.actor.model_copy(update={"country": countries.pop()})
        slot.mention = replace(mention, actor=actor)


def _resolve_pronoun(doc: Doc, pronoun: Token, window: list[_Slot]) -> _Slot | None:
    if pronoun.tag_ == "PRP$":
        return None
    referents = _pronoun_referents(doc, pronoun, window)
    if not referents:
        return None
    actor = referents[0].mention.actor.model_copy(update={"text": pronoun.text})
    slot = _Slot(ActorMention(pronoun.i, pronoun.i + 1, pronoun.i, actor))
    slot.refer_to(referents)
    return slot


def _pronoun_referents(doc: Doc, pronoun: Token, window: list[_Slot]) -> list[_Slot]:
    word = pronoun.lower_
    if word in _PLURAL_PRONOUNS or word == "their":
        return _plural_antecedent(doc, window)
    if word in ("it", "its"):
        return _institution_antecedent(doc, pronoun, window)
    if word in _SINGULAR_PRONOUNS or word == "his":
        return _singular_antecedent(doc, pronoun, window, _PEOPLE)
    return []


def _institution_antecedent(doc: Doc, pronoun: Token, window: list[_Slot]) -> list[_Slot]:
    """ "The ministry said it would respond": only a subject of the same sentence, since "it"
    far more often stands for a thing than for a state or an organisation."""
    if _is_expletive(pronoun):
        return []
    same_sentence = [s for s in window if s.mention.start >= pronoun.sent.start]
    found = _singular_antecedent(doc, pronoun, same_sentence, _INSTITUTIONS)
    return [s for s in found if doc[s.mention.head].dep_ in _SUBJECT_DEPS]


def _is_expletive(pronoun: Token) -> bool:
    """ "It seems", "it is unclear whether ...": an "it" that stands for no one."""
    verb = pronoun.head
    if pronoun.dep_ == "expl" or verb.lemma_ in _EXPLETIVE_VERBS:
        return True
    if verb.lemma_ != "be":
        return False
    complements = [verb, *(c for c in verb.children if c.dep_ in ("acomp", "attr"))]
    return any(c.dep_ in _CLAUSE_DEPS for word in complements for c in word.children)


def _singular_antecedent(
    doc: Doc, pronoun: Token, window: list[_Slot], kinds: frozenset[ActorKind]
) -> list[_Slot]:
    candidates = [
        s
        for s in reversed(window)
        if len(s.referents()) == 1 and s.referents()[0].mention.actor.kind in kinds
    ]
    if pronoun.dep_ in _OBJECT_DEPS:
        # "Putin relies on him": the verb of a prepositional object is the preposition's head.
        verb = pronoun.head.head if pronoun.dep_ == "pobj" else pronoun.head
        subject = {s.referents()[0] for s in candidates if _subject_of(doc, s, verb)}
        candidates = [s for s in candidates if s.referents()[0] not in subject]
    subjects = [s for s in candidates if doc[s.mention.head].dep_ in _SUBJECT_DEPS]
    chosen = subjects or candidates
    return chosen[:1]


def _plural_antecedent(doc: Doc, window: list[_Slot]) -> list[_Slot]:
    by_head = {s.mention.head: s for s in window}
    for slot in reversed(window):
        if len(slot.referents()) > 1:
            return [slot]
        head = doc[slot.mention.head]
        partner = by_head.get(head.head.i) if head.dep_ == "conj" else None
        if partner is not None:
            return [partner, slot]
        if slot.mention.actor.kind is ActorKind.GROUP and slot.mention.nominal:
            return [slot]
    return []


def _subject_of(doc: Doc, slot: _Slot, verb: Token) -> bool:
    head = doc[slot.mention.head]
    return head.head.i == verb.i and head.dep_ in _SUBJECT_DEPS


def _finish(slots: list[_Slot]) -> list[ActorMention]:
    """One mention per referent, ordered by position, antecedents as list indices."""
    ordered = sorted(slots, key=lambda slot: slot.mention.start)
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
