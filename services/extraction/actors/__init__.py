"""Actors of the extraction engine: who is named in an article, coded to country and sector.

Data: the YAML files in ``services/extraction/data/actors`` (countries, organisations, people,
roles, collectives; each documents its schema at the top), with the folders of
``Settings.actor_data_dirs`` layered over them: ``ActorGazetteer.load(settings.actor_data_dirs)``.

Use::

    gazetteer = ActorGazetteer.load(extra_dirs)      # once per process
    mentions = find_actor_mentions(doc, gazetteer)   # doc: a fully parsed spaCy Doc

Each :class:`ActorMention` gives the tokens [start, end), the head token, the coded
:class:`schemas.event.Actor` (``text`` as written in the mention) and the role noun it states.
A phrase is one mention ("Russian President Vladimir Putin"); mentions never overlap.
"""

from services.extraction.actors.gazetteer import ActorDataError, ActorGazetteer
from services.extraction.actors.matcher import ActorMatcher
from services.extraction.actors.mention import ActorMention
from services.extraction.actors.mentions import find_actor_mentions

__all__ = [
    "ActorDataError",
    "ActorGazetteer",
    "ActorMatcher",
    "ActorMention",
    "find_actor_mentions",
]
