"""The one-line renderings of ``dipstream tail``."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from schemas import (
    Actor,
    DeadLetterHeaders,
    DiplomaticEvent,
    EventTime,
    Evidence,
    Location,
    Mentions,
    TextSpan,
)
from services.cli import render

RECEIVED = datetime(2025, 3, 4, 9, 15, 2, tzinfo=UTC)
SPAN = TextSpan(text="They spoke.", start=0, end=11)


def _event(**changes: object) -> DiplomaticEvent:
    event = DiplomaticEvent(
        schema_version="1.0",
        event_id=uuid.uuid4(),
        article_id="art-7",
        publisher=None,
        article_url=None,
        published_at=None,
        extractor_version="test",
        event_type="CONSULT",
        event_mode="phone",
        cameo_code="040",
        cameo_name="Consult",
        goldstein=1.0,
        quad_class=1,
        source=Actor(text="the president", name="Anna Berg", country="RUR", kind="person"),
        target=Actor(text="Freedonia", name="Freedonia", country="FRE", kind="state"),
        status="scheduled",
        time=EventTime(
            start=datetime(2025, 3, 5, 14, 0, tzinfo=UTC),
            end=None,
            precision="hour",
            text="Wednesday at 2 pm",
        ),
        location=Location(name="Zenda", country="RUR"),
        reported_by=Actor(text="her office", name="Presidency", country="RUR", kind="organisation"),
        evidence=Evidence(sentence=SPAN, triggers=[]),
        mentions=Mentions(count=1, offsets=[SPAN]),
        confidence=0.82,
    )
    return event.model_copy(update=changes)


def test_an_event_line_reads_who_did_what_to_whom_when_where() -> None:
    line = render.event_line(_event(), RECEIVED)

    assert line == (
        "2025-03-04 09:15:02  Anna Berg [RUR] → CONSULT(phone) → Freedonia [FRE]  scheduled  "
        "when 2025-03-05 14:00/hour  where Zenda [RUR]  per Presidency [RUR]  conf 0.82  [art-7]"
    )


def test_a_reciprocal_event_without_time_place_or_reporter_shows_dashes() -> None:
    line = render.event_line(
        _event(reciprocal=True, time=None, location=None, reported_by=None, event_mode=None),
        RECEIVED,
    )

    assert "Anna Berg [RUR] ↔ CONSULT ↔ Freedonia [FRE]" in line
    assert "when -  where -  per -" in line


def test_a_day_precise_time_has_no_clock_and_an_unresolved_one_shows_no_words() -> None:
    day = EventTime(start=datetime(2025, 3, 5, tzinfo=UTC), end=None, precision="day")
    vague = EventTime(start=None, end=None, precision="vague", text="soon")

    assert render.time_label(day) == "2025-03-05/day"
    assert render.time_label(vague) == "-"


def test_a_place_shows_its_country_code_unless_it_is_the_country() -> None:
    assert render.place_label(Location(name="Zenda", country="RUR")) == "Zenda [RUR]"
    assert render.place_label(Location(name="RUR", country="RUR")) == "RUR"
    assert render.place_label(None) == "-"


def test_a_country_actor_is_shown_by_its_code_once() -> None:
    actor = Actor(text="RUR", name="RUR", country="RUR", kind="state")

    assert render.actor_label(actor) == "RUR"


def test_a_dead_letter_line_gives_reason_error_and_origin() -> None:
    headers = DeadLetterHeaders(
        reason="invalid_json",
        error="Expecting value",
        original_topic="articles.raw",
        original_partition=2,
        original_offset=41,
        service_version="0.1.0",
    )

    line = render.dead_letter_line(headers, b"k-9", b"{broken" + b"x" * 100, RECEIVED)

    assert line.startswith(
        "09:15:02  invalid_json: Expecting value  from articles.raw[2]@41  key k-9  {broken"
    )
    assert line.endswith("…")


def test_a_dead_letter_without_headers_is_still_shown() -> None:
    line = render.dead_letter_line(None, None, b"raw\nvalue", RECEIVED)

    assert line == "09:15:02  (no dlq headers)  key -  raw value"
