"""Calendar arithmetic in a local zone: the spans that words like "Monday" or "May" denote.

Every span is half-open, ``[start, end)``, returned in UTC.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Literal

Tense = Literal["past", "future"]
Span = tuple[datetime, datetime]

# A date named without its year is taken in the publication year unless that puts it more
# than about half a year away, which news rarely means (see choose_year).
_HALF_YEAR = timedelta(days=183)
# Without a tense, a bare weekday means the nearest such day within this many days.
_NEAREST_WEEKDAY_REACH = 3


@dataclass(frozen=True)
class Anchor:
    """What relative expressions are resolved against."""

    published_at: datetime | None
    zone: tzinfo
    tense: Tense | None
    # Where a clock time without a named zone is read: "5 pm" in a story datelined Moscow.
    clock_zone: tzinfo

    @property
    def today(self) -> date | None:
        """The publication day as seen in the local zone."""
        if self.published_at is None:
            return None
        return self.published_at.astimezone(self.zone).date()


def local_instant(day: date, zone: tzinfo, hour: int = 0, minute: int = 0) -> datetime:
    """The UTC instant of a wall-clock reading; hours past 23 run into the next day."""
    midnight = datetime.combine(day, time(0), tzinfo=zone)
    return (midnight + timedelta(hours=hour, minutes=minute)).astimezone(UTC)


def day_span(day: date, zone: tzinfo, days: int = 1) -> Span:
    return local_instant(day, zone), local_instant(day + timedelta(days=days), zone)


def week_span(day: date, zone: tzinfo) -> Span:
    """The ISO week (Monday to Sunday) that contains ``day``."""
    monday = day - timedelta(days=day.weekday())
    return day_span(monday, zone, days=7)


def add_months(year: int, month: int, count: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + count
    return index // 12, index % 12 + 1


def month_span(year: int, month: int, zone: tzinfo) -> Span:
    next_year, next_month = add_months(year, month, 1)
    return local_instant(date(year, month, 1), zone), local_instant(
        date(next_year, next_month, 1), zone
    )


def year_span(year: int, zone: tzinfo) -> Span:
    return local_instant(date(year, 1, 1), zone), local_instant(date(year + 1, 1, 1), zone)


def choose_year(anchor: Anchor, month: int, first_day: int, last_day: int) -> int | None:
    """The year of a day range written without one, e.g. "March 18" or "the May holidays".

    The publication year, moved back a year when the range would lie ahead of publication in
    a past-tense context, and forward a year when it would lie behind publication in a
    future-tense context. A tense settles the direction: "visited Delhi in April" in a story
    of November is the April before, however long ago. Without one, the range moves back when
    it would lie more than half a year ahead, and forward when more than half a year behind.
    """
    today = anchor.today
    if today is None:
        return None
    year = today.year
    # Clamped so that "February 29" or "31" can still be placed, then checked by the caller.
    month_end = last_day_of_month(year, month)
    first = date(year, month, min(first_day, month_end))
    last = date(year, month, min(last_day, month_end))
    if anchor.tense == "past":
        return year - 1 if first > today else year
    if anchor.tense == "future":
        return year + 1 if last < today else year
    if first - today > _HALF_YEAR:
        return year - 1
    if today - last > _HALF_YEAR:
        return year + 1
    return year


def weekday_date(anchor: Anchor, weekday: int, modifier: str | None) -> date | None:
    """The day a weekday name points to.

    "last Monday" is the latest Monday before publication day and "next Monday" the first
    after it; "this Monday" is the Monday of the publication week. A bare "Monday" follows
    the tense: future -> on or after publication day, past -> on or before it; without a
    tense, the nearest such day within three days either way.
    """
    today = anchor.today
    if today is None:
        return None
    ahead = (weekday - today.weekday()) % 7
    behind = (today.weekday() - weekday) % 7
    if modifier in ("last", "past"):
        return today - timedelta(days=behind or 7)
    if modifier in ("next", "coming"):
        return today + timedelta(days=ahead or 7)
    if modifier == "this":
        return today + timedelta(days=weekday - today.weekday())
    if anchor.tense == "future":
        return today + timedelta(days=ahead)
    if anchor.tense == "past":
        return today - timedelta(days=behind)
    if ahead <= _NEAREST_WEEKDAY_REACH:
        return today + timedelta(days=ahead)
    return today - timedelta(days=behind)


def shift(instant: datetime, unit: str, count: int) -> datetime:
    """Move by whole calendar units; months and years keep the day, clamped to month end."""
    if unit in ("minute", "hour", "day", "week"):
        return instant + timedelta(**{f"{unit}s": count})
    months = count * (12 if unit == "year" else 1)
    year, month = add_months(instant.year, instant.month, months)
    return instant.replace(
        year=year, month=month, day=min(instant.day, last_day_of_month(year, month))
    )


def last_day_of_month(year: int, month: int) -> int:
    return (date(*add_months(year, month, 1), 1) - timedelta(days=1)).day


def season_bounds(year: int, first_month: int, last_month: int) -> tuple[date, date]:
    """First day of a season and the day after it; ``last_month`` past 12 runs into next year."""
    end_year, end_month = add_months(year, first_month, last_month - first_month + 1)
    return date(year, first_month, 1), date(end_year, end_month, 1)


def season_year(
    anchor: Anchor, first_month: int, last_month: int, modifier: str | None
) -> int | None:
    """The year a season starts in: "last summer" the latest one over, "next summer" the first
    one to come, "this summer" the current one, else by tense, else the nearer of the two."""
    today = anchor.today
    if today is None:
        return None
    years = range(today.year - 2, today.year + 2)
    bounds = {year: season_bounds(year, first_month, last_month) for year in years}
    over = max(year for year in years if bounds[year][1] <= today)
    to_come = min(year for year in years if bounds[year][0] > today)
    current = next((year for year in years if bounds[year][0] <= today < bounds[year][1]), None)
    if modifier in ("last", "past"):
        return over
    if modifier in ("next", "coming"):
        return to_come
    if current is not None:
        return current
    if anchor.tense is not None:
        return over if anchor.tense == "past" else to_come
    return over if today - bounds[over][1] < bounds[to_come][0] - today else to_come


def third_of(span: Span, index: int) -> Span:
    """The first, middle or last third (``index`` 0, 1, 2) of a year, month or week, in
    whole months, 10-day stretches or days (see ``edges`` in ``data/time/calendar.yaml``)."""
    start, end = span
    if end - start > timedelta(days=32):
        return shift(start, "month", 4 * index), shift(start, "month", 4 * index + 4)
    if end - start > timedelta(days=8):
        first = start + timedelta(days=10 * index)
        return first, end if index == 2 else first + timedelta(days=10)
    first_day, last_day = ((0, 2), (2, 4), (4, 7))[index]
    return start + timedelta(days=first_day), start + timedelta(days=last_day)
