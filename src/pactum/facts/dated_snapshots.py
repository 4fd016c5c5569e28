"""collateral.csv and loans.csv: facts dated `as_of`, the latest on or before a date in force."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Protocol

from pactum.facts.table import read_rows, unique_by

LOAN_COLUMNS = ("revolver_outstanding", "letters_of_credit", "reserves")


@dataclass(frozen=True)
class Dated:
    """A fact and the date it was reported."""

    as_of: date
    amount: Decimal
    source: str = ""  # where it came from when not a row of the facts file itself


class InForce(Protocol):
    """Anything that answers which fact is in force: a facts file, or detail run through the
    collateral engine."""

    def in_force(self, name: str, on: date) -> Dated | None: ...


@dataclass(frozen=True)
class DatedFacts:
    """Series of dated amounts by name (an item, or a loans column)."""

    series: dict[str, list[Dated]] = field(default_factory=dict)

    def in_force(self, name: str, on: date) -> Dated | None:
        """The latest fact for `name` dated on or before `on`."""
        candidates = [d for d in self.series.get(name, []) if d.as_of <= on]
        return max(candidates, key=lambda d: d.as_of) if candidates else None

    def names(self) -> list[str]:
        return sorted(self.series)


def load_collateral(path: Path) -> DatedFacts:
    """`as_of,item,amount`; items `receivables_eligible`, `inventory_eligible`,
    `inventory_eligible:<class>`."""
    if not path.exists():
        return DatedFacts()
    keyed = []
    series: dict[str, list[Dated]] = {}
    for row in read_rows(path, ("as_of", "item", "amount")):
        as_of, item = row.date("as_of"), row.text("item")
        keyed.append((row, (as_of, item)))
        series.setdefault(item, []).append(Dated(as_of, row.money("amount")))
    unique_by(keyed, "as_of,item")
    return DatedFacts(series)


def load_loans_by_borrower(path: Path) -> dict[str, DatedFacts]:
    """loans.csv with an optional `borrower_id` column, for a lender's run over many
    borrowers: each borrower's loans by date ('' when the file names none)."""
    keyed = []
    series: dict[str, dict[str, list[Dated]]] = {}
    for row in read_rows(path, ("as_of", *LOAN_COLUMNS), ("borrower_id",)):
        borrower, as_of = (row.cells.get("borrower_id") or "").strip(), row.date("as_of")
        keyed.append((row, (borrower, as_of)))
        own = series.setdefault(borrower, {name: [] for name in LOAN_COLUMNS})
        for name in LOAN_COLUMNS:
            own[name].append(Dated(as_of, row.money(name)))
    unique_by(keyed, "borrower_id,as_of")
    return {borrower: DatedFacts(own) for borrower, own in series.items()}


def load_loans(path: Path) -> DatedFacts:
    """`as_of,revolver_outstanding,letters_of_credit,reserves`: one row per date."""
    if not path.exists():
        return DatedFacts()
    keyed = []
    series: dict[str, list[Dated]] = {name: [] for name in LOAN_COLUMNS}
    for row in read_rows(path, ("as_of", *LOAN_COLUMNS)):
        as_of = row.date("as_of")
        keyed.append((row, (as_of,)))
        for name in LOAN_COLUMNS:
            series[name].append(Dated(as_of, row.money(name)))
    unique_by(keyed, "as_of")
    return DatedFacts(series)
