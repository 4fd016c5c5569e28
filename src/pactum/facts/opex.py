"""opex.csv: the building's operating expenses by calendar year, `year,estimated,actual`.

An optional `category` column splits a year: `operating` (the default), `controllable` (the
part of operating expenses a lease's cap applies to) and `taxes` (real estate taxes, which a
lease may share differently).

`estimated` is the budget the tenant's monthly estimates are billed on; `actual` is blank until
the year is closed. An optional `agreement` column keeps several leases' buildings apart (rows
without it apply to every lease). Years run without gaps: a missing year is an error, since
its reconciliation would silently vanish.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from pactum.errors import InputError
from pactum.facts.table import Row, read_rows, unique_by

CATEGORIES = ("operating", "controllable", "taxes")


@dataclass(frozen=True)
class OpexYear:
    year: int
    estimated: Decimal
    actual: Decimal | None
    agreement: str  # "" for every lease
    where: str  # opex.csv:row N
    category: str = "operating"


@dataclass(frozen=True)
class Opex:
    years: tuple[OpexYear, ...] = ()

    def year(self, agreement: str, year: int, category: str = "operating") -> OpexYear | None:
        rows = [
            y
            for y in self.years
            if y.year == year and y.agreement in (agreement, "") and y.category == category
        ]
        # a row for this agreement wins over a row for every lease
        return max(rows, key=lambda y: y.agreement != "") if rows else None

    def first_year(self, agreement: str, category: str) -> int | None:
        years = [
            y.year for y in self.years if y.category == category and y.agreement in (agreement, "")
        ]
        return min(years) if years else None

    def closed_years(self, agreement: str) -> list[OpexYear]:
        years = {y.year for y in self.years if y.category == "operating"}
        found = [self.year(agreement, year) for year in sorted(years)]
        return [y for y in found if y is not None and y.actual is not None]


def load_opex(folder: Path) -> Opex:
    path = folder / "opex.csv"
    if not path.exists():
        return Opex()
    rows: list[tuple[Row, OpexYear]] = []
    for row in read_rows(path, ("year", "estimated", "actual"), ("agreement", "category")):
        entry = OpexYear(
            year=row.integer("year"),
            estimated=row.amount("estimated"),
            actual=row.optional_amount("actual"),
            agreement=(row.cells.get("agreement") or "").strip(),
            where=f"{path.name}:row {row.number}",
            category=row.choice("category", CATEGORIES, "operating"),
        )
        for name in ("estimated", "actual"):
            amount = getattr(entry, name)
            if amount is not None and amount < 0:
                raise InputError([row.problem(name, str(amount), "an amount of zero or more")])
        rows.append((row, entry))
    unique_by(
        [(row, (e.agreement, e.category, e.year)) for row, e in rows], "agreement,category,year"
    )
    _no_gaps(rows)
    return Opex(tuple(e for _, e in rows))


def _no_gaps(rows: list[tuple[Row, OpexYear]]) -> None:
    """Each agreement's years follow one another; the row after a gap is named."""
    last: dict[str, int] = {}  # by agreement and category
    for row, entry in sorted(rows, key=lambda r: (r[1].agreement, r[1].category, r[1].year)):
        key = f"{entry.agreement},{entry.category}"
        before = last.get(key)
        if before is not None and entry.year != before + 1:
            raise InputError(
                [
                    row.problem(
                        "year",
                        f"{entry.year} after {before} (no row for {before + 1})",
                        "one row for every year, without gaps",
                    )
                ]
            )
        last[key] = entry.year
