"""balances.csv: the outstanding balance of each agreement's loans, `date,agreement,outstanding`,
and an optional `facility` naming one loan of the agreement (a term loan beside its revolver;
empty: the agreement's main facility, which fees on usage read).

A row gives the balance from its date on: it holds until the agreement's next row, as a loan
ledger's balance holds until the next draw or repayment. So a daily balance is read from the
latest row on or before the day, and a period's average of daily balances is the sum, over its
days, of the balance in force on each, divided by its days. A day before the agreement's first
row has no balance: the caller says so rather than reading it as zero.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from pactum.errors import InputError
from pactum.facts.table import read_rows, unique_by

FILE_NAME = "balances.csv"


@dataclass(frozen=True)
class Balance:
    """The outstanding balance from `since` until the next row of the agreement."""

    since: date
    outstanding: Decimal
    row: int  # the row of balances.csv (the header is row 1); 0: not from the file
    what: str = ""  # where a balance not read from the file comes from, for the trace


@dataclass(frozen=True)
class DailySum:
    """The sum of the daily balances of a period and the rows it read."""

    total: Decimal  # the sum over the period's days of the balance in force on each
    days: int
    rows: tuple[Balance, ...]  # the row in force on the first day, then each later one in it

    @property
    def average(self) -> Decimal:
        """The average daily balance (exact to Decimal's precision; shown, not computed on)."""
        return self.total / self.days


@dataclass(frozen=True)
class AgreementBalances:
    """One agreement's balances, by date."""

    rows: tuple[Balance, ...] = ()

    def in_force(self, on: date) -> Balance | None:
        """The latest row on or before `on`."""
        index = bisect_right([b.since for b in self.rows], on)
        return self.rows[index - 1] if index else None

    def daily_sum(self, first: date, last: date) -> DailySum | None:
        """The daily balances from `first` to `last` (both days included) added up; None when
        no row is in force on `first`."""
        opening = self.in_force(first)
        if opening is None:
            return None
        changes = [b for b in self.rows if first < b.since <= last]
        total = Decimal(0)
        current, since = opening, first
        for change in changes:
            total += current.outstanding * (change.since - since).days
            current, since = change, change.since
        total += current.outstanding * ((last + timedelta(days=1)) - since).days
        return DailySum(total, (last - first).days + 1, (opening, *changes))


@dataclass(frozen=True)
class Balances:
    """balances.csv, by agreement and facility ("" for the agreement's main facility)."""

    by_agreement: dict[tuple[str, str], AgreementBalances]
    file: str = FILE_NAME

    def of(self, agreement: str, facility: str = "") -> AgreementBalances:
        return self.by_agreement.get((agreement, facility), AgreementBalances())


def load_balances(folder: Path) -> Balances:
    """facts/balances.csv, if the portfolio has one; no file is no balances."""
    path = folder / FILE_NAME
    if not path.exists():
        return Balances({})
    keyed = []
    found: dict[tuple[str, str], list[Balance]] = {}
    for row in read_rows(path, ("date", "agreement", "outstanding"), ("facility",)):
        since, agreement = row.date("date"), row.text("agreement")
        facility = (row.cells.get("facility") or "").strip()
        outstanding = row.amount("outstanding")
        if outstanding < 0:
            raise InputError(
                [row.problem("outstanding", str(outstanding), "an amount of zero or more")]
            )
        keyed.append((row, (agreement, facility, since)))
        found.setdefault((agreement, facility), []).append(Balance(since, outstanding, row.number))
    unique_by(keyed, "agreement,facility,date")
    return Balances(
        {
            key: AgreementBalances(tuple(sorted(rows, key=lambda b: b.since)))
            for key, rows in found.items()
        }
    )
