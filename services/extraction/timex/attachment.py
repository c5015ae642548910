"""Which time expression belongs to which trigger.

A time expression belongs to the first trigger met walking up the parse from it: the trigger
itself, or the verb a nominal trigger is subject or object of ("the call is scheduled for 5 pm",
"talks held last week"). Of several, the finest wins ("shortly after midnight on Tuesday" over
"shortly"). A time expression that hangs on a reporting verb dates the statement, not the event,
and is left alone. Otherwise the nearest trigger of the sentence still without a time takes it.

A trigger still without a time then shares the time of the clause it belongs to: the verb it
is the object of ("approved on Sunday the release"), the verb it completes or continues ("will
meet on Saturday to endorse", "signed on Monday and pledged"), and the statement that announces
it as under way ("announced on Wednesday that it was expelling the envoy"; not "said on Monday
that they had met": that meeting was earlier).
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Span, Token

from schemas import EventTime, TimePrecision
from services.extraction.status.cues import Cues

_PREDICATE_DEPS = frozenset({"nsubj", "nsubjpass", "dobj"})
# Clauses with a verb of their own: a time inside dates that verb.
_OWN_CLAUSE_DEPS = frozenset({"relcl", "advcl", "acl", "ccomp", "xcomp", "pcomp"})
# Links along which a trigger takes the time of the word it depends on.
_SHARED_CLAUSE_DEPS = frozenset({"xcomp", "advcl", "conj", "dobj", "nsubjpass"})
# An announced clause in one of these forms tells what is under way as it is announced.
_UNDER_WAY_TAGS = frozenset({"VBG", "VBZ", "VBP"})
_PERFECT_AUXILIARIES = frozenset({"had", "has", "have", "'d"})
_FINEST_FIRST = (
    TimePrecision.MINUTE,
    TimePrecision.HOUR,
    TimePrecision.DAY,
    TimePrecision.WEEK,
    TimePrecision.MONTH,
    TimePrecision.YEAR,
    TimePrecision.VAGUE,
)
# How far up the parse a trigger looks for the time of its clause.
_SHARING_REACH = 3


def attach_times(
    trigger_heads: Sequence[Token],
    times: Sequence[tuple[Span, EventTime]],
    cues: Cues,
) -> dict[int, EventTime]:
    """Time of each trigger, keyed by the token index of the trigger's head."""
    anchors: dict[int, int] = {}
    for head in trigger_heads:
        anchors[head.i] = head.i
    for head in trigger_heads:
        if head.pos_ in ("NOUN", "PROPN"):
            if head.dep_ in _PREDICATE_DEPS:
                anchors.setdefault(head.head.i, head.i)
            for child in head.children:
                if child.dep_ in ("acl", "relcl"):
                    anchors.setdefault(child.i, head.i)
    attached: dict[int, EventTime] = {}
    statements: dict[int, EventTime] = {}
    unclaimed: list[tuple[Span, EventTime]] = []
    reports = {span.start: _report_dated(span, cues) for span, _ in times}
    clause_verbs = [_verb_of(span) for span, _ in times if reports[span.start] is None]
    for span, time in times:
        report = reports[span.start]
        # Only when the clause has a time of its own besides: otherwise the parse may be right
        # ("announced in December that it would abandon ...").
        if report is not None and _verb_of(span) in clause_verbs:
            statements.setdefault(report, time)
            continue
        owner, statement = _owner(span.root, anchors, cues)
        if owner is not None:
            _keep_finest(attached, owner, time)
        elif statement is not None:
            statements.setdefault(statement, time)
        elif not _in_other_clause(span.root):
            unclaimed.append((span, time))
    # Grouped by sentence once: a long article has many unclaimed times and many triggers.
    by_sentence: dict[int, list[Token]] = {}
    for head in trigger_heads:
        by_sentence.setdefault(head.sent.start, []).append(head)
    for span, time in unclaimed:
        free = [head for head in by_sentence.get(span.sent.start, ()) if head.i not in attached]
        if free:
            nearest = min(free, key=lambda head: abs(head.i - span.root.i))
            attached[nearest.i] = time
    for head in sorted(trigger_heads, key=lambda head: head.i):
        if head.i not in attached:
            shared = _clause_time(head, attached, statements)
            if shared is not None:
                attached[head.i] = shared
    return attached


def _report_dated(span: Span, cues: Cues) -> int | None:
    """The reporting verb a time right after it may date, though the parser hung the time on
    the reported clause: in "said on Monday it had expelled them on Friday", "on Monday" comes
    before the clause's subject, so it dates the statement."""
    verb = span.doc[_verb_of(span)]
    reporter = verb.head
    if verb.dep_ != "ccomp" or not cues.is_reporting(reporter) or span.start < reporter.i:
        return None
    subjects = [child.i for child in verb.children if child.dep_ in ("nsubj", "nsubjpass")]
    return reporter.i if subjects and span.end <= min(subjects) else None


def _verb_of(span: Span) -> int:
    """The index of the verb whose clause a time sits in."""
    verb = span.root
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    return verb.i


def _keep_finest(attached: dict[int, EventTime], owner: int, time: EventTime) -> None:
    known = attached.get(owner)
    if known is None or _FINEST_FIRST.index(time.precision) < _FINEST_FIRST.index(known.precision):
        attached[owner] = time


def _owner(token: Token, anchors: dict[int, int], cues: Cues) -> tuple[int | None, int | None]:
    """The trigger a time hangs on, or else the reporting verb whose statement it dates. A
    time stops at the verb of a clause of its own that is no trigger ("sanctions imposed in
    March", "the ruling it accepted in 2002"): it dates that clause, not the sentence's event."""
    current = token
    while True:
        if current.i in anchors:
            return anchors[current.i], None
        if cues.is_reporting(current):
            return None, current.i
        if current.head.i == current.i or _heads_own_clause(current):
            return None, None
        current = current.head


def _heads_own_clause(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX") and token.dep_ in _OWN_CLAUSE_DEPS


def _in_other_clause(token: Token) -> bool:
    """Whether a time sits in a subordinate clause, which no trigger may then take."""
    return any(_heads_own_clause(ancestor) for ancestor in (token, *token.ancestors))


def _announced_under_way(clause: Token) -> bool:
    auxiliaries = {child.lower_ for child in clause.children if child.dep_ == "aux"}
    return clause.tag_ in _UNDER_WAY_TAGS and not auxiliaries & _PERFECT_AUXILIARIES


def _clause_time(
    head: Token, attached: dict[int, EventTime], statements: dict[int, EventTime]
) -> EventTime | None:
    current = head
    for _ in range(_SHARING_REACH):
        if current.dep_ == "ccomp" and _announced_under_way(current):
            return statements.get(current.head.i) or attached.get(current.head.i)
        if current.dep_ == "pobj" and current.head.dep_ == "prep":
            current = current.head  # "called for talks": the preposition leads to the verb
        elif current.dep_ not in _SHARED_CLAUSE_DEPS or current.head.i == current.i:
            return None
        current = current.head
        if current.i in attached:
            return attached[current.i]
    return None
