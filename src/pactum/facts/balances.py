"""balances.csv: the outstanding balance of each agreement's loans, `date,agreement,outstanding`,
and an optional `facility` naming one loan of the agreement (a term loan beside its revolver;
empty: the agreement's main facility, which fees on usage read), and an optional `basis`: the
rate basis the row's loans bear at the borrower's choice (`libor`, `base_rate`: an interest
clause's `bases`). A facility's rows either all name a basis or none does; with bases, each
basis's rows are a ledger of their own (zero before its first row once the facility has one),
and the facility's balance on a day is the sum of its bases' (what fees on usage read).

A row gives the balance from its date on: it holds until the agreement's next row, as a loan
ledger's balance holds until the next draw or repayment. So a daily balance is read from the
latest row on or before the day, and a period's average of daily balances is the sum, over its
days, of the balance in force on each, divided by its days. A day before the agreement's first
row has no balance: the caller says so rather than reading it as zero.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from pactum.errors import InputError
from pactum.facts.table import Row, read_rows, unique_by
from pactum.money import money_str

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
class BasisRow:
    """A row naming a rate basis: which basis, and the row (for a message naming it)."""

    basis: str
    row: int


@dataclass(frozen=True)
class Balances:
    """balances.csv, by agreement and facility ("" for the agreement's main facility); a
    facility whose rows name bases also by basis, its own balances their sum."""

    by_agreement: dict[tuple[str, str], AgreementBalances]
    file: str = FILE_NAME
    by_basis: dict[tuple[str, str], dict[str, AgreementBalances]] = field(default_factory=dict)
    basis_rows: dict[tuple[str, str], tuple[BasisRow, ...]] = field(default_factory=dict)
    path: str = FILE_NAME  # the file as a message about one of its rows names it

    def of(self, agreement: str, facility: str = "") -> AgreementBalances:
        return self.by_agreement.get((agreement, facility), AgreementBalances())

    def of_basis(self, agreement: str, facility: str, basis: str) -> AgreementBalances:
        """The balances of the facility's loans at `basis`: none if no row names a basis;
        zero from the facility's first row until the basis's first row."""
        bases = self.by_basis.get((agreement, facility))
        if bases is None:
            return AgreementBalances()
        if basis in bases:
            return bases[basis]
        first = self.of(agreement, facility).rows[0].since
        return AgreementBalances((_zero_until_first(first, basis),))

    def bases_named(self, agreement: str, facility: str = "") -> tuple[BasisRow, ...]:
        """Each row of the facility that names a basis, in file order."""
        return self.basis_rows.get((agreement, facility), ())


def load_balances(folder: Path) -> Balances:
    """facts/balances.csv, if the portfolio has one; no file is no balances."""
    path = folder / FILE_NAME
    if not path.exists():
        return Balances({})
    keyed = []
    found: dict[tuple[str, str], list[Balance]] = {}
    by_basis: dict[tuple[str, str], dict[str, list[Balance]]] = {}
    basis_rows: dict[tuple[str, str], list[BasisRow]] = {}
    plain: dict[tuple[str, str], Row] = {}
    for row in read_rows(path, ("date", "agreement", "outstanding"), ("facility", "basis")):
        since, agreement = row.date("date"), row.text("agreement")
        facility = (row.cells.get("facility") or "").strip()
        basis = (row.cells.get("basis") or "").strip()
        outstanding = row.amount("outstanding")
        if outstanding < 0:
            raise InputError(
                [row.problem("outstanding", str(outstanding), "an amount of zero or more")]
            )
        key = (agreement, facility)
        keyed.append((row, (agreement, facility, basis, since)))
        balance = Balance(since, outstanding, row.number)
        if basis:
            by_basis.setdefault(key, {}).setdefault(basis, []).append(balance)
            basis_rows.setdefault(key, []).append(BasisRow(basis, row.number))
        else:
            plain.setdefault(key, row)
            found.setdefault(key, []).append(balance)
        if key in plain and key in basis_rows:
            _mixed(row, plain[key], basis_rows[key][0], facility)
    unique_by(keyed, "agreement,facility,basis,date")
    ledgers = {
        key: {basis: _ordered(rows) for basis, rows in bases.items()}
        for key, bases in by_basis.items()
    }
    totals = {key: AgreementBalances(_ordered(rows)) for key, rows in found.items()}
    totals |= {key: AgreementBalances(_summed(bases)) for key, bases in ledgers.items()}
    return Balances(
        totals,
        FILE_NAME,
        {
            key: {b: AgreementBalances(_from_first(r, totals[key], b)) for b, r in bases.items()}
            for key, bases in ledgers.items()
        },
        {key: tuple(rows) for key, rows in basis_rows.items()},
        str(path),
    )


def _ordered(rows: list[Balance]) -> tuple[Balance, ...]:
    return tuple(sorted(rows, key=lambda b: b.since))


def _from_first(
    rows: tuple[Balance, ...], facility: AgreementBalances, basis: str
) -> tuple[Balance, ...]:
    """A basis's rows, zero from the facility's first row until the basis's own first."""
    first = facility.rows[0].since
    if rows[0].since == first:
        return rows
    return (_zero_until_first(first, basis), *rows)


def _zero_until_first(first: date, basis: str) -> Balance:
    return Balance(first, Decimal(0), 0, f"0.00 from {first.isoformat()} (no {basis} row yet)")


def _summed(bases: dict[str, tuple[Balance, ...]]) -> tuple[Balance, ...]:
    """The facility's balance at each date a basis changes: the sum of every basis's balance in
    force (zero before a basis's first row), each naming the rows it adds up."""
    days = sorted({b.since for rows in bases.values() for b in rows})
    ledgers = {basis: AgreementBalances(rows) for basis, rows in bases.items()}
    summed = []
    for day in days:
        parts = [(basis, ledger.in_force(day)) for basis, ledger in sorted(ledgers.items())]
        held = [(basis, b) for basis, b in parts if b is not None]
        total = sum((b.outstanding for _, b in held), Decimal(0))
        what = " + ".join(f"{basis} {money_str(b.outstanding)} (row {b.row})" for basis, b in held)
        first_row = min(b.row for rows in bases.values() for b in rows if b.since == day)
        summed.append(
            Balance(day, total, first_row, f"{money_str(total)} from {day.isoformat()} = {what}")
        )
    return tuple(summed)


def _mixed(row: Row, plain: Row, named: BasisRow, facility: str) -> None:
    which = f"facility {facility!r}" if facility else "the main facility"
    raise InputError(
        [
            row.problem(
                "basis",
                f"rows of {row.cells.get('agreement', '').strip()}'s {which} with a basis (row "
                f"{named.row}) and without one (row {plain.number})",
                "a basis on every row of a facility, or on none",
            )
        ]
    )
