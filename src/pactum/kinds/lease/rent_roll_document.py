"""The rent roll as a printed schedule: the as-of month's figures (the lease's findings) and the
roll month by month over the whole term (`reports.rent_roll.lease_rent_roll`), with the sources
of the terms it uses."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from pactum.document import Document, Figure, Grid, Lines, from_value
from pactum.files.table_files import Cell, Format, Table
from pactum.findings import AgreementFindings, Unit
from pactum.kinds.lease.accounting_table import lease_accounting
from pactum.kinds.lease.rent_roll_table import SUMMED, lease_rent_roll
from pactum.kinds.lease.schema import LeaseTerms
from pactum.portfolio import Agreement, Portfolio

KIND = "rent-roll"
UNITS = {
    Format.money: Unit.money,
    Format.percent: Unit.percent,
    Format.number: Unit.number,
    Format.date: Unit.date,
    Format.text: Unit.text,
}


@dataclass(frozen=True)
class RentRollReport:
    company: str
    agreement_id: str
    agreement_title: str
    as_of: date
    month: tuple[Figure, ...]  # the as-of month's figures, as `pactum check` gives them
    roll: Table  # every month of the term, with a totals row
    # the lease accounting schedule and its figures at commencement, when the sheet has them
    accounting: tuple[Table, str] | None = None

    def document(self) -> Document:
        return Document(
            kind=KIND,
            title="Rent Roll",
            company=self.company,
            agreement_id=self.agreement_id,
            agreement_title=self.agreement_title,
            as_of=self.as_of,
            sections=(
                Lines(f"The month of {self.as_of:%B %Y}", self.month),
                grid(self.roll, "Rent roll, month by month"),
                *(
                    (grid(self.accounting[0], self.accounting[0].title, "accounting."),)
                    if self.accounting
                    else ()
                ),
            ),
            notes=(
                "Defaults and cures recorded up to the as-of date apply; later months are as "
                "scheduled. Straight-line rent spreads the term's scheduled payments evenly.",
                *partial_totals(self.roll),
                *((self.accounting[1],) if self.accounting else ()),
            ),
            sources=(
                *self.roll.sources,
                *(self.accounting[0].sources if self.accounting else ()),
            ),
            landscape=True,
        )


def rent_roll_report(
    portfolio: Portfolio, lease: Agreement, findings: AgreementFindings, as_of: date
) -> RentRollReport:
    table, _ = lease_rent_roll(portfolio, lease, as_of, None, None, None)
    sheet = lease.at(as_of).clauses_of("lease")[0].terms_as(LeaseTerms)
    table = with_period_labels(table, period_labels(sheet))
    accounting = lease_accounting(portfolio, lease, as_of)
    return RentRollReport(
        company=portfolio.config.company,
        agreement_id=lease.id,
        agreement_title=lease.sheet.title,
        as_of=as_of,
        month=tuple(from_value(v) for v in findings.values),
        roll=table,
        accounting=accounting,
    )


def grid(table: Table, title: str, prefix: str = "") -> Grid:
    """A table of typed columns as a document grid; the first column keys each row (after
    `prefix`, which keeps the figures of two grids of one document apart)."""

    def row(cells: tuple[Cell, ...]) -> tuple[Figure, ...]:
        key = prefix + str(cells[0])
        return tuple(
            Figure(
                f"{key}.{column.name}",
                column.name,
                Decimal(cell) if isinstance(cell, int) else cell,
                UNITS[column.format],
            )
            for cell, column in zip(cells, table.columns, strict=True)
        )

    return Grid(
        title,
        tuple(c.name.replace("_", " ") for c in table.columns),
        tuple(row(r) for r in table.rows),
        total=row(table.total) if table.total else None,
    )


def period_labels(sheet: LeaseTerms) -> dict[str, str]:
    """Each lease year's or band's words for a person ("Lease year 1", "Lease months 1-12"),
    by the id formulas use (`year_1`), which a signed document does not show."""
    labels: dict[str, str] = {}
    for number, year in enumerate(sheet.lease_years, start=1):
        if year.months is not None:
            first, last = year.months.value
            labels[year.id] = f"Lease months {first}-{last}"
        else:
            labels[year.id] = f"Lease year {number}"
    return labels


def with_period_labels(table: Table, labels: dict[str, str]) -> Table:
    """The roll with its lease-year column in words."""
    names = [c.name for c in table.columns]
    if "lease_year" not in names:
        return replace(table, sources=[(_labelled(t, labels), w) for t, w in table.sources])
    at = names.index("lease_year")

    def named(cell: Cell) -> Cell:
        return labels.get(cell, cell) if isinstance(cell, str) else cell

    rows = [(*r[:at], named(r[at]), *r[at + 1 :]) for r in table.rows]
    sources = [(_labelled(term, labels), why) for term, why in table.sources]
    return replace(table, rows=rows, sources=sources)


def _labelled(term: str, labels: dict[str, str]) -> str:
    """A source's term ("year_1 rate 3.59 per sf") with its lease year in words."""
    first, _, rest = term.partition(" ")
    return f"{labels[first]} {rest}".rstrip() if first in labels else term


def partial_totals(table: Table) -> tuple[str, ...]:
    """A note for each summed column whose figures stop before the roll does (an expense
    estimate known only for the years the facts give): its total covers those months only,
    said rather than left to look like the whole term's."""
    names = [c.name for c in table.columns]
    month_at = names.index("month") if "month" in names else 0
    notes: list[str] = []
    for index, name in enumerate(names):
        if name not in SUMMED:
            continue
        months = [str(r[month_at]) for r in table.rows if r[month_at] is not None]
        given = [str(r[month_at]) for r in table.rows if isinstance(r[index], Decimal)]
        if given and len(given) < len(months):
            notes.append(
                f"The {name.replace('_', ' ')} total covers {len(given)} of the {len(months)} "
                f"months, {given[0]} to {given[-1]}: no figures are known for the others "
                "(the facts give none), so the whole term's amount is not known."
            )
    return tuple(notes)
