"""Rent adjusted by a published index: which months' values a period compares, the change
between them, and the bounds (the lesser of the index's increase or a cap, never below a floor).

The current index is the series' value for the month `lag_months` before the period starts; the
beginning index is the base period's (the month as far before the period before's first full
month, twelve months before the current month, or a fixed month). The change is current / beginning - 1 for a
base that moves with the periods; for a fixed base month, it is the change over the rent of the
period before of the last rent stated x current / base. The change is not rounded; the new rent
is, half-up to the cent, by the caller.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from pactum.dates import add_months
from pactum.facts.index_series import IndexSeries, IndexValue
from pactum.kinds.lease.schema import IndexEscalation
from pactum.money import percent_str


@dataclass(frozen=True)
class Escalation:
    """One indexed period's adjustment, as far as the index series allows."""

    series: str
    current_month: date
    beginning_month: date
    current: IndexValue | None
    beginning: IndexValue | None
    change: Decimal | None = None  # unbounded, unrounded; None when an index is missing
    applied: Decimal | None = None  # the change after the cap and floor
    bound: str = ""  # "capped at 3.00%", "floored at 0.00%" or ""

    @property
    def missing(self) -> str:
        """Why the escalation cannot be computed ("" when it can)."""
        absent = [
            f"{month:%Y-%m}"
            for month, value in (
                (self.current_month, self.current),
                (self.beginning_month, self.beginning),
            )
            if value is None
        ]
        if not absent:
            return ""
        return f"no {self.series} index for {' or '.join(absent)} in index.csv"

    def describe(self) -> str:
        """The index values used and the change applied, for the roll and the trace."""
        if self.missing:
            return f"escalation not computed: {self.missing}"
        assert self.current and self.beginning and self.applied is not None
        text = (
            f"{self.series} {self.current_month:%Y-%m} {self.current.value} / "
            f"{self.beginning_month:%Y-%m} {self.beginning.value}: "
            f"{percent_str(self.change or Decimal(0), 3)}"
        )
        return f"{text}, {self.bound}" if self.bound else text


def index_months(
    terms: IndexEscalation, start: date, prior_start: date | None
) -> tuple[date, date]:
    """The current and beginning index months of a period starting on `start`."""
    lag = terms.lag_months.value
    current = add_months(start.replace(day=1), -lag)
    base = terms.base_period.value if terms.base_period is not None else "year_before"
    if isinstance(base, date):
        return current, base
    if base == "prior_period" and prior_start is not None:
        # a period before that starts mid-month (a first lease year from a Rent Commencement
        # Date on the 16th, its partial month prorated) is counted from its first full month:
        # "the first lease year ... shall commence on the first day of the succeeding month"
        counted_from = (
            prior_start if prior_start.day == 1 else add_months(prior_start.replace(day=1), 1)
        )
        return current, add_months(counted_from, -lag)
    return current, add_months(current, -12)


def bounded(terms: IndexEscalation, change: Decimal) -> tuple[Decimal, str]:
    """The change within the cap and the floor, and which bound applied."""
    if terms.cap is not None and change > terms.cap.value:
        return terms.cap.value, f"capped at {percent_str(terms.cap.value)}"
    if terms.floor is not None and change < terms.floor.value:
        return terms.floor.value, f"floored at {percent_str(terms.floor.value)}"
    return change, ""


def escalation(
    terms: IndexEscalation,
    indexes: IndexSeries,
    start: date,
    prior_start: date | None,
    prior_rent: Decimal,
    stated_rent: Decimal,
) -> Escalation:
    """The adjustment of a period starting on `start` whose period before started on
    `prior_start` at `prior_rent`; `stated_rent` is the last rent stated (for a fixed base)."""
    series = terms.series.value
    current_month, beginning_month = index_months(terms, start, prior_start)
    current = indexes.at(series, current_month)
    beginning = indexes.at(series, beginning_month)
    found = Escalation(series, current_month, beginning_month, current, beginning)
    if current is None or beginning is None:
        return found
    ratio = current.value / beginning.value
    fixed = terms.base_period is not None and isinstance(terms.base_period.value, date)
    change = stated_rent * ratio / prior_rent - 1 if fixed and prior_rent else ratio - 1
    applied, bound = bounded(terms, change)
    return Escalation(
        series, current_month, beginning_month, current, beginning, change, applied, bound
    )
