"""Status: whether an event happened, will happen, is wished for, denied or refused.

Its own stage because the cue words (``data/status/cues.yaml``) are shared by the status
reading, attribution, the role finders and time attachment: ``Cues`` holds them, ``read_status``
reads a trigger's status off the words governing it.
"""

from services.extraction.status.cues import Cues, load_cues
from services.extraction.status.reading import read_status

__all__ = ["Cues", "load_cues", "read_status"]
