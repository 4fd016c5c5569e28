"""Lease years: a period model of their own.

A lease year is not a calendar or fiscal year, need not be twelve months, and the first is
often a stub (Innotrac: "4/1/03 through the end of 1st Lease Year"). The years must follow one
another without gap or overlap; rent for a month is the rate of the lease year in force on the
day the installment is due.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from pactum.dates import add_months, month_end
from pactum.kinds.lease.schema import LeaseYear


@dataclass(frozen=True)
class LeaseYears:
    years: tuple[LeaseYear, ...]

    @classmethod
    def of(cls, years: Sequence[LeaseYear]) -> LeaseYears:
        return cls(tuple(years))

    @property
    def start(self) -> date:
        return self.years[0].start.value

    @property
    def end(self) -> date:
        return self.years[-1].end.value

    def at(self, d: date) -> LeaseYear | None:
        """The lease year in force on `d`, None outside the term."""
        for year in self.years:
            if year.start.value <= d <= year.end.value:
                return year
        return None

    def number_of(self, year: LeaseYear) -> int:
        return self.years.index(year) + 1

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


def sequence_problems(years: Sequence[LeaseYear]) -> list[tuple[int, str, str]]:
    """(index, found, expected) for each year that ends before it starts, or that overlaps or
    leaves a gap after the year before it."""
    problems: list[tuple[int, str, str]] = []
    for i, year in enumerate(years):
        start, end = year.start.value, year.end.value
        if end < start:
            problems.append((i, f"{year.id} ends {end} before it starts {start}", "end >= start"))
        if i == 0:
            continue
        before = years[i - 1]
        follows = before.end.value + timedelta(days=1)
        if start < follows:
            problems.append(
                (
                    i,
                    f"{year.id} starting {start} overlaps {before.id} "
                    f"({before.start.value} to {before.end.value})",
                    f"lease years in order, each starting the day after the last ends ({follows})",
                )
            )
        elif start > follows:
            problems.append(
                (
                    i,
                    f"a gap from {follows} to {start - timedelta(days=1)} before {year.id}",
                    f"lease years in order, each starting the day after the last ends ({follows})",
                )
            )
    return problems
