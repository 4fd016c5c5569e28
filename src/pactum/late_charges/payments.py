"""payments.csv: what was paid, `date,agreement,pays,amount`; `pays` is the id of the
obligation paid (`rent-2024-06`). Several rows may pay one obligation (a partial payment)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

from pactum.errors import InputError
from pactum.facts.table import read_rows

FILE_NAME = "payments.csv"


@dataclass(frozen=True)
class Payment:
    day: date
    agreement: str
    pays: str
    amount: Decimal
    row: int  # the row of payments.csv (the header is row 1)


@dataclass(frozen=True)
class Payments:
    rows: tuple[Payment, ...] = ()
    file: str = FILE_NAME
    present: bool = field(default=False)

    def of(self, agreement: str, pays: str) -> list[Payment]:
        """The payments of one obligation, by date."""
        return sorted(
            (p for p in self.rows if p.agreement == agreement and p.pays == pays),
            key=lambda p: (p.day, p.row),
        )


def load_payments(folder: Path) -> Payments:
    """facts/payments.csv, if the portfolio has one."""
    path = folder / FILE_NAME
    if not path.exists():
        return Payments()
    found = []
    for row in read_rows(path, ("date", "agreement", "pays", "amount"), ()):
        amount = row.amount("amount")
        if amount <= 0:
            raise InputError([row.problem("amount", str(amount), "an amount paid, more than 0")])
        found.append(
            Payment(row.date("date"), row.text("agreement"), row.text("pays"), amount, row.number)
        )
    return Payments(tuple(found), present=True)
