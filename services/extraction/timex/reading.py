"""What one matched expression says before it becomes a ``TimeMention``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from schemas import TimePrecision
from services.extraction.timex.calendar import local_instant


@dataclass(frozen=True)
class Clock:
    """A time of day as written; ``zone`` None means the local zone."""

    hour: int
    minute: int
    zone: tzinfo | None
    utc_restated: tuple[int, int] | None

    def instant(self, day: date, local_zone: tzinfo) -> datetime:
        """The UTC instant on ``day``; a UTC restatement such as "(GMT1400)" wins."""
        reading = local_instant(day, self.zone or local_zone, self.hour, self.minute)
        if self.utc_restated is None:
            return reading
        hour, minute = self.utc_restated
        candidates = (
            datetime.combine(reading.date() + timedelta(days=shift), time(hour, minute), UTC)
            for shift in (-1, 0, 1)
        )
        return min(candidates, key=lambda candidate: abs(candidate - reading))


@dataclass(frozen=True)
class Reading:
    """A resolved expression at ``[start, end)`` of the text.

    ``day`` is the local day of a day-level reading and ``clock`` a time of day read
    without a date: the finder joins the two when they stand side by side.
    ``open_bounds`` says whether "before"/"since"/... may turn it into an open interval.
    """

    start: int
    end: int
    start_at: datetime | None
    end_at: datetime | None
    precision: TimePrecision
    day: date | None = None
    clock: Clock | None = None
    open_bounds: bool = True
