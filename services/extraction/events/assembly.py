"""From a merged event candidate to the published ``DiplomaticEvent`` message."""

from __future__ import annotations

import uuid

from schemas import SCHEMA_VERSION, Article, DiplomaticEvent, Evidence, Mentions
from services.extraction.events.candidate import EventCandidate
from services.extraction.events.confidence import score
from services.extraction.version import EXTRACTOR_VERSION

_EVENT_NAMESPACE = uuid.UUID("5b0f3f4e-8d7c-5d35-9a57-2f1c5e0b7a11")


def event_id(article_id: str, candidate: EventCandidate) -> uuid.UUID:
    """UUIDv5 of the article and the normalised event: the same input always gives the same id,
    whatever the worker, batch or order."""
    source = f"{candidate.source.name}/{candidate.source.country or ''}"
    target = (
        f"{candidate.target.name}/{candidate.target.country or ''}" if candidate.target else "-"
    )
    dyad = sorted((source, target)) if candidate.reciprocal else [source, target]
    time = candidate.time
    when = f"{time.start.isoformat() if time.start else ''}/{time.precision.value}" if time else "-"
    key = "|".join(
        (
            EXTRACTOR_VERSION,
            article_id,
            candidate.code.plover_root.value,
            candidate.code.code,
            *dyad,
            candidate.status.value,
            when,
        )
    )
    return uuid.uuid5(_EVENT_NAMESPACE, key)


def assemble(article: Article, candidate: EventCandidate) -> DiplomaticEvent:
    """The event message for one candidate found in ``article``."""
    code = candidate.code
    return DiplomaticEvent(
        schema_version=SCHEMA_VERSION,
        event_id=event_id(article.id, candidate),
        article_id=article.id,
        publisher=article.source,
        article_url=article.url,
        published_at=article.published_at,
        extractor_version=EXTRACTOR_VERSION,
        event_type=code.plover_root,
        event_mode=code.plover_mode,
        cameo_code=code.code,
        cameo_name=code.name,
        goldstein=code.goldstein,
        quad_class=code.quad_class,
        source=candidate.source,
        target=candidate.target,
        reciprocal=candidate.reciprocal,
        status=candidate.status,
        time=candidate.time,
        location=candidate.location,
        reported_by=candidate.reported_by,
        quote=candidate.quote,
        evidence=Evidence(sentence=candidate.sentence, triggers=list(candidate.triggers)),
        mentions=Mentions(count=len(candidate.mentions), offsets=list(candidate.mentions)),
        confidence=score(candidate.features, code.code, len(candidate.mentions), candidate.status),
    )
