"""The rent roll across every lease of a portfolio (`pactum rent PORTFOLIO --all`): a row a
month, a column a lease with its base rent due that month (the installment, prorated where
the term covers the month in part, less the abatement taken), and the month's total.

Each lease's months are its own roll's (`rent_roll`), with the defaults known at the as-of
date, so the figures are those `pactum rent PORTFOLIO AGREEMENT` shows line by line. A month
outside a lease's term is an empty cell, not zero: the lease owes nothing then because it does
not run, which a zero would hide. A clawed-back abatement is not base rent: it stays in that
lease's own roll.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from pactum.files.table_files import Cell, Column, Format, Table
from pactum.kinds.lease.allowances import draws_of
from pactum.kinds.lease.lease_facts import lease_facts
from pactum.kinds.lease.rent_roll import RollFacts, rent_roll
from pactum.kinds.lease.rent_roll_table import lease_sheet_on
from pactum.kinds.lease.tenant_default import default_periods
from pactum.money import ZERO
from pactum.portfolio import Agreement, Portfolio


def portfolio_rent_roll(
    portfolio: Portfolio,
    leases: list[Agreement],
    as_of: date,
    start: date | None,
    end: date | None,
) -> Table:
    """The months of [start, end] (every lease's whole term by default) in which any of
    `leases` has rent, each lease's base rent due and the total."""
    facts = lease_facts(portfolio.facts.of_type("lease"))
    due: dict[str, dict[date, Decimal]] = {}
    for lease in leases:
        sheet = lease_sheet_on(portfolio, lease, as_of)
        events = portfolio.facts.events.of(lease.id)
        defaults = default_periods(events, as_of)
        # the same roll as `pactum rent`: expense abatements reinstated, allowance credits
        expenses = RollFacts(facts.opex, lease.id, draws_of(events, as_of))
        roll = rent_roll(sheet, defaults, start, end, as_of, facts.indexes, expenses)
        due[lease.id] = {line.month: line.base_rent_due for line in roll}
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
        sources=[
            (
                lease.id,
                f"{lease.sheet.title}: base rent due (after abatements, prorated months) "
                f"with the defaults known at {as_of.isoformat()}",
            )
            for lease in leases
        ],
    )
