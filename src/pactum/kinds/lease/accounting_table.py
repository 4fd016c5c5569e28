"""The lease accounting schedule as a table (`pactum rent --accounting`, the rent-roll
document): month by month the payment, the single lease cost, the liability's accretion, the
asset's amortisation, both balances after the month and any remeasurement, with a line stating
the figures at commencement and the sources of the terms used. A lease whose rent follows an
index has a `variable_lease_cost` column: the rent the published index adds beyond the rent
measured at commencement, a cost of its month outside both balances."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from pactum.dates import month_end
from pactum.files.table_files import Cell, Column, Format, Table
from pactum.format import source_text
from pactum.kinds.lease.accounting import AccountingSchedule
from pactum.kinds.lease.accounting_view import accounting_schedule, decisions
from pactum.kinds.lease.lease_facts import lease_facts
from pactum.kinds.lease.schema import LeaseAccounting, LeaseTerms
from pactum.money import ZERO, money_display, percent_str
from pactum.portfolio import Agreement, Portfolio
from pactum.terms.values import Term

COLUMNS = (
    Column("month"),
    Column("payment", Format.money),
    Column("lease_cost", Format.money),
    Column("variable_lease_cost", Format.money),
    Column("accretion", Format.money),
    Column("amortisation", Format.money),
    Column("lease_liability", Format.money),
    Column("right_of_use_asset", Format.money),
    Column("remeasurement", Format.money),
    Column("discount_rate", Format.percent),
    Column("note"),
)
# the flows, which add up over months; balances and rates do not
SUMMED = frozenset(
    {"payment", "lease_cost", "variable_lease_cost", "accretion", "amortisation", "remeasurement"}
)
ROUNDING = (
    "each amount in cents, rounded half-up when worked out; the last month takes the remainder"
)


def accounting_table(
    accounting: LeaseAccounting,
    schedule: AccountingSchedule,
    start: date | None = None,
    end: date | None = None,
    indexed: bool = False,
) -> Table:
    """The schedule's months that overlap [start, end] (all by default), with totals; the
    variable lease cost when the rent is `indexed`."""
    columns = tuple(c for c in COLUMNS if indexed or c.name != "variable_lease_cost")
    rows: list[tuple[Cell, ...]] = []
    for line in schedule.months:
        if (start is not None and month_end(line.month) < start) or (
            end is not None and line.month > end
        ):
            continue
        cells: dict[str, Cell] = {
            "month": f"{line.month:%Y-%m}",
            "payment": line.payment,
            "lease_cost": line.lease_cost,
            "variable_lease_cost": line.variable,
            "accretion": line.accretion,
            "amortisation": line.amortisation,
            "lease_liability": line.liability,
            "right_of_use_asset": line.asset,
            "remeasurement": line.remeasurement,
            "discount_rate": line.rate,
            "note": line.note,
        }
        rows.append(tuple(cells[c.name] for c in columns))
    total: list[Cell] = ["total"]
    for index, column in enumerate(columns[1:], start=1):
        amounts = [cell for r in rows if isinstance(cell := r[index], Decimal)]
        total.append(sum(amounts, ZERO) if column.name in SUMMED and amounts else None)
    return Table(
        title="Lease accounting (ASC 842 operating lease)",
        columns=columns,
        rows=rows,
        total=tuple(total),
        sources=sources(accounting, indexed),
    )


def _text(term: Term[Any] | None) -> str:
    ref = term.source_ref() if term is not None else None
    return source_text(ref) if ref is not None else ""


def sources(accounting: LeaseAccounting, indexed: bool = False) -> list[tuple[str, str]]:
    found = [(f"discount rate {accounting.discount_rate.value}", _text(accounting.discount_rate))]
    for name in ("initial_direct_costs", "prepaid_rent", "incentives"):
        term: Term[Decimal] | None = getattr(accounting, name)
        if term is not None:
            found.append((f"{name.replace('_', ' ')} {money_display(term.value)}", _text(term)))
    for renewal in accounting.renewals:
        certain = "" if renewal.reasonably_certain.value else "not "
        found.append(
            (
                f"option {renewal.option} {certain}reasonably certain at commencement",
                _text(renewal.reasonably_certain),
            )
        )
        found.append(
            (
                f"option {renewal.option} remeasurement rate {renewal.remeasurement_rate.value}",
                _text(renewal.remeasurement_rate),
            )
        )
    found.append(
        (
            "lease cost",
            "payments + prepaid rent + initial direct costs - incentives, "
            "straight-line over the term's months (ASC 842-20-25-6)",
        )
    )
    found.append(("amortisation", "lease cost - accretion (ASC 842-20-35-3(b))"))
    if indexed:
        found.append(
            (
                "indexed rent",
                "measured with the index at commencement, held for the term "
                "(ASC 842-10-30-5(b)); the published index's later changes are variable lease "
                "cost of their month (ASC 842-20-25-6(b))",
            )
        )
    found.append(
        (
            "remeasurement",
            "an option decided otherwise than assessed: the remaining "
            "payments at the revised rate (ASC 842-20-35-4, 35-5); the asset changes "
            "by the same amount; the remaining cost spread anew (ASC 842-20-25-8)",
        )
    )
    found.append(("rounding", ROUNDING))
    return found


def summary(accounting: LeaseAccounting, schedule: AccountingSchedule, rate: Decimal) -> str:
    """The figures at commencement, in a sentence."""
    parts = [
        f"+ initial direct costs {money_display(accounting.initial_direct_costs.value)}"
        if accounting.initial_direct_costs
        else "",
        f"+ prepaid rent {money_display(accounting.prepaid_rent.value)}"
        if accounting.prepaid_rent
        else "",
        f"- incentives {money_display(accounting.incentives.value)}"
        if accounting.incentives
        else "",
    ]
    added = " ".join(p for p in parts if p)
    remeasured = sum(1 for m in schedule.months if m.remeasurement is not None)
    timing = "in arrears" if schedule.in_arrears else "in advance"
    return (
        f"At commencement on {schedule.commencement.isoformat()}: lease liability "
        f"{money_display(schedule.liability)}, the present value of {schedule.payments} monthly "
        f"payments {timing} at {percent_str(rate)} a year; right-of-use asset "
        f"{money_display(schedule.asset)} = the liability {added}".rstrip()
        + f". Total lease cost {money_display(schedule.total_cost)}"
        + (f" after {remeasured} remeasurement(s)" if remeasured else "")
        + f"; {ROUNDING}."
    )


def lease_accounting(
    portfolio: Portfolio,
    lease: Agreement,
    as_of: date,
    start: date | None = None,
    end: date | None = None,
    accounting: LeaseAccounting | None = None,
) -> tuple[Table, str] | None:
    """The lease's accounting schedule with the options decided by `as_of`, and its summary
    line; `accounting` in place of the sheet's (None: the sheet's; neither: no schedule)."""
    sheet = lease.clauses_of("lease")[0].terms_as(LeaseTerms)
    accounting = accounting or sheet.accounting
    if accounting is None:
        return None
    indexes = lease_facts(portfolio.facts.of_type("lease")).indexes
    schedule = accounting_schedule(sheet, accounting, decisions(lease, portfolio, as_of), indexes)
    indexed = sheet.index_escalation is not None
    return (
        accounting_table(accounting, schedule, start, end, indexed),
        summary(accounting, schedule, accounting.discount_rate.value),
    )
