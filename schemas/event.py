"""The output message on ``diplomatic.events`` and its quad-class topics."""

from __future__ import annotations

from uuid import UUID

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from schemas.vocabulary import ActorKind, EventStatus, PloverRoot, QuadClass, TimePrecision


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Actor(_Frozen):
    """Who acts or is acted upon, as written and as coded."""

    text: str = Field(description="The mention as written in the article.")
    name: str = Field(description="Canonical name, e.g. 'Vladimir Putin' or 'Russia'.")
    country: str | None = Field(
        None, description="ISO 3166-1 alpha-3 code, or an organisation code such as NATO."
    )
    sector: str | None = Field(None, description="CAMEO-style role: GOV, MIL, MED, BUS, ...")
    kind: ActorKind


class EventTime(_Frozen):
    """When the event happens, resolved against the publication time; UTC."""

    start: AwareDatetime | None
    end: AwareDatetime | None
    precision: TimePrecision
    text: str | None = Field(None, description="The time expression as written.")


class Location(_Frozen):
    """Where the event takes place (not every place the sentence names)."""

    name: str
    country: str | None = Field(None, description="ISO 3166-1 alpha-3.")
    lat: float | None = None
    lon: float | None = None


class TextSpan(_Frozen):
    """A piece of the article with its character offsets (end exclusive)."""

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Evidence(_Frozen):
    """The sentence that best states the event, and the words that triggered it."""

    sentence: TextSpan
    triggers: list[TextSpan]
    truncated: bool = Field(
        False,
        description="The texts of the evidence, mentions and quote were cut to fit a Kafka "
        "record; their offsets still point at the whole text in the article.",
    )


class Mentions(_Frozen):
    """Every sentence of the article that reports this same event."""

    count: int = Field(ge=1)
    offsets: list[TextSpan] = Field(description="The mentioning sentences, in article order.")


class DiplomaticEvent(_Frozen):
    """One coded event: who did what to whom, when, where, by whose account, how sure."""

    schema_version: str
    event_id: UUID = Field(description="UUIDv5 of article id, normalised event, extractor version.")
    article_id: str
    publisher: str | None
    article_url: str | None
    published_at: AwareDatetime | None
    extractor_version: str

    event_type: PloverRoot
    event_mode: str | None = Field(None, description="PLOVER mode, e.g. 'phone' for CONSULT.")
    cameo_code: str = Field(pattern=r"^\d{2,4}$")
    cameo_name: str
    goldstein: float = Field(ge=-10, le=10)
    quad_class: QuadClass

    source: Actor
    target: Actor | None
    reciprocal: bool = Field(False, description="Both sides act alike ('A and B will speak').")

    status: EventStatus
    time: EventTime | None
    location: Location | None
    reported_by: Actor | None = Field(None, description="Whose statement the event comes from.")
    quote: str | None = Field(None, description="The quotation the event is stated in, if any.")

    evidence: Evidence
    mentions: Mentions
    confidence: float = Field(ge=0, le=1)

    @property
    def dyad_key(self) -> str:
        """Kafka key: 'SRC|TGT' by country code, sorted for reciprocal events."""
        source = self.source.country or self.source.name
        target = (self.target.country or self.target.name) if self.target else "-"
        pair = sorted((source, target)) if self.reciprocal else [source, target]
        return "|".join(pair)
