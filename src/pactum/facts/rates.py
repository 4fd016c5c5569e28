"""rates.csv: dated values of interest-rate indexes, `date,index,rate`.

A row gives the index's rate per annum, as a fraction (`0.0325` for 3.25%), from its date on: it
holds until the index's next row, as a published rate holds until the next publication (a
weekend or holiday keeps the last business day's rate). A day before an index's first row has
no rate: the caller refuses it, never reading it as zero. Rates may be negative (a negative
LIBOR or EURIBOR fixing), down to -100%.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from pactum.errors import InputError
from pactum.facts.table import read_rows, unique_by

FILE_NAME = "rates.csv"


@dataclass(frozen=True)
class IndexRate:
    """The rate of an index from `since` until its next row."""

    since: date
    rate: Decimal
    row: int  # the row of rates.csv (the header is row 1)


@dataclass(frozen=True)
class IndexRates:
    """One index's rates, by date."""

    rows: tuple[IndexRate, ...] = ()

    def in_force(self, on: date) -> IndexRate | None:
        """The latest row on or before `on`; None before the first."""
        index = bisect_right([r.since for r in self.rows], on)
        return self.rows[index - 1] if index else None


@dataclass(frozen=True)
class Rates:
    """rates.csv, by index name."""

    by_index: dict[str, IndexRates]
    file: str = FILE_NAME

    def of(self, index: str) -> IndexRates:
        return self.by_index.get(index, IndexRates())


def load_rates(folder: Path) -> Rates:
    """facts/rates.csv, if the portfolio has one; no file is no rates."""
    path = folder / FILE_NAME
    if not path.exists():
        return Rates({}, str(path))
    keyed = []
    found: dict[str, list[IndexRate]] = {}
    for row in read_rows(path, ("date", "index", "rate")):
        since, index = row.date("date"), row.text("index")
        rate = row.amount("rate")
        if not Decimal(-1) <= rate <= Decimal(1):
            raise InputError(
                [row.problem("rate", str(rate), "a rate per annum as a fraction, -1 to 1 (0.0325)")]
            )
        keyed.append((row, (index, since)))
        found.setdefault(index, []).append(IndexRate(since, rate, row.number))
    unique_by(keyed, "index,date")
    return Rates(
        {
            index: IndexRates(tuple(sorted(rows, key=lambda r: r.since)))
            for index, rows in found.items()
        },
        str(path),
    )
