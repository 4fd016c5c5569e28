"""Periods: month and quarter ends, fiscal years, and ISO date parsing."""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta
from enum import StrEnum

# The dates a command line may ask about. Evaluation looks years either side of a date (a
# year's holidays, trailing quarters, a lease's whole term, offsets of months), and Python's
# dates end at years 1 and 9999: a date near either end overflows (OverflowError). No
# agreement in force is dated before 1900, and 2199 leaves two centuries ahead.
EARLIEST_DATE = date(1900, 1, 1)
LATEST_DATE = date(2199, 12, 31)
DATE_RANGE_EXPECTED = f"a date from {EARLIEST_DATE} to {LATEST_DATE}"


def within_range(d: date) -> bool:
    """Whether `d` (a date or a datetime) lies from EARLIEST_DATE to LATEST_DATE."""
    day = d.date() if isinstance(d, datetime) else d
    return EARLIEST_DATE <= day <= LATEST_DATE


# a calendar date as the facts write it: Python's fromisoformat also reads ISO week dates
# (`2003-W09-5`) and ordinal dates (`2003-059`), which no fact file means
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


def parse_iso_date(text: str) -> date:
    """Parse YYYY-MM-DD strictly; raises ValueError otherwise."""
    cleaned = text.strip()
    if not ISO_DATE.fullmatch(cleaned):
        raise ValueError(text)
    return date.fromisoformat(cleaned)


# the days of each month, January first, in a common year
_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def days_in_month(year: int, month: int) -> int:
    """The days of the month (1-12) in `year`."""
    # what calendar.monthrange(year, month)[1] gives, without the weekday it also works out:
    # month ends are read for every month of every lease and test, and that weekday was most
    # of their cost
    if month == 2 and calendar.isleap(year):
        return 29
    return _MONTH_DAYS[month - 1]


def month_end(d: date) -> date:
    return date(d.year, d.month, days_in_month(d.year, d.month))


def add_months(d: date, months: int) -> date:
    """The same day `months` later, clamped to the month's end (Jan 31 + 1 -> Feb 28)."""
    index = d.year * 12 + d.month - 1 + months
    year, month = divmod(index, 12)
    day = min(d.day, days_in_month(year, month + 1))
    return date(year, month + 1, day)


def is_quarter_end(d: date, fiscal_year_end_month: int = 12) -> bool:
    return d == month_end(d) and (d.month - fiscal_year_end_month) % 3 == 0


def quarter_end_on_or_before(d: date, fiscal_year_end_month: int = 12) -> date:
    """The latest fiscal quarter end on or before `d`."""
    candidate = month_end(d)
    while not is_quarter_end(candidate, fiscal_year_end_month) or candidate > d:
        candidate = month_end(date(candidate.year, candidate.month, 1) - timedelta(days=1))
    return candidate


def quarter_ends_between(start: date, end: date, fiscal_year_end_month: int = 12) -> list[date]:
    """Fiscal quarter ends q with start <= q <= end, in order."""
    result: list[date] = []
    q = quarter_end_on_or_before(end, fiscal_year_end_month)
    while q >= start:
        result.append(q)
        q = month_end(add_months(q, -3))
    return sorted(result)


def previous_quarter_ends(q: date, count: int) -> list[date]:
    """`count` quarter ends ending at q, oldest first (q itself last)."""
    return [month_end(add_months(q, -3 * i)) for i in reversed(range(count))]


def fiscal_year_of(d: date, fiscal_year_end_month: int = 12) -> int:
    """The fiscal year a date falls in, named by the calendar year in which it ends."""
    return d.year if d.month <= fiscal_year_end_month else d.year + 1


def fiscal_year_start(fiscal_year: int, fiscal_year_end_month: int = 12) -> date:
    end_month_start = date(fiscal_year, fiscal_year_end_month, 1)
    return add_months(end_month_start, -11)


def weekday_name(d: date) -> str:
    return calendar.day_name[d.weekday()]


class Weekday(StrEnum):
    monday = "monday"
    tuesday = "tuesday"
    wednesday = "wednesday"
    thursday = "thursday"
    friday = "friday"

    @property
    def number(self) -> int:
        """Monday = 0, as date.weekday() counts."""
        return list(Weekday).index(self)


class Recurrence(StrEnum):
    """Recurring period ends (fiscal, by the portfolio's year end): what a deadline runs from,
    when a financial test is tested."""

    month_end = "month_end"
    quarter_end = "quarter_end"
    fiscal_year_end = "fiscal_year_end"

    @property
    def months(self) -> int:
        return {"month_end": 1, "quarter_end": 3}.get(self.value, 12)


# how agreements write each recurring period end, for `pactum verify` to find a cited one in its
# quote ("measured monthly as of the last day of each month")
RECURRENCE_WORDS: dict[str, tuple[str, ...]] = {
    "month_end": ("monthly", "each month", "month-end", "month end"),
    "quarter_end": ("quarterly", "each fiscal quarter", "quarter-end", "quarter end"),
    "fiscal_year_end": ("each fiscal year", "fiscal year-end", "fiscal year end", "annual"),
}


def period_ends(recurrence: Recurrence, start: date, end: date, fy_end_month: int) -> list[date]:
    """The period ends from `start` to `end`, both included."""
    # the first period end of the fiscal calendar on or after start
    anchor = month_end(add_months(fiscal_year_start(start.year, fy_end_month), -1))
    found = []
    day = anchor
    while day <= end:
        if day >= start:
            found.append(day)
        day = month_end(add_months(day, recurrence.months))
    return found
