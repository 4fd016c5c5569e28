"""Borrowing-base reports over a window: monthly or weekly, period by period.

The letter asks for reports monthly while excess availability is greater than 15% and weekly
when it is not. Pactum reads the trigger at each month end: the excess availability at a month
end, from the facts in force then, sets the frequency of the period that follows it, up to the
next month end. A month end after the as-of date is not known yet: the facts of the as-of date
are carried forward (a projection, and the event says so).

A monthly period has one report, on the month just ended, due N days after it (the sheet's
`monthly_due_days_after_month_end`); a weekly period has one on each of the sheet's weekday
within the period. Reporting starts with the first month end on or after the agreement's date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from pactum.business_days import BusinessCalendar
from pactum.dates import add_months, month_end
from pactum.facts.dated_snapshots import InForce
from pactum.facts.events import AgreementEvents
from pactum.findings import Obligation
from pactum.findings import ObligationCategory as Category
from pactum.kinds.revolver import borrowing_base
from pactum.kinds.revolver.obligations import monthly_report_due, next_weekly_report_due
from pactum.kinds.revolver.schema import RevolverTerms
from pactum.money import percent_str
from pactum.terms.values import Term, sources

WEEK = timedelta(days=7)


@dataclass(frozen=True)
class ReportPeriod:
    """The days after a month end up to the next, and how often reports are due in them."""

    month_end: date  # where excess availability is read
    last_day: date  # the next month end
    known_on: date  # the facts in force on this date were used (the as-of date when earlier)
    excess: Decimal | None  # excess availability as a fraction of its basis
    frequency: str  # monthly | weekly

    def reading(self, threshold: Decimal) -> str:
        """'excess availability 14.06% at 2003-02-28: not above 15.00%' and the like."""
        shown = "n/a" if self.excess is None else percent_str(self.excess)
        when = f"at {self.month_end.isoformat()}"
        if self.known_on < self.month_end:
            when = f"projected for {self.month_end.isoformat()} from the facts of {self.known_on}"
        side = "above" if self.frequency == "monthly" else "not above"
        return f"excess availability {shown} {when}: {side} {percent_str(threshold)}"


def report_periods(
    sheet: RevolverTerms,
    dated: date | None,
    collateral: InForce,
    loans: InForce,
    events: AgreementEvents,
    as_of: date,
    start: date,
    end: date,
) -> list[ReportPeriod]:
    """The periods whose reports can fall between `start` and `end`, in order (a sheet with a
    reporting clause)."""
    assert sheet.reporting is not None
    days = timedelta(days=sheet.reporting.monthly_due_days_after_month_end.value)
    # a monthly report falls N days after its month end: start early enough to catch it
    first = month_end(add_months((start - days).replace(day=1), -1))
    if dated is not None:
        first = max(first, month_end(dated))
    periods = []
    measured = first
    while measured <= end:
        known_on = min(measured, as_of)
        figures = borrowing_base.compute(sheet, collateral, loans, events, known_on)
        assert figures.reporting_frequency is not None  # the sheet has a reporting clause
        following = month_end(add_months(measured.replace(day=1), 1))
        periods.append(
            ReportPeriod(
                measured,
                following,
                known_on,
                figures.excess_fraction,
                figures.reporting_frequency,
            )
        )
        measured = following
    return periods


def report_obligations(
    sheet: RevolverTerms,
    calendar: BusinessCalendar,
    periods: list[ReportPeriod],
    start: date,
    end: date,
) -> list[Obligation]:
    """Each report due between `start` and `end`: the weekly ones of weekly periods, the
    monthly one of each monthly period."""
    rep = sheet.reporting
    assert rep is not None
    threshold = rep.excess_availability_threshold.value
    found: list[Obligation] = []

    def add(due: date, what: str, key: str, due_rule: Term[Any]) -> None:
        if start <= due <= end:
            refs = sources(rep.excess_availability_threshold, due_rule)
            note = calendar.not_rolled_note(due)
            found.append(Obligation(due, what, None, refs, note, Category.report, key))

    for period in periods:
        reading = period.reading(threshold)
        if period.frequency == "monthly":
            add(
                monthly_report_due(rep, period.month_end),
                f"Monthly borrowing-base report for {period.month_end:%B %Y} ({reading})",
                f"borrowing-base-report-{period.month_end:%Y-%m}",
                rep.monthly_due_days_after_month_end,
            )
            continue
        due = next_weekly_report_due(rep, period.month_end + timedelta(days=1))
        while due <= period.last_day:
            add(
                due,
                f"Weekly borrowing-base report ({reading})",
                f"borrowing-base-report-{due.isoformat()}",
                rep.weekly_due_weekday,
            )
            due += WEEK
    return found
