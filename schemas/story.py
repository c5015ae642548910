"""Cross-article aggregates on ``diplomatic.stories``."""

from __future__ import annotations

from datetime import date

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from schemas.vocabulary import PloverRoot


class StoryAggregate(BaseModel):
    """One real-world event as reported across articles (GDELT's NumMentions/Articles/Sources)."""

    model_config = ConfigDict(frozen=True)

    story_id: str = Field(description="Fingerprint: dyad, event type and event day.")
    dyad: str
    event_type: PloverRoot
    event_day: date
    num_mentions: int = Field(ge=1, description="Sentences mentioning it, over all articles.")
    num_articles: int = Field(ge=1)
    num_sources: int = Field(ge=0, description="Distinct publishers.")
    first_seen: AwareDatetime
    last_seen: AwareDatetime
    event_ids: list[str] = Field(description="Event ids folded into this story.")
