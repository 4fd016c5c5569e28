"""The rent roll across every lease of a portfolio: `pactum rent PORTFOLIO --all` (a row a
month, a column a lease with its base rent due that month: the installment, prorated where the
term covers the month in part, less the abatement taken, and the month's total) and the
dashboard's page of it (a row a lease a month: its base rent, abatement, base rent due and
expense share, and each month's total).

Both read the same months, `lease_months`: each lease's own roll (`rent_roll`) with the
defaults known at the as-of date, so the figures are those `pactum rent PORTFOLIO AGREEMENT`
shows line by line. A month outside a lease's term is an empty cell, not zero: the lease owes
nothing then because it does not run, which a zero would hide. A clawed-back abatement is not
base rent: it stays in that lease's own roll.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from pactum.dates import month_end
from pactum.document import Document, Figure, Grid, Role
from pactum.files.table_files import Cell, Column, Format, Table
from pactum.findings import Unit
from pactum.kinds.lease.allowances import draws_of
from pactum.kinds.lease.lease_facts import lease_facts
from pactum.kinds.lease.rent_roll import RollFacts, rent_roll
from pactum.kinds.lease.rent_roll_table import expense_share, lease_sheet_on
from pactum.kinds.lease.space_rent import space_roll
from pactum.kinds.lease.tenant_default import default_periods
from pactum.money import ZERO
from pactum.portfolio import Agreement, Portfolio

KIND = "rent-roll"
PORTFOLIO_ID = "portfolio"  # a document across agreements names no one agreement


@dataclass(frozen=True)
class LeaseMonth:
    """One lease's month as its roll gives it."""

    agreement: str
    month: date  # the first day of the month
    base_rent: Decimal | None  # None: not known (a fair market rent not determined)
    abatement: Decimal
    base_rent_due: Decimal
    expenses: Decimal | None  # the expense share billed; None: the lease has none, or no facts

    @property
    def total_due(self) -> Decimal:
        return self.base_rent_due + (self.expenses or ZERO)


def lease_months(
    portfolio: Portfolio,
    leases: list[Agreement],
    as_of: date,
    start: date | None,
    end: date | None,
) -> dict[str, list[LeaseMonth]]:
    """Each lease's months of [start, end] (its whole term by default), by agreement id."""
    facts = lease_facts(portfolio.facts.of_type("lease"))
    found: dict[str, list[LeaseMonth]] = {}
    for lease in leases:
        sheet = lease_sheet_on(portfolio, lease, as_of)
        events = portfolio.facts.events.of(lease.id)
        defaults = default_periods(events, as_of)
        # the same roll as `pactum rent`: expense abatements reinstated, allowance credits
        expenses = RollFacts(facts.opex, lease.id, draws_of(events, as_of))
        roll = rent_roll(sheet, defaults, start, end, as_of, facts.indexes, expenses)
        # a space leased at a rent of its own counts in the lease's base rent, in the term
        # and in its months outside it (Integra's existing building before the commencement)
        months = [
            LeaseMonth(
                lease.id,
                line.month,
                None if line.unknown else line.base_rent + line.space_rent,
                line.abatement,
                line.payment,
                expense_share(lease.id, sheet, facts.opex, line),
            )
            for line in roll
        ]
        in_term = {m.month for m in rent_roll(sheet, [])}
        outside: dict[date, Decimal] = {}
        for space_line in space_roll(sheet, None):
            month = space_line.month
            if month in in_term or (start is not None and month_end(month) < start):
                continue
            if end is None or month <= end:
                outside[month] = outside.get(month, ZERO) + space_line.amount
        months += [
            LeaseMonth(lease.id, month, amount, ZERO, amount, None)
            for month, amount in outside.items()
        ]
        found[lease.id] = sorted(months, key=lambda m: m.month)
    return found


def _sources(leases: list[Agreement], as_of: date) -> list[tuple[str, str]]:
    return [
        (
            lease.id,
            f"{lease.sheet.title}: base rent due (after abatements, prorated months) "
            f"with the defaults known at {as_of.isoformat()}",
        )
        for lease in leases
    ]


def portfolio_rent_roll(
    portfolio: Portfolio,
    leases: list[Agreement],
    as_of: date,
    start: date | None,
    end: date | None,
) -> Table:
    """The months of [start, end] (every lease's whole term by default) in which any of
    `leases` has rent, each lease's base rent due and the total."""
    by_lease = lease_months(portfolio, leases, as_of, start, end)
    due = {lease: {m.month: m.base_rent_due for m in months} for lease, months in by_lease.items()}
    months = sorted({month for by_month in due.values() for month in by_month})
    rows: list[tuple[Cell, ...]] = []
    for month in months:
        amounts = [due[lease.id].get(month) for lease in leases]
        month_total = sum((a for a in amounts if a is not None), ZERO)
        rows.append((f"{month:%Y-%m}", *amounts, month_total))
    totals: list[Cell] = ["total"]
    totals += [sum(due[lease.id].values(), ZERO) for lease in leases]
    totals.append(sum((r[-1] for r in rows if isinstance(r[-1], Decimal)), ZERO))
    columns = (
        Column("month"),
        *(Column(lease.id, Format.money) for lease in leases),
        Column("total", Format.money),
    )
    return Table(
        title=f"Rent roll of {len(leases)} lease{'s' if len(leases) != 1 else ''}, base rent due",
        columns=columns,
        rows=rows,
        total=tuple(totals),
        sources=_sources(leases, as_of),
    )


# the page's columns: (heading, what of a lease's month); the month and the lease come first
AMOUNTS = ("base rent", "abatement", "base rent due", "expenses", "total due")


def _amounts(month: LeaseMonth) -> tuple[Decimal | None, ...]:
    return (month.base_rent, month.abatement, month.base_rent_due, month.expenses, month.total_due)


def _summed(rows: list[tuple[Decimal | None, ...]]) -> tuple[Decimal | None, ...]:
    """Each column's sum over `rows`; None for a column none of them has a figure in."""
    return tuple(
        sum((a for a in column if a is not None), ZERO)
        if any(a is not None for a in column)
        else None
        for column in zip(*rows, strict=True)
    )


def portfolio_rent_roll_document(
    portfolio: Portfolio,
    leases: list[Agreement],
    as_of: date,
    start: date | None,
    end: date | None,
) -> Document:
    """Every lease's months of [start, end]: a line a lease a month with its rent, abatement,
    rent due, expense share and total due, each month's total under its leases, and the
    window's total. Each lease's figures name their agreement (the dashboard links them to
    its page) and the lease's terms they come from."""
    by_lease = lease_months(portfolio, leases, as_of, start, end)
    titles = {lease.id: lease.sheet.title for lease in leases}
    months = sorted({m.month for found in by_lease.values() for m in found})
    rows: list[tuple[Figure, ...]] = []
    every: list[tuple[Decimal | None, ...]] = []
    for month in months:
        label = f"{month:%Y-%m}"
        of_month = [m for lease in leases for m in by_lease[lease.id] if m.month == month]
        for found in of_month:
            key = f"{label}.{found.agreement}"
            note = f"{titles[found.agreement]}: its rent roll, {label}"
            rows.append(
                (
                    Figure(f"{key}.month", "month", label, Unit.text),
                    Figure(
                        f"{key}.lease",
                        "lease",
                        found.agreement,
                        Unit.text,
                        note=note,
                        agreement=found.agreement,
                    ),
                    *(
                        Figure(f"{key}.{h}", h, a, note=note, agreement=found.agreement)
                        for h, a in zip(AMOUNTS, _amounts(found), strict=True)
                    ),
                )
            )
        sums = _summed([_amounts(m) for m in of_month])
        every.append(sums)
        rows.append(
            (
                Figure(f"{label}.total.month", "month", f"{label} total", Unit.text),
                Figure(f"{label}.total.lease", "lease", "", Unit.text),
                *(
                    Figure(f"{label}.total.{h}", h, a, role=Role.subtotal)
                    for h, a in zip(AMOUNTS, sums, strict=True)
                ),
            )
        )
    overall = _summed(every) if every else tuple(None for _ in AMOUNTS)
    total = (
        Figure("total.month", "month", "total", Unit.text),
        Figure("total.lease", "lease", "", Unit.text),
        *(
            Figure(f"total.{h}", h, a, role=Role.total)
            for h, a in zip(AMOUNTS, overall, strict=True)
        ),
    )
    window = f"{months[0]:%Y-%m} to {months[-1]:%Y-%m}" if months else "no month"
    count = f"{len(leases)} lease{'s' if len(leases) != 1 else ''}"
    return Document(
        kind=KIND,
        title="Rent Roll of Every Lease",
        company=portfolio.config.company,
        agreement_id=PORTFOLIO_ID,
        agreement_title=f"{portfolio.config.company}: {count}",
        as_of=as_of,
        sections=(
            Grid(
                f"Rent roll of {count}, {window}",
                ("month", "lease", *AMOUNTS),
                tuple(rows),
                total=total,
            ),
        ),
        notes=(
            "Each lease's months are its own rent roll's (pactum rent PORTFOLIO AGREEMENT), "
            "with the defaults and cures recorded up to the as-of date; later months are as "
            "scheduled. A lease is listed in the months of its term only. Expenses are the "
            "expense share billed that month (the estimates, less what of them abates); blank "
            "where the lease has none or the facts give no estimate.",
        ),
        sources=tuple(_sources(leases, as_of)),
        landscape=True,
    )
