"""Business-day calendars from the `holidays` package, chosen per agreement.

A calendar names a country (with an optional state or province) or a financial market.
Deadlines are never rolled off a weekend or holiday unless the term sheet names a roll.
"""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum
from functools import lru_cache

import holidays
from pydantic import BaseModel, ConfigDict


class Roll(StrEnum):
    """What to do with a deadline that falls on a non-business day."""

    none = "none"
    following = "following"
    preceding = "preceding"
    modified_following = "modified_following"


class CalendarSpec(BaseModel):
    """Which holidays close business: `{country: US, subdiv: GA}` or `{market: NYSE}`."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    country: str | None = "US"
    subdiv: str | None = None
    market: str | None = None

    def label(self) -> str:
        if self.market:
            return f"{self.market} market holidays"
        return f"{self.country}{'-' + self.subdiv if self.subdiv else ''} public holidays"


@lru_cache(maxsize=32)
def _holiday_table(spec: CalendarSpec) -> holidays.HolidayBase:
    if spec.market:
        return holidays.financial_holidays(spec.market)
    return holidays.country_holidays(spec.country or "US", subdiv=spec.subdiv)


class BusinessCalendar:
    """Business days: Monday to Friday, less the spec's holidays."""

    def __init__(self, spec: CalendarSpec | None = None) -> None:
        self.spec = spec or CalendarSpec()
        self._holidays = _holiday_table(self.spec)

    def holiday_name(self, d: date) -> str | None:
        name = self._holidays.get(d)
        return str(name) if name else None

    def is_business_day(self, d: date) -> bool:
        return d.weekday() < 5 and d not in self._holidays

    def why_not_business_day(self, d: date) -> str | None:
        """'Saturday', 'Sunday' or the holiday's name; None on a business day."""
        if d.weekday() == 5:
            return "Saturday"
        if d.weekday() == 6:
            return "Sunday"
        return self.holiday_name(d)

    def not_rolled_note(self, d: date) -> str:
        """How a deadline on a non-business day is shown: 'falls on a Sunday; not rolled'."""
        why = self.why_not_business_day(d)
        if why is None:
            return ""
        return f"falls on {'a ' if why in ('Saturday', 'Sunday') else ''}{why}; not rolled"

    def roll_note(self, unrolled: date, due: date, rule: Roll) -> str:
        """How a date set for `unrolled` and due on `due` is shown: 'rolled from 2013-03-31
        (Sunday; following)', or `not_rolled_note` when it was not moved."""
        if due != unrolled:
            why = self.why_not_business_day(unrolled)
            return f"rolled from {unrolled.isoformat()} ({why}; {rule.value})"
        return self.not_rolled_note(due)

    def add_business_days(self, d: date, count: int) -> date:
        """The `count`-th business day after `d` (count >= 0; 0 gives d itself)."""
        current = d
        remaining = count
        while remaining > 0:
            current += timedelta(days=1)
            if self.is_business_day(current):
                remaining -= 1
        return current

    def next_business_day(self, d: date) -> date:
        return self.add_business_days(d, 1)

    def roll(self, d: date, rule: Roll) -> date:
        if rule is Roll.none or self.is_business_day(d):
            return d
        step = -1 if rule is Roll.preceding else 1
        rolled = d
        while not self.is_business_day(rolled):
            rolled += timedelta(days=step)
        if rule is Roll.modified_following and rolled.month != d.month:
            return self.roll(d, Roll.preceding)
        return rolled
