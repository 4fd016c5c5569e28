"""Lease years: a period model of their own.

A lease year is not a calendar or fiscal year, need not be twelve months, and the first is
often a stub (Innotrac: "4/1/03 through the end of 1st Lease Year"). A rent table may instead
give bands of lease months ("Months 1-12 ... 109-120") counted from the rent commencement: month
1 is the commencement's month when it falls on a 1st, else the first full calendar month (the
partial month before it belongs to the first band). The periods must follow one another
without gap or overlap; rent for a month is that of the period in force on the day the
installment is due.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from pactum.dates import add_months, month_end
from pactum.kinds.lease.schema import LeaseTerms, LeaseYear
from pactum.terms.values import Term


@dataclass(frozen=True)
class RentPeriod:
    """A lease year or band of lease months with its dates worked out."""

    year: LeaseYear
    start: date
    end: date
    end_term: Term[date] | Term[tuple[int, int]]  # what sets its end: a date or a band

    @property
    def id(self) -> str:
        return self.year.id


def due_date(sheet: LeaseTerms, month: date) -> date:
    """The installment's due day in `month` (day clamped to the month's last day)."""
    return month.replace(day=min(sheet.rent_due_day.value, month_end(month).day))


def first_lease_month(commencement: date) -> date:
    """The first day of lease month 1: the commencement on a 1st, else the next month's 1st."""
    return commencement if commencement.day == 1 else add_months(commencement.replace(day=1), 1)


def period_of(sheet: LeaseTerms, year: LeaseYear) -> RentPeriod | None:
    """The period's dates: as written, or from its band of months (None: neither known)."""
    if year.start is not None and year.end is not None:
        return RentPeriod(year, year.start.value, year.end.value, year.end)
    if year.months is not None and sheet.rent_commencement is not None:
        commencement = sheet.rent_commencement.value
        base = first_lease_month(commencement)
        first, last = year.months.value
        start = commencement if first == 1 else add_months(base, first - 1)
        return RentPeriod(year, start, add_months(base, last) - timedelta(days=1), year.months)
    return None


@dataclass(frozen=True)
class LeaseYears:
    periods: tuple[RentPeriod, ...]

    @classmethod
    def of(cls, sheet: LeaseTerms) -> LeaseYears:
        periods = [period_of(sheet, year) for year in sheet.lease_years]
        return cls(tuple(p for p in periods if p is not None))

    @property
    def start(self) -> date:
        return self.periods[0].start

    @property
    def end(self) -> date:
        return self.periods[-1].end

    def at(self, d: date) -> RentPeriod | None:
        """The period in force on `d`, None outside the term."""
        for period in self.periods:
            if period.start <= d <= period.end:
                return period
        return None

    def number_of(self, period: RentPeriod) -> int:
        return self._index(period) + 1

    def before(self, period: RentPeriod) -> RentPeriod | None:
        index = self._index(period)
        return self.periods[index - 1] if index else None

    def _index(self, period: RentPeriod) -> int:
        # the period is nearly always one of these very objects (from `at`): found by identity
        # it needs no comparison of the periods before it, each of which compares their lease
        # years' models field by field; an equal period from elsewhere is found by equality
        for index, candidate in enumerate(self.periods):
            if candidate is period:
                return index
        return self.periods.index(period)

    def contains_month(self, month: date) -> bool:
        """Whether any day of the month is within the term."""
        return month <= self.end and month_end(month) >= self.start

    def days_in(self, month: date) -> tuple[date, date] | None:
        """The first and last day of the term within the month beginning `month`, or None."""
        first, last = max(month, self.start), min(month_end(month), self.end)
        return (first, last) if first <= last else None

    def partial_ends(self) -> list[tuple[str, date]]:
        """('start', day) when the term starts after a month's first day, ('end', day) when it
        ends before a month's last: those months are partial and their rent is prorated."""
        found = []
        if self.start.day != 1:
            found.append(("start", self.start))
        if self.end != month_end(self.end):
            found.append(("end", self.end))
        return found

    def months(self) -> list[date]:
        """The first day of every month the term touches, in order."""
        found = []
        month = self.start.replace(day=1)
        while month <= self.end:
            found.append(month)
            month = add_months(month, 1)
        return found


def sequence_problems(periods: tuple[RentPeriod, ...]) -> list[tuple[int, str, str, str]]:
    """(index, field, found, expected) for each period that ends before it starts, or that
    overlaps or leaves a gap after the one before it."""
    problems: list[tuple[int, str, str, str]] = []
    for i, period in enumerate(periods):
        field = "months" if period.year.months is not None else "start"
        start, end = period.start, period.end
        if end < start:
            problems.append(
                (i, field, f"{period.id} ends {end} before it starts {start}", "end >= start")
            )
        if i == 0:
            continue
        before = periods[i - 1]
        follows = before.end + timedelta(days=1)
        if period.year.months is not None and before.year.months is not None:
            next_month = before.year.months.value[1] + 1
            first, last = period.year.months.value
            expected = (
                f"month bands in order, each starting the month after the last ends ({next_month})"
            )
            if first < next_month:
                problems.append(
                    (
                        i,
                        field,
                        f"months {first}-{last} overlap {before.id} ({'-'.join(map(str, before.year.months.value))})",
                        expected,
                    )
                )
            elif first > next_month:
                problems.append(
                    (
                        i,
                        field,
                        f"a gap: months {next_month}-{first - 1} are in no band before {period.id}",
                        expected,
                    )
                )
            continue
        expected = f"lease years in order, each starting the day after the last ends ({follows})"
        if start < follows:
            problems.append(
                (
                    i,
                    field,
                    f"{period.id} starting {start} overlaps {before.id} "
                    f"({before.start} to {before.end})",
                    expected,
                )
            )
        elif start > follows:
            problems.append(
                (
                    i,
                    field,
                    f"a gap from {follows} to {start - timedelta(days=1)} before {period.id}",
                    expected,
                )
            )
    return problems
