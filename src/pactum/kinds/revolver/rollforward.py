"""`facts/rollforward.csv`: what a Borrowing Base Certificate reports beyond the collateral and
the loan balances, one row per certificate (its as-of date):

    as_of,number,dated,receivables_balance,sales,collections,credits,adjustments,advances,repayments,interest_and_fees

Only `as_of` is required; an empty cell is "not reported". `number` and `dated` are the
certificate's number and date (default: the as-of date); `sales`, `collections`, `credits` and
`adjustments` (signed) roll the receivables forward from the previous certificate's balance;
`receivables_balance` is the balance a certificate reported where no aging is in the facts for
its date (the aging's own total is used where there is one); `advances`, `repayments` and
`interest_and_fees` (charged to the loan account) roll the revolver's balance forward from
`loans.csv` on the previous certificate's date. The previous certificate is the row dated
before.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

from pactum.collateral.detail_facts import DetailFiles, find_detail
from pactum.facts.table import Row, read_rows, unique_by
from pactum.portfolio import loading_book

FILE = "rollforward.csv"
# amounts that cannot be negative; `adjustments` may be either
UNSIGNED = (
    "receivables_balance",
    "sales",
    "collections",
    "credits",
    "advances",
    "repayments",
    "interest_and_fees",
)
COLUMNS = ("number", "dated", *UNSIGNED, "adjustments")


@dataclass(frozen=True)
class RollforwardRow:
    as_of: date
    number: str
    dated: date | None
    amounts: dict[str, Decimal]  # the columns reported on this row
    source: str  # file and row, for the trace

    def amount(self, name: str) -> Decimal | None:
        return self.amounts.get(name)


@dataclass(frozen=True)
class Rollforward:
    rows: tuple[RollforwardRow, ...] = ()

    def on(self, day: date) -> RollforwardRow | None:
        return next((r for r in self.rows if r.as_of == day), None)

    def before(self, day: date) -> RollforwardRow | None:
        """The previous certificate's row: the latest dated before `day`."""
        earlier = [r for r in self.rows if r.as_of < day]
        return max(earlier, key=lambda r: r.as_of) if earlier else None


@dataclass(frozen=True)
class RevolverFacts(DetailFiles):
    """The revolver's own facts: the collateral detail files, and the certificates'
    roll-forward."""

    rollforward: Rollforward = field(default_factory=Rollforward)


def load_revolver_facts(folder: Path) -> RevolverFacts:
    detail = find_detail(folder)
    return RevolverFacts(
        receivables=detail.receivables,
        payables=detail.payables,
        inventory=detail.inventory,
        book=loading_book(),
        rollforward=load_rollforward(folder / FILE),
    )


def load_rollforward(path: Path) -> Rollforward:
    if not path.exists():
        return Rollforward()
    keyed: list[tuple[Row, tuple[object, ...]]] = []
    rows = []
    for row in read_rows(path, ("as_of",), COLUMNS):
        as_of = row.date("as_of")
        keyed.append((row, (as_of,)))
        amounts = {
            name: row.money(name) if name in UNSIGNED else row.amount(name)
            for name in (*UNSIGNED, "adjustments")
            if (row.cells.get(name) or "").strip()
        }
        dated = row.date("dated") if (row.cells.get("dated") or "").strip() else None
        number = (row.cells.get("number") or "").strip()
        rows.append(RollforwardRow(as_of, number, dated, amounts, f"{path.name}, row {row.number}"))
    unique_by(keyed, "as_of")
    return Rollforward(tuple(sorted(rows, key=lambda r: r.as_of)))
