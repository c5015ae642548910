"""Events: from the triggers and actor mentions of a parsed article to coded event messages.

Kept apart from the stages before it (sentences, actors, triggers) and the readers it calls
(status, timex, places), so that a rule about who does what to whom has one home. In order:
``roles`` reads a trigger's arguments off the parse, ``fallback`` stands in when no known actor
fills one, ``dyads`` pairs sources with targets, ``main_event`` picks the event a sentence
states, ``attribution`` finds by whose account; ``builder`` runs these per trigger into
``candidate`` records, ``dedup`` merges the mentions of one event, ``confidence`` scores it and
``assembly`` makes the published message.
"""

from services.extraction.events.builder import EventBuilder

__all__ = ["EventBuilder"]
