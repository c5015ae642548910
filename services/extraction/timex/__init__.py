"""Time expressions of news text resolved to UTC spans (``EventTime``).

Conventions, so callers know what a span means:

* Spans are half-open ``[start, end)`` in UTC. Day boundaries are read in ``local_zone``
  (default: the publication time's zone) and bare clock times in ``clock_zone`` (default:
  ``local_zone``; the engine passes the zone of the dateline's place); named zones ("Moscow
  time") and explicit offsets ("UTC+3") override it, and a UTC restatement ("(GMT1400)") wins.
* A clock time is an instant (``start == end``) with precision minute, even "5 pm". Written
  next to a date ("Monday at 5 pm") it is read on that date, otherwise on the publication day.
* Parts of the day ("Monday evening": 18:00-22:00 local) have precision hour.
* "last/this/next week" are ISO weeks (Monday-Sunday), precision week; "at the weekend" is
  Saturday-Sunday, precision day.
* A bare weekday follows ``tense``: future -> on or after publication day, past -> on or
  before; without a tense, the nearest such day within three days either way.
  ``clause_tense(token, cues)`` reads that tense off a parsed trigger ("will meet" -> future);
  ``article_times`` resolves each expression with the tense of its own clause.
* A date without a year ("March 18", "the May holidays") takes the publication year unless
  that places it ahead of publication in past tense, behind it in future tense, or more
  than half a year away in either direction.
* "before 2022" -> start None, end 2022-01-01; "after X" -> start at X's end, end None;
  "since 2014" -> 2014-01-01 up to publication; "until/by X" -> end at X's end. The
  precision stays that of X (year here); a None bound marks the open side.
* "right now", "currently", "at present" are the publication day.
* An expression the calendar cannot hold ("3000 years ago") is a time without bounds.
* Vague words ("soon", "recently", "in the coming days") have precision vague and the
  window listed in ``data/time/vague.yaml``.
* Ranges: "May 1-11" and "18 to 20 March" (days, precision day), "2014-16" and "between
  2014 and 2016" (years), "the (early) 1990s" (years). Seasons ("last summer", "the winter
  of 2022") span their three months (winter runs into the next year) with precision month.
* Counts are not dates: "2000 people", "the first talks in seven years".
* Without a publication time, relative expressions have precision vague and no bounds;
  dates with a year still resolve.
* The mention text leaves out plain locating prepositions ("in 2022" -> "2022") but keeps
  words that change the meaning ("before 2022", "in two weeks", "at the weekend").
"""

from services.extraction.timex.calendar import Tense
from services.extraction.timex.finder import TimeFinder, TimeMention
from services.extraction.timex.tense import clause_tense

__all__ = ["Tense", "TimeFinder", "TimeMention", "clause_tense"]
