"""The live page over the event store (``dipstream ui``)."""
