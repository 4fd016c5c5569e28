"""A test's measuring period and the financial items over it: balance items at its end, flow
items summed over the rows of financials.csv that make up the period exactly (three monthly
rows or one quarterly row for a quarter; twelve months or four quarters for a trailing year;
January to June for a period to date since January 1)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from pactum.dates import Recurrence, add_months, fiscal_year_of, fiscal_year_start, month_end
from pactum.facts.financials import Financials
from pactum.financial_tests.schema import Measured
from pactum.findings import Basis
from pactum.money import ZERO


@dataclass(frozen=True)
class Period:
    """The months a test measures: from the first day of `start`'s month to `end`."""

    start: date
    end: date
    basis_text: str  # how the agreement measures it: "trailing 12 months", "period to date"

    @property
    def months(self) -> int:
        return _index(self.end) - _index(self.start) + 1

    def describe(self) -> str:
        """For the trace: nothing for a single quarter or month, as the test date says it."""
        if self.basis_text in ("", "1 month", "1 quarter"):
            return ""
        return f" over {self.basis_text} to {self.end.isoformat()}"


def _index(d: date) -> int:
    return d.year * 12 + d.month - 1


def measuring_period(
    measure: Measured | None, on: date, every: Recurrence, fy_end_month: int
) -> Period:
    """The period ending on the test date `on` that `measure` describes; without one, the
    period the test dates recur by (a month, a quarter, a fiscal year)."""

    def trailing(months: int, text: str) -> Period:
        return Period(add_months(on.replace(day=1), 1 - months), on, text)

    if measure is None:
        unit = {Recurrence.month_end: "1 month", Recurrence.quarter_end: "1 quarter"}
        return trailing(every.months, unit.get(every, "12 months"))
    if measure.trailing_months is not None:
        n = measure.trailing_months.value
        return trailing(n, f"{n} month{'s' if n > 1 else ''}")
    if measure.trailing_quarters is not None:
        n = measure.trailing_quarters.value
        return trailing(3 * n, f"{n} quarter{'s' if n > 1 else ''}")
    if measure.fiscal_year_to_date is not None:
        start = fiscal_year_start(fiscal_year_of(on, fy_end_month), fy_end_month)
        return Period(start, on, f"the fiscal year to date from {start.isoformat()}")
    assert measure.since is not None
    start = measure.since.value
    return Period(start, on, f"the period to date from {start.isoformat()}")


@dataclass(frozen=True)
class PeriodItems:
    """The items of one test's period: balance items at its end, flows summed over it."""

    period: Period
    items: dict[str, Decimal]
    basis: Basis  # forecast when any row used is a forecast
    missing: str | None = None  # why the period cannot be measured


def period_items(
    financials: Financials, period: Period, balance: list[str], flow: list[str]
) -> PeriodItems:
    end = period.end
    at_end = financials.items_at(end)
    items = {k: v for k, v in at_end.items() if k in balance}
    if period.start.day != 1 or end != month_end(end):
        why = f"the period {period.start.isoformat()} to {end.isoformat()} is not whole months"
        return PeriodItems(period, items, Basis.actual, why)
    steps, step = _reporting_steps(financials, period)
    covered, bases = _covered_months(financials, period)
    # a step is absent when no row covers any of its months (quarterly history beside monthly
    # recent rows covers a month-end step through its quarter)
    absent = [p for p in steps if not any(_index(p) - k in covered for k in range(step))]
    basis = Basis.forecast if "forecast" in bases else Basis.actual
    if absent:
        missing = "no financials for " + ", ".join(p.isoformat() for p in absent)
        return PeriodItems(period, items, basis, missing)
    for item in flow:
        total = _summed(financials, item, period)
        if total is not None:
            items[item] = total
    return PeriodItems(period, items, basis)


def _reporting_steps(financials: Financials, period: Period) -> tuple[list[date], int]:
    """The period ends the period is reported in, at the file's most common period length
    (a quarter unless the company reports otherwise), oldest first, and that length."""
    step = financials.typical_months
    if period.months % step != 0:
        step = 1
    ends = [
        month_end(add_months(period.end, -step * i)) for i in reversed(range(period.months // step))
    ]
    return ends, step


def _covered_months(financials: Financials, period: Period) -> tuple[set[int], set[str]]:
    """The months of the period some row of financials.csv covers, and the bases of the
    periods those rows report."""
    first, last = _index(period.start), _index(period.end)
    covered: set[int] = set()
    bases: set[str] = set()
    for period_end, lengths in financials.row_lengths.items():
        end = _index(period_end)
        if not first <= end <= last:
            continue
        basis = financials.basis_of(period_end)
        if basis is not None:
            bases.add(basis)
        for months in lengths:
            covered.update(range(end - months + 1, end + 1))
    return covered, bases


def _summed(financials: Financials, item: str, period: Period) -> Decimal | None:
    """The item summed over rows that make up the period exactly, the longest row first at
    each step back from its end; None when no such rows exist."""
    rows: dict[int, list[tuple[int, Decimal]]] = {}
    for p, months, amount in financials.rows_of(item):
        if period.start <= p <= period.end:
            rows.setdefault(_index(p), []).append((months, amount))
    first, cursor, total = _index(period.start), _index(period.end), ZERO
    while cursor >= first:
        fitting = [r for r in rows.get(cursor, []) if cursor - r[0] + 1 >= first]
        if not fitting:
            return None
        months, amount = max(fitting)
        total += amount
        cursor -= months
    return total
