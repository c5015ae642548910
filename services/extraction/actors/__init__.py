"""Actors of the extraction engine: who an article names, coded to country, sector and kind.

Data: the YAML files of ``services/extraction/data/actors`` (countries, organisations, people,
roles, collectives; each documents its schema at the top) with the folders of
``Settings.actor_data_dirs`` layered over them, later folders overriding earlier ones; any file
may hold any section, so users add actors without touching code. A bad file raises
:class:`ActorDataError` naming the file, the entry and the field.

Use::

    gazetteer = ActorGazetteer.load(actor_data_dirs)    # once, by the engine's data loader
    matcher = ActorMatcher(gazetteer, nlp.vocab)         # once per engine
    mentions = find_actor_mentions(doc, matcher)         # doc: a fully parsed spaCy Doc

Each :class:`ActorMention` gives the tokens [start, end), the head token, the coded
:class:`schemas.event.Actor` (``text`` as written in this mention), the role it states or the
person is known to hold (``role``), whether it only names a role (``nominal``: "the
spokesman") and, for a later reference, the index of the first full mention (``antecedent``).

Coding, in short:

* A phrase is one mention: "Russian President Vladimir Putin" is Vladimir Putin, RUS GOV
  person, headed by "Putin". Known spellings (names, demonyms, capitals and seats of government,
  organisations, people) come from the gazetteer; role nouns give the sector ("troops" MIL,
  "spokesman" GOV, never MED); demonyms, countries, metonyms, organisations, a possessor
  ("Kenya's foreign minister") or a phrase after the role ("police in Kenya", "a spokesman for
  Putin") give the country. Unknown PERSON, ORG and NORP entities are coded the same way.
* Country codes are ISO 3166-1 alpha-3; organisations use their own abbreviation (UN, EU, NATO,
  see organisations.yaml), collectives a group code (WST for the West). National armed groups
  carry their country (Hamas: PSE, REB).
* "Hungarian and Romanian officials" is two mentions, "Hungarian" and "Romanian officials".
* Former office-holders ("former President Bill Clinton", "ex-minister") are coded ELI.
* Coreference (:func:`resolve_coreferences`, run by ``find_actor_mentions`` unless
  ``resolve=False``) resolves surnames, pronouns, role phrases and appositions; its module
  docstring states the rules. A reference to several people ("the two presidents", "they") is
  one mention per person over the same tokens, each with its own antecedent: the only case
  where mentions overlap.
"""

from services.extraction.actors.actor_mention import ActorMention
from services.extraction.actors.coreference import resolve_coreferences
from services.extraction.actors.finder import find_actor_mentions
from services.extraction.actors.gazetteer import ActorGazetteer
from services.extraction.actors.matcher import ActorMatcher
from services.extraction.actors.records import ActorDataError

__all__ = [
    "ActorDataError",
    "ActorGazetteer",
    "ActorMatcher",
    "ActorMention",
    "find_actor_mentions",
    "resolve_coreferences",
]
