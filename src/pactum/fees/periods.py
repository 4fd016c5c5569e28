"""A periodic fee's periods (calendar months, quarters or years) and when each is due.

In advance, a period's fee is due on `day_of_month` of its first month; in arrears, on
`day_of_month` of the month after it or `days_after_period_end` days after its last day. Fees
run between the clause's `starts` and `ends`: a fee in advance is charged for the periods whose
due date falls between them (the first period of a letter signed mid-month is not charged); a
fee in arrears for every period they overlap, counted from `starts` and to `ends`, and one due
after `ends` falls due on `ends` (what the agreement owes at its end is paid then).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from pactum.business_days import BusinessCalendar
from pactum.dates import add_months, month_end
from pactum.fees.schema import Every, Fee, Timing

# arrears fees fall due up to this long after their period (a quarter's fee 90 days on, a
# year's on a day of the next month): periods are looked for this far before a window
_LOOK_BACK = timedelta(days=800)


@dataclass(frozen=True)
class FeePeriod:
    first: date  # the first day counted: the period's, or the day fees start
    last: date  # the last day counted: the period's, or the day fees end
    key: str  # 2003-06, 2003-Q2, 2003
    due: date  # as the terms set it, before a roll
    due_at_end: bool = False  # an arrears fee due after `ends`, moved to it

    @property
    def span(self) -> str:
        return f"{self.first.isoformat()} to {self.last.isoformat()}"


def period_containing(day: date, every: Every) -> tuple[date, date]:
    """The calendar period of `every` that holds `day`: its first and last days."""
    months = every.months
    first = date(day.year, (day.month - 1) // months * months + 1, 1)
    return first, month_end(add_months(first, months - 1))


def _key(first: date, every: Every) -> str:
    if every is Every.month:
        return f"{first:%Y-%m}"
    if every is Every.quarter:
        return f"{first.year}-Q{(first.month - 1) // 3 + 1}"
    return str(first.year)


def _day_in(month: date, day: int) -> date:
    """The `day`-th of the month of `month`, or its last day when the month is shorter."""
    return month.replace(day=min(day, month_end(month).day))


def unrolled_due(fee: Fee, first: date, last: date) -> date:
    """When the fee of the calendar period `first`..`last` is due, before any roll."""
    if fee.timing.value is Timing.advance:
        assert fee.day_of_month is not None  # the clause's checks require it in advance
        return _day_in(first, fee.day_of_month.value)
    if fee.days_after_period_end is not None:
        return last + timedelta(days=fee.days_after_period_end.value)
    assert fee.day_of_month is not None
    return _day_in(last + timedelta(days=1), fee.day_of_month.value)


def periods_due(
    fee: Fee,
    starts: date | None,
    ends: date | None,
    window_start: date,
    window_end: date,
    calendar: BusinessCalendar,
) -> list[tuple[FeePeriod, date]]:
    """Each period of `fee` with the date it is due after the roll, for those due from
    `window_start` to `window_end` (both included)."""
    found: list[tuple[FeePeriod, date]] = []
    low = window_start - _LOOK_BACK
    if starts is not None:
        low = max(low, starts)
    first, last = period_containing(low, fee.every)
    while first <= window_end:
        period = _clipped(fee, first, last, starts, ends)
        if period is not None:
            due = calendar.roll(period.due, fee.roll.value)
            if window_start <= due <= window_end:
                found.append((period, due))
        first = last + timedelta(days=1)
        last = month_end(add_months(first, fee.every.months - 1))
    return found


def _clipped(
    fee: Fee, first: date, last: date, starts: date | None, ends: date | None
) -> FeePeriod | None:
    """The period as fees run in it, or None when the fee is not charged for it."""
    due = unrolled_due(fee, first, last)
    key = _key(first, fee.every)
    if fee.timing.value is Timing.advance:
        if (starts is not None and due < starts) or (ends is not None and due > ends):
            return None
        return FeePeriod(first, last, key, due)
    counted_first = max(first, starts) if starts is not None else first
    counted_last = min(last, ends) if ends is not None else last
    if counted_first > counted_last:
        return None
    if ends is not None and due > ends:
        return FeePeriod(counted_first, counted_last, key, ends, due_at_end=True)
    return FeePeriod(counted_first, counted_last, key, due)


def latest_ended(fee: Fee, starts: date | None, ends: date | None, as_of: date) -> FeePeriod | None:
    """The last period of `fee` counted to its end on or before `as_of`, if it is charged."""
    day = as_of if ends is None else min(as_of, ends)
    first, last = period_containing(day, fee.every)
    if (last if ends is None else min(last, ends)) > as_of:
        last = first - timedelta(days=1)
        first = period_containing(last, fee.every)[0]
    return _clipped(fee, first, last, starts, ends)
