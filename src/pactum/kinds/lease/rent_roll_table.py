"""The rent roll as a table: each month's rent, abatement, rent due and why an abatement was
lost; the operating-expense estimate; straight-line rent and deferred rent; and, given a
discount rate, the lease liability before each month's payment."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from pactum.facts.opex import Opex
from pactum.files.table_files import Cell, Column, Format, Table
from pactum.format import source_text
from pactum.kinds.lease.accounting import liability_by_month, present_value, straight_line
from pactum.kinds.lease.opex import monthly_estimate
from pactum.kinds.lease.rent_roll import RentMonth, rent_roll
from pactum.kinds.lease.schema import LeaseTerms
from pactum.kinds.lease.tenant_default import default_periods
from pactum.money import ZERO, money_display
from pactum.portfolio import Agreement, Portfolio
from pactum.terms.values import Term

COLUMNS = (
    Column("month"),
    Column("due", Format.date),
    Column("lease_year"),
    Column("rate_per_sf", Format.number),
    Column("area_sf", Format.number),
    Column("annual_base_rent", Format.money),
    Column("base_rent", Format.money),
    Column("abatement", Format.money),
    Column("base_rent_due", Format.money),
    Column("abatement_lost"),
    Column("proportionate_share", Format.percent),
    Column("opex_estimate", Format.money),
    Column("straight_line_rent", Format.money),
    Column("deferred_rent_balance", Format.money),
)
LIABILITY = Column("lease_liability", Format.money)


def rent_roll_table(
    agreement_id: str,
    sheet: LeaseTerms,
    roll: list[RentMonth],
    scheduled: list[RentMonth],
    opex: Opex | None,
    discount_rate: Decimal | None = None,
) -> Table:
    """`roll` is the lines to show (a window of the term, with the defaults known); the
    accounting columns come from `scheduled`, the whole term's payments as signed."""
    accounting = {m.month: m for m in straight_line(scheduled)}
    liability = liability_by_month(scheduled, discount_rate) if discount_rate is not None else {}
    rows: list[tuple[Cell, ...]] = []
    for line in roll:
        year = opex.year(agreement_id, line.month.year) if opex else None
        sl = accounting.get(line.month)
        row: tuple[Cell, ...] = (
            f"{line.month:%Y-%m}",
            line.due,
            line.lease_year,
            line.rate,
            line.area,
            line.annual_rent,
            line.base_rent,
            line.abatement,
            line.base_rent_due,
            line.abatement_lost,
            line.share,
            monthly_estimate(sheet, year, line.month) if year else None,
            sl.straight_line if sl else None,
            sl.deferred_rent if sl else None,
        )
        if discount_rate is not None:
            row += (liability.get(line.month),)
        rows.append(row)
    total: tuple[Cell, ...] = ("total", None, None, None, None, None)
    for index in range(6, len(COLUMNS) + (1 if discount_rate is not None else 0)):
        summed = index in (6, 7, 8, 11, 12)  # the flows; balances and rates do not add up
        amounts = [cell for r in rows if isinstance(cell := r[index], Decimal)]
        total += (sum(amounts, ZERO) if summed and amounts else None,)
    return Table(
        title="Rent roll",
        columns=COLUMNS + ((LIABILITY,) if discount_rate is not None else ()),
        rows=rows,
        total=total,
        sources=_sources(sheet, discount_rate),
    )


def _text(term: Term[Any]) -> str:
    """A term's source as the sources table shows it (nothing for a plain term)."""
    ref = term.source_ref()
    return source_text(ref) if ref is not None else ""


def _sources(sheet: LeaseTerms, discount_rate: Decimal | None) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for space in sheet.spaces:
        found.append((f"{space.id} area {space.area.value} sf", _text(space.area) or ""))
    for year in sheet.lease_years:
        found.append(
            (
                f"{year.id} {year.start.value.isoformat()} to {year.end.value.isoformat()}",
                _text(year.end) or "",
            )
        )
        found.append((f"{year.id} rate {year.rate.value} per sf", _text(year.rate) or ""))
    found.append((f"rent due on day {sheet.rent_due_day.value}", _text(sheet.rent_due_day) or ""))
    for abatement in sheet.abatements:
        amount = _text(abatement.amount) if abatement.amount else "formula"
        found.append((f"abatement {abatement.month.value:%Y-%m}", amount or ""))
    found.append(
        (
            f"abatement condition: {sheet.abatement_condition.value}",
            _text(sheet.abatement_condition) or "",
        )
    )
    for step in sheet.proportionate_share:
        found.append(
            (
                f"share {step.share.value} from {step.start.value.isoformat()}",
                _text(step.share) or "",
            )
        )
    found.append(
        (
            "straight-line rent",
            "scheduled payments over the whole term (every abatement taken) / months, in cents; "
            "the last month takes the remainder",
        )
    )
    if discount_rate is not None:
        found.append(
            (
                f"lease liability at {discount_rate}",
                "present value of the payments due on or after each due date, discounted at "
                "rate / 12 a month, valued on that due date",
            )
        )
    return found


def lease_rent_roll(
    portfolio: Portfolio,
    lease: Agreement,
    as_of: date,
    start: date | None,
    end: date | None,
    discount_rate: Decimal | None,
) -> tuple[Table, str | None]:
    """The rent roll of `lease` for [start, end] with the defaults known at `as_of`, and a
    line stating the lease liability at `as_of` when a discount rate is given."""
    sheet = lease.clauses_of("lease")[0].terms_as(LeaseTerms)
    defaults = default_periods(portfolio.facts.events.of(lease.id), as_of)
    roll = rent_roll(sheet, defaults, start, end)
    scheduled = rent_roll(sheet, [])
    opex = portfolio.facts.of_type("lease")
    table = rent_roll_table(lease.id, sheet, roll, scheduled, opex, discount_rate)
    if discount_rate is None:
        return table, None
    pv = present_value(scheduled, as_of, discount_rate)
    if pv.valued_on is None:
        return table, f"Lease liability at {as_of.isoformat()}: no payments remain."
    return table, (
        f"Lease liability at {discount_rate} a year: {money_display(pv.present_value)}, the "
        f"present value on {pv.valued_on.isoformat()} of {pv.payments} remaining payments "
        f"totalling {money_display(pv.undiscounted)}."
    )
