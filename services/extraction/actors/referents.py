"""The record coreference resolution keeps for each mention while it works."""

from __future__ import annotations

from dataclasses import dataclass, field

from services.extraction.actors.actor_mention import ActorMention


@dataclass(eq=False)
class Slot:
    """A mention being resolved; ``targets`` are the roots it refers to (none: it is a root)."""

    mention: ActorMention
    targets: list[Slot] = field(default_factory=list)

    def referents(self) -> list[Slot]:
        """The roots this mention stands for: its targets, or itself when it is a root."""
        return self.targets or [self]

    def refer_to(self, slots: list[Slot]) -> None:
        """Point at the roots of ``slots``, each once."""
        roots: list[Slot] = []
        for slot in slots:
            roots.extend(root for root in slot.referents() if root not in roots)
        self.targets = roots
