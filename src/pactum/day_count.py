"""Day counts: the days a period counts for and the year they are divided by.

A period runs from its first day up to, not including, the day after its last (interest and
fee clauses count "the first day but not the last"). The conventions are those of the 2006 ISDA
Definitions, section 4.16, which credit agreements write out in words:

- `actual/360` (4.16(e)): the actual days in the period over 360 ("on the basis of a 360-day
  year for the actual number of days elapsed");
- `actual/365` (4.16(d), "Actual/365 (Fixed)"): the actual days over 365, leap years too;
- `30/360` (4.16(f), "30/360", "Bond Basis"): each month counts 30 days, the year 360:
  360 x (Y2 - Y1) + 30 x (M2 - M1) + (D2 - D1), where D1 = 31 counts as 30, and D2 = 31 counts
  as 30 when D1 is 30 or 31.

The fraction is kept as its two whole numbers so that a caller divides once, at the end, and
rounds where the contract rounds.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum


class DayCount(StrEnum):
    actual_360 = "actual/360"
    actual_365 = "actual/365"
    thirty_360 = "30/360"

    @property
    def year_days(self) -> int:
        return 365 if self is DayCount.actual_365 else 360


@dataclass(frozen=True)
class YearFraction:
    """`days` / `year_days` of a year, as the convention counts them."""

    days: int
    year_days: int
    convention: DayCount

    @property
    def value(self) -> Decimal:
        return Decimal(self.days) / Decimal(self.year_days)

    def __str__(self) -> str:
        return f"{self.days}/{self.year_days} ({self.convention.value})"


def thirty_360_days(start: date, end: date) -> int:
    """Days from `start` to `end` (end not counted) on 30/360, ISDA 2006 section 4.16(f)."""
    d1 = 30 if start.day == 31 else start.day
    d2 = 30 if end.day == 31 and d1 >= 30 else end.day
    return 360 * (end.year - start.year) + 30 * (end.month - start.month) + (d2 - d1)


def year_fraction(convention: DayCount, start: date, end: date) -> YearFraction:
    """The fraction of a year from `start` up to, not including, `end`."""
    thirty = convention is DayCount.thirty_360
    days = thirty_360_days(start, end) if thirty else (end - start).days
    return YearFraction(days, convention.year_days, convention)
