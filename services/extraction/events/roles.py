"""Who acts and who is acted upon, read from the dependency parse around a trigger's head."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from schemas.vocabulary import PloverRoot
from services.extraction.actors import ActorMention
from services.extraction.actors.index import OWNER_DEPS, ActorIndex
from services.extraction.events.acted_on import doers_of, purpose_addressees
from services.extraction.status.cues import Cues
from services.extraction.triggers import TriggerMatch

SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass", "csubjpass"})
OBJECT_DEPS = frozenset({"dobj", "dative", "attr", "oprd"})
TARGET_PREPOSITIONS = frozenset(
    {"with", "to", "against", "on", "toward", "towards", "at", "for", "into", "about", "over"}
)
SOURCE_PREPOSITIONS = frozenset({"by", "from"})
BETWEEN_PREPOSITIONS = frozenset({"between", "among", "amongst"})
# "the refusal by NATO", "the call between Putin and Trump"
_NOMINAL_SOURCE_PREPOSITIONS = SOURCE_PREPOSITIONS | BETWEEN_PREPOSITIONS
_VISIT_PREPOSITIONS = frozenset({"in", "to", "into"})
_OBJECT_NOUN_PREPOSITIONS = frozenset({"with", "against", "on", "to", "into", "of", "about"})
# A verb heading these clauses lends its subject to the clause ("hopes to meet", "refused to").
CONTROL_DEPS = frozenset({"xcomp", "advcl", "conj", "pcomp", "acomp"})


@dataclass(frozen=True)
class Arguments:
    """The participants of one trigger and how they were found."""

    sources: tuple[ActorMention, ...]
    targets: tuple[ActorMention, ...]
    # "subject", "passive", "controller", "light verb", "noun modifier", or "" when none was found
    path: str
    generic_subject: bool = False


def find_arguments(doc: Doc, trigger: TriggerMatch, actors: ActorIndex, cues: Cues) -> Arguments:
    """Sources and targets of a trigger. Light verbs lend their subject to a nominal trigger
    they govern ("held talks"); the subjects of a that-clause are the addressees of requests
    and proposals ("proposed that NATO and the US engage")."""
    token = doc[trigger.head]
    if trigger.nominal:
        return _nominal_arguments(token, actors, cues.light_verbs)
    addressees = trigger.code.plover_root in cues.addressee_roots
    # A visit's target is where it goes: "arrived in Kyiv".
    prepositions = _VISIT_PREPOSITIONS if trigger.code.plover_mode == "visit" else frozenset()
    arguments = _verbal_arguments(token, actors, addressees, prepositions)
    if not arguments.targets and trigger.code.plover_root is PloverRoot.THREATEN:
        arguments = replace(arguments, targets=tuple(_warned_about(token, arguments, actors)))
    if arguments.targets or len(arguments.sources) != 1:
        return arguments
    # The party a thing acted on belongs to: "denounced detentions in Venezuela", "condemned
    # the bombing of an academy in Tripoli" (not the trigger's own noun: "held talks in Delhi").
    sources = {mention.actor.name for mention in arguments.sources}
    owners = [
        mention
        for child in token.children
        if child.dep_ in OBJECT_DEPS and not trigger.start <= child.i < trigger.end
        for mention in actors.first_within(child) or doers_of(child, actors)
        if mention.actor.name not in sources
    ]
    if not owners:
        owners = [m for m in purpose_addressees(token, actors) if m.actor.name not in sources]
    return replace(arguments, targets=tuple(_unique(owners)))


def _verbal_arguments(
    verb: Token,
    actors: ActorIndex,
    addressees_in_clause: bool,
    extra_prepositions: frozenset[str],
) -> Arguments:
    targets = _verbal_targets(verb, actors)
    if not targets and extra_prepositions:
        targets = [
            mention
            for child in verb.children
            if child.dep_ == "prep" and child.lower_ in extra_prepositions
            for mention in actors.objects_of(child)
        ]
    passive_subjects = [c for c in verb.children if c.dep_ in PASSIVE_SUBJECT_DEPS]
    if passive_subjects:
        agents = [
            mention
            for child in verb.children
            if child.dep_ == "agent"
            for mention in actors.objects_of(child)
        ]
        patients = [m for subject in passive_subjects for m in actors.in_phrase(subject)]
        return Arguments(tuple(agents), tuple(_unique([*patients, *targets])), "passive")
    subject, path = subject_of(verb)
    if subject is None:
        return Arguments((), tuple(targets), "")
    sources = _subject_actors(subject, actors)
    if not targets and addressees_in_clause:
        targets = _clause_subjects(verb, actors)
    return Arguments(tuple(sources), tuple(targets), path, _is_generic(subject, verb))


def subject_of(verb: Token) -> tuple[Token | None, str]:
    """The verb's own subject, else who controls it: the subject of "hopes to meet", the object
    of "urged Iran to stop" and of "accused India of striking", the noun a relative clause
    describes."""
    current, path = verb, "subject"
    for _ in range(4):
        subjects = [child for child in current.children if child.dep_ in SUBJECT_DEPS]
        if subjects:
            # Two subjects are a misparse, most often of a dateline ("NEW DELHI, Aug 28 (AP) -
            # India agreed"): the one nearest the verb is the verb's.
            return min(subjects, key=lambda child: abs(child.i - current.i)), path
        compound = [c for c in current.children if c.dep_ == "compound" and c.pos_ == "PROPN"]
        if compound:
            return compound[0], path
        head = current.head
        if head.i == current.i:
            return None, ""
        if current.dep_ == "relcl" and head.pos_ in ("NOUN", "PROPN"):
            return head, "controller"
        if current.dep_ == "pcomp" and head.dep_ == "prep" and head.head.pos_ == "VERB":
            return _direct_object(head.head), "controller"
        if current.dep_ not in CONTROL_DEPS:
            return None, ""
        if current.dep_ == "advcl" and current.tag_ == "VBN":
            # "Asked about X, Peskov said": the main subject undergoes a participle clause.
            return None, ""
        if current.dep_ == "xcomp":
            controller = _direct_object(head)
            if controller is not None:
                return controller, "controller"
        current, path = head, "controller"
    return None, ""


def _direct_object(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in ("dobj", "dative"):
            return child
        if child.dep_ == "prep" and child.lower_ == "on":
            # "called on the parties to allow aid"
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def _verbal_targets(verb: Token, actors: ActorIndex, depth: int = 0) -> list[ActorMention]:
    """Objects of the verb; failing those, who its "to"-clause acts on ("refused to discuss the
    plan with India" refuses India)."""
    found: list[ActorMention] = []
    for child in verb.children:
        if child.dep_ in OBJECT_DEPS:
            named = actors.in_phrase(child)
            # The parser often hangs the target on the object: "discuss the plan with India",
            # "imposed sanctions on Iran"; not when the object names its own actor ("the US
            # efforts on the settlement").
            found.extend(
                named
                or [
                    mention
                    for grandchild in child.children
                    if grandchild.dep_ == "prep" and grandchild.lower_ in _OBJECT_NOUN_PREPOSITIONS
                    for mention in actors.objects_of(grandchild)
                ]
            )
        elif child.dep_ == "prep" and child.lower_ in TARGET_PREPOSITIONS:
            found.extend(actors.objects_of(child))
        elif child.dep_ == "prep":
            # "spoke by telephone with Macron": the partner hangs on the means.
            found.extend(
                mention
                for means in child.children
                if means.dep_ == "pobj"
                for partner in means.children
                if partner.dep_ == "prep" and partner.lower_ == "with"
                for mention in actors.objects_of(partner)
            )
    if not found and depth == 0:
        for child in verb.children:
            if child.dep_ == "xcomp":
                found.extend(_verbal_targets(child, actors, depth + 1))
    return _unique(found)


def _clause_subjects(verb: Token, actors: ActorIndex) -> list[ActorMention]:
    """Subjects of a that-clause: the addressees of "proposed that NATO and the US engage"."""
    for child in verb.children:
        if child.dep_ == "ccomp":
            subject, _ = subject_of(child)
            if subject is not None:
                return _subject_actors(subject, actors)
    return []


def _warned_about(verb: Token, arguments: Arguments, actors: ActorIndex) -> list[ActorMention]:
    """A warning is aimed at the foreign party its that-clause is about: "warned that Ukraine
    would pay", "warned that Iran's economy would suffer". A subject of the warner's own country
    tells what the warner will do ("warned that Russia would respond"), not whom it threatens.
    """
    own = {mention.actor.country for mention in arguments.sources}
    if not own or None in own:
        return []
    return [
        mention
        for mention in _clause_subjects(verb, actors)
        if mention.actor.country is not None and mention.actor.country not in own
    ]


def _subject_actors(subject: Token, actors: ActorIndex) -> list[ActorMention]:
    """Actors of a subject, with proper nouns the parser hung on the verb as compounds ("NATO,
    the OSCE, and the US engage" often parses "US" as a compound of "engage")."""
    stray = [c for c in subject.head.children if c.dep_ == "compound" and c.pos_ == "PROPN"]
    found = [*actors.in_phrase(subject), *(m for c in stray for m in actors.in_phrase(c))]
    return _unique(found)


def _nominal_arguments(noun: Token, actors: ActorIndex, light_verbs: frozenset[str]) -> Arguments:
    sources: list[ActorMention] = []
    targets: list[ActorMention] = []
    of_objects: list[ActorMention] = []
    for child in noun.children:
        if child.dep_ in OWNER_DEPS:
            sources.extend(actors.in_phrase(child))
        elif child.dep_ == "prep" and child.lower_ == "of":
            of_objects.extend(actors.objects_of(child))
        elif child.dep_ == "prep" and child.lower_ in _NOMINAL_SOURCE_PREPOSITIONS:
            sources.extend(actors.objects_of(child))
        elif child.dep_ == "prep" and child.lower_ in TARGET_PREPOSITIONS:
            targets.extend(actors.objects_of(child))
    # "of" names the actor ("the meeting of the presidents") unless the noun already has one,
    # even one only a pronoun names: then it names the target ("Chile's criticism of Peru",
    # "mounted its invasion of Lebanon").
    owned = any(child.dep_ == "poss" for child in noun.children)
    if sources or owned:
        targets.extend(of_objects)
    else:
        sources.extend(of_objects)
    if sources:
        return Arguments(tuple(_unique(sources)), tuple(_unique(targets)), "noun modifier")
    # A light verb in a relative clause: "the exchange that Moscow and Kyiv carried out".
    for child in noun.children:
        if child.dep_ == "relcl" and child.lemma_.lower() in light_verbs:
            clause_subject = next((c for c in child.children if c.dep_ in SUBJECT_DEPS), None)
            if clause_subject is not None and clause_subject.pos_ != "PRON":
                relative_sources = _subject_actors(clause_subject, actors)
                if relative_sources:
                    return Arguments(tuple(relative_sources), tuple(_unique(targets)), "light verb")
    # A light verb lends its subject to its object noun: "Russia held talks with Ukraine",
    # "began a new round of exercises"; a passive one its agent: "war games staged by X".
    phrase = _climb_of_chain(noun)
    verb = phrase.head
    if verb.lemma_.lower() in light_verbs and verb.pos_ in ("VERB", "AUX"):
        if phrase.dep_ in PASSIVE_SUBJECT_DEPS:
            light_sources = [
                mention
                for child in verb.children
                if child.dep_ == "agent"
                for mention in actors.objects_of(child)
            ]
        elif phrase.dep_ in OBJECT_DEPS:
            subject, _ = subject_of(verb)
            light_sources = _subject_actors(subject, actors) if subject is not None else []
        else:
            light_sources = []
        if light_sources:
            light_targets = targets or _verbal_targets(verb, actors)
            remaining = [m for m in light_targets if m.head not in (noun.i, phrase.i)]
            return Arguments(tuple(light_sources), tuple(_unique(remaining)), "light verb")
    return Arguments((), tuple(_unique(targets)), "")


def _climb_of_chain(noun: Token) -> Token:
    """The noun heading "a round of talks" or "a series of strikes" for the trigger inside."""
    current = noun
    for _ in range(2):
        preposition = current.head
        if current.dep_ != "pobj" or preposition.lower_ != "of":
            break
        if preposition.head.pos_ not in ("NOUN", "PROPN"):
            break
        current = preposition.head
    return current


def _is_generic(subject: Token, verb: Token) -> bool:
    """A bare, unqualified plural subject with a present-tense verb states a habit, not an
    event ("two presidents make decisions"). Qualified subjects are headline style ("Japanese
    peacekeepers arrive"); after "that" the verb is a subjunctive ("proposed that envoys meet")."""
    modifiers = {child.dep_ for child in subject.children}
    bare = not modifiers & {"det", "poss", "amod", "compound", "nmod"}
    subjunctive = any(child.dep_ == "mark" for child in verb.children)
    return subject.tag_ in ("NNS", "NNPS") and bare and verb.tag_ == "VBP" and not subjunctive


def _unique(mentions: Sequence[ActorMention]) -> list[ActorMention]:
    found: list[ActorMention] = []
    for mention in mentions:
        if all(mention.actor != known.actor for known in found):
            found.append(mention)
    return found
