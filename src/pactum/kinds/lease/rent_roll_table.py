"""The rent roll as a table: each month's rent, abatement, rent due and why an abatement was
lost; the operating-expense estimate; straight-line rent and deferred rent; and, given a
discount rate, the lease liability before each month's payment. A lease without abatements has
no abatement columns; one without a proportionate share, no share or operating-expense columns."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

from pactum.clauses.api import ClauseContext, RollColumn, registered
from pactum.dates import month_end
from pactum.facts.index_series import IndexSeries
from pactum.facts.opex import Opex
from pactum.files.table_files import Cell, Column, Format, Table
from pactum.format import source_text
from pactum.kinds.lease.accounting import (
    at_commencement,
    liability_by_month,
    present_value,
    straight_line,
    variable_cost,
)
from pactum.kinds.lease.allowances import draws_of
from pactum.kinds.lease.expenses import month_share, pool_estimate, pool_year
from pactum.kinds.lease.lease_facts import lease_facts
from pactum.kinds.lease.lease_years import LeaseYears
from pactum.kinds.lease.obligations import rent_words
from pactum.kinds.lease.opex import monthly_estimate
from pactum.kinds.lease.premises import remeasured_in_force
from pactum.kinds.lease.renewals import lease_on
from pactum.kinds.lease.rent_roll import Clawback, RentMonth, RollFacts, covered, rent_roll
from pactum.kinds.lease.schema import LeaseTerms
from pactum.kinds.lease.space_rent import SpaceRentMonth, space_roll, until_words
from pactum.kinds.lease.tenant_default import default_periods
from pactum.money import ZERO, money_display
from pactum.portfolio import Agreement, Portfolio
from pactum.terms.named_dates import with_dates_on
from pactum.terms.values import Term

COLUMNS = (
    Column("month"),
    Column("due", Format.date),
    Column("lease_year"),
    Column("rate_per_sf", Format.number),
    Column("area_sf", Format.number),
    Column("area_note", optional_on_screen=True),
    Column("annual_base_rent", Format.money),
    Column("index_current", Format.number, optional_on_screen=True),
    Column("index_beginning", Format.number, optional_on_screen=True),
    Column("escalation", Format.percent),
    Column("escalation_note", optional_on_screen=True),
    Column("base_rent", Format.money),
    Column("abatement", Format.money),
    Column("base_rent_due", Format.money),
    Column("space_rent", Format.money),
    Column("space_note", optional_on_screen=True),
    Column("abatement_lost"),
    Column("abated_by"),
    Column("clawback", Format.money),
    Column("allowance_credit", Format.money),
    Column("allowance_repayment", Format.money),
    Column("allowance_note", optional_on_screen=True),
    Column("expense_abatement", Format.money),
    Column("expenses_due", Format.money),
    Column("proportionate_share", Format.percent, optional_on_screen=True),
    Column("opex_estimate", Format.money),
    Column("straight_line_rent", Format.money, optional_on_screen=True),
    Column("deferred_rent_balance", Format.money, optional_on_screen=True),
    Column("variable_lease_cost", Format.money, optional_on_screen=True),
)
LIABILITY = Column("lease_liability", Format.money, optional_on_screen=True)
# the flows, which add up over months; balances and rates do not
SUMMED = frozenset(
    {
        "base_rent",
        "abatement",
        "base_rent_due",
        "space_rent",
        "clawback",
        "expense_abatement",
        "expenses_due",
        "allowance_credit",
        "allowance_repayment",
        "opex_estimate",
        "straight_line_rent",
        "variable_lease_cost",
        *(
            f"{pool}_{part}"
            for pool in ("operating", "taxes")
            for part in ("estimate", "charge", "reconciliation")
        ),
    }
)
# columns of a part the lease may not have: left out of a roll whose lease lacks it
ABATEMENT_COLUMNS = frozenset({"abatement", "abatement_lost", "abated_by"})
# a lease whose abatement is clawed back on a default has the clawback and its interest
CLAWBACK_COLUMNS = frozenset({"clawback"})
# a lease with an abatement of the expense pools: what of the estimates abates, and what is due
EXPENSE_ABATEMENT_COLUMNS = frozenset({"expense_abatement", "expenses_due"})
# a lease with allowances: an unused one credited, one repaid as additional rent
ALLOWANCE_COLUMNS = frozenset({"allowance_credit", "allowance_repayment", "allowance_note"})
SHARE_COLUMNS = frozenset({"proportionate_share", "opex_estimate"})
# a lease with a space leased at a rent of its own, beside the lease years'
SPACE_COLUMNS = frozenset({"space_rent", "space_note"})
ESCALATION_COLUMNS = frozenset(
    {"index_current", "index_beginning", "escalation", "escalation_note"}
)


def _pool_columns(sheet: LeaseTerms) -> tuple[Column, ...]:
    """Each expense pool's month: its share, its estimate, and in January the balance of the
    year before's reconciliation (when it is closed)."""
    return tuple(
        Column(f"{pool.pool}_{part}", form, optional_on_screen=optional)
        for pool in sheet.expenses
        # the share and the year's charge are secondary on a narrow screen: the estimate is
        # the month's payment and the reconciliation the year's balance owed
        for part, form, optional in (
            ("share", Format.percent, True),
            ("estimate", Format.money, False),
            ("charge", Format.money, True),
            ("reconciliation", Format.money, False),
        )
    )


def columns_of(sheet: LeaseTerms, discount_rate: Decimal | None) -> tuple[Column, ...]:
    """The roll's columns: those of the parts the lease has, and the liability when asked."""
    clawed = sheet.abatement_on_default and sheet.abatement_on_default.value == "clawed_back"
    absent = (
        (ABATEMENT_COLUMNS if not sheet.abatements else frozenset())
        | (
            SHARE_COLUMNS
            if not sheet.proportionate_share and sheet.share_of_areas is None
            else frozenset()
        )
        | (CLAWBACK_COLUMNS if not clawed else frozenset())
        | (
            ESCALATION_COLUMNS
            if sheet.index_escalation is None
            and not any(y.fair_market is not None for y in sheet.lease_years)
            else frozenset()
        )
        | (frozenset({"variable_lease_cost"}) if sheet.index_escalation is None else frozenset())
        | (ALLOWANCE_COLUMNS if not sheet.allowances else frozenset())
        | (frozenset({"area_note"}) if not any(s.remeasured for s in sheet.spaces) else frozenset())
        | (SPACE_COLUMNS if not any(s.own_rent is not None for s in sheet.spaces) else frozenset())
        | (
            EXPENSE_ABATEMENT_COLUMNS
            if not any(covered(sheet, a)[1] for a in sheet.abatements)
            else frozenset()
        )
    )
    kept = tuple(c for c in COLUMNS if c.name not in absent)
    if sheet.expenses:  # the pools' columns replace the single operating-expense estimate
        at = next(i for i, c in enumerate(kept) if c.name == "straight_line_rent")
        kept = (
            tuple(c for c in kept[:at] if c.name != "opex_estimate")
            + _pool_columns(sheet)
            + kept[at:]
        )
    return kept + ((LIABILITY,) if discount_rate is not None else ())


def rent_roll_table(
    agreement_id: str,
    sheet: LeaseTerms,
    roll: list[RentMonth],
    scheduled: list[RentMonth],
    opex: Opex | None,
    discount_rate: Decimal | None = None,
    paid: list[RentMonth] | None = None,
    window: tuple[date | None, date | None] = (None, None),
) -> Table:
    """`roll` is the lines to show (a window of the term, with the defaults known); straight-line
    rent comes from `scheduled`, the whole term's payments as signed, and the deferred-rent
    balance from the payments of `paid` (the whole term with the defaults known), both measured
    with the index at commencement; the rent `roll` shows beyond `paid` is variable lease
    cost. A space with its own rent adds its rent to each month, and rows of its own for its
    months outside the lease years' term (within `window`)."""
    years = LeaseYears.of(sheet)
    spaces = space_roll(sheet, years.end if years.periods else None)
    notes = _space_notes(spaces)
    accounting = {m.month: m for m in straight_line(scheduled, paid)}
    variable = variable_cost(roll, paid if paid is not None else scheduled)
    liability = liability_by_month(scheduled, discount_rate) if discount_rate is not None else {}
    columns = columns_of(sheet, discount_rate)
    rows: list[tuple[Cell, ...]] = []
    for line in roll:
        sl = accounting.get(line.month)
        found = line.escalation
        cells: dict[str, Cell] = {
            "index_current": found.current.value if found and found.current else None,
            "index_beginning": found.beginning.value if found and found.beginning else None,
            "escalation": found.applied if found else None,
            "escalation_note": found.describe() if found else line.unknown,
            "month": f"{line.month:%Y-%m}",
            "due": line.due,
            "lease_year": line.lease_year,
            "rate_per_sf": line.rate,
            "area_sf": line.area,
            "area_note": line.remeasured or remeasured_in_force(sheet, line.month),
            "annual_base_rent": line.annual_rent,
            # a rent not known (a fair market rent not determined) is blank, never a zero
            "base_rent": None if line.unknown else line.base_rent,
            "abatement": line.abatement,
            "base_rent_due": None if line.unknown else line.base_rent_due,
            "space_rent": line.space_rent if line.month in notes else None,
            "space_note": notes.get(line.month, ""),
            "abatement_lost": line.abatement_lost,
            "proportionate_share": line.share,
            "opex_estimate": opex_estimate(agreement_id, sheet, opex, line.month),
            "straight_line_rent": sl.straight_line if sl else None,
            "deferred_rent_balance": sl.deferred_rent if sl else None,
            "variable_lease_cost": variable.get(line.month),
            "lease_liability": liability.get(line.month),
            "abated_by": line.abated_by.shown(),
            "clawback": None,
            "allowance_credit": line.allowance_credit,
            "allowance_repayment": line.allowance_repayment,
            "allowance_note": line.allowance_note.shown(),
            "expense_abatement": line.expense_abatement if line.expenses else None,
            "expenses_due": line.expenses_due if line.expenses else None,
        }
        if opex is not None:
            cells.update(_pool_cells(agreement_id, sheet, opex, line.month))
        rows.append(tuple(cells[c.name] for c in columns))
        if line.clawback is not None:
            rows += _clawback_rows(line.clawback, columns)
    rows = _outside_term_rows(spaces, notes, years, window, columns, rows)
    total: list[Cell] = ["total"]
    for index, column in enumerate(columns[1:], start=1):
        amounts = [cell for r in rows if isinstance(cell := r[index], Decimal)]
        total.append(sum(amounts, ZERO) if column.name in SUMMED and amounts else None)
    return Table(
        title="Rent roll",
        columns=columns,
        rows=rows,
        total=tuple(total),
        sources=_sources(sheet, discount_rate),
    )


def _space_notes(spaces: list[SpaceRentMonth]) -> dict[date, str]:
    """Each month's spaces with their own rent: name, amount and how, rate, area and end."""
    found: dict[date, list[str]] = {}
    for line in spaces:
        space = line.space
        rent = (
            f"{space.rate.value} per sf a year x {space.area.value:,} sf"
            if space.rate is not None
            else f"{money_display(line.installment)} a month"
        )
        how = f"{space.title or space.id}: {rent}, until {until_words(space)}"
        if line.prorated:
            how += f"; {line.days} of {line.month_days} days: {line.proration}"
        found.setdefault(line.month, []).append(how)
    return {month: "; ".join(parts) for month, parts in found.items()}


def _outside_term_rows(
    spaces: list[SpaceRentMonth],
    notes: dict[date, str],
    years: LeaseYears,
    window: tuple[date | None, date | None],
    columns: tuple[Column, ...],
    rows: list[tuple[Cell, ...]],
) -> list[tuple[Cell, ...]]:
    """The term's rows with, before and after them, a row for each month a space with its own
    rent is leased outside the lease years' term (its rent only), within the window."""
    first, last = window
    before: list[tuple[Cell, ...]] = []
    after: list[tuple[Cell, ...]] = []
    seen: set[date] = set()
    for line in spaces:
        month = line.month
        in_term = years.periods and years.contains_month(month)
        if in_term or month in seen:
            continue
        if (first is not None and month_end(month) < first) or (last is not None and month > last):
            continue
        seen.add(month)
        amount = sum((s.amount for s in spaces if s.month == month), ZERO)
        cells: dict[str, Cell] = {
            "month": f"{month:%Y-%m}",
            "due": line.due,
            "lease_year": "outside the lease years",
            "space_rent": amount,
            "space_note": notes.get(month, ""),
        }
        row = tuple(cells.get(c.name) for c in columns)
        (before if years.periods and month < years.start else after).append(row)
    return [*before, *rows, *after]


def opex_estimate(
    agreement_id: str, sheet: LeaseTerms, opex: Opex | None, month: date
) -> Decimal | None:
    """The month's operating-expense estimate at the share in force (a lease without pools);
    None when the facts give no estimate for the month's year."""
    year = opex.year(agreement_id, month.year) if opex else None
    return monthly_estimate(sheet, year, month) if year else None


def expense_share(
    agreement_id: str, sheet: LeaseTerms, opex: Opex | None, line: RentMonth
) -> Decimal | None:
    """The tenant's expense share the month bills, as the roll's columns give it: the pools'
    estimates less what of them abates, or for a lease without pools its operating-expense
    estimate at its proportionate share; None when the lease has no share or the facts give
    no estimate for the month."""
    if sheet.expenses:
        return line.expenses_due if line.expenses else None
    if not sheet.proportionate_share:
        return None
    return opex_estimate(agreement_id, sheet, opex, line.month)


def _pool_cells(agreement_id: str, sheet: LeaseTerms, opex: Opex, month: date) -> dict[str, Cell]:
    cells: dict[str, Cell] = {}
    for pool in sheet.expenses:
        closed = (
            pool_year(opex, agreement_id, sheet, pool, month.year - 1) if month.month == 1 else None
        )
        cells[f"{pool.pool}_share"] = month_share(sheet, pool, month)
        cells[f"{pool.pool}_estimate"] = pool_estimate(opex, agreement_id, sheet, pool, month)
        cells[f"{pool.pool}_charge"] = closed.charge if closed else None
        cells[f"{pool.pool}_reconciliation"] = closed.balance if closed else None
    return cells


def _clawback_rows(clawback: Clawback, columns: tuple[Column, ...]) -> list[tuple[Cell, ...]]:
    """The clawback and its interest, each a line of its own after its month's."""
    rows = []
    for what, amount, how in (
        ("clawback", clawback.amount, clawback.formula),
        ("clawback interest", clawback.interest, clawback.interest_formula),
    ):
        cells: dict[str, Cell] = {
            "month": f"{clawback.default.start:%Y-%m} {what}",
            "due": clawback.default.start,
            "clawback": amount,
            "abated_by": how,
        }
        rows.append(tuple(cells.get(c.name) for c in columns))
    return rows


def with_columns_beside(table: Table, portfolio: Portfolio, lease: Agreement, as_of: date) -> Table:
    """The roll with the columns the agreement's other clauses set beside it (a deposit's
    balance, late charges), each cell on the first row of its due date; a row of a clawback
    or of a month outside the roll's days has none."""
    names = [c.name for c in table.columns]
    month_at, due_at = names.index("month"), names.index("due")

    def day_of(row: tuple[Cell, ...]) -> date | None:
        month, due = row[month_at], row[due_at]
        monthly = isinstance(month, str) and re.fullmatch(r"\d{4}-\d{2}", month) is not None
        return due if monthly and isinstance(due, date) else None

    days = sorted({d for r in table.rows if (d := day_of(r)) is not None})
    beside: list[RollColumn] = []
    for clause in lease.clauses:
        if clause.type == "lease":
            continue
        ctx: ClauseContext[Any] = ClauseContext(lease, clause, clause.terms, portfolio, as_of)
        beside += registered(clause.type).beside_roll(ctx, days)
    if not beside:
        return table
    seen: set[date] = set()
    rows: list[tuple[Cell, ...]] = []
    for row in table.rows:
        day = day_of(row)
        first = day is not None and day not in seen
        if day is not None:
            seen.add(day)
        rows.append(row + tuple(c.by_day.get(day) if first and day else None for c in beside))
    total = table.total
    if total is not None:
        total = total + tuple(
            sum((v for v in c.by_day.values()), ZERO) if c.summed and c.by_day else None
            for c in beside
        )
    return replace(
        table,
        columns=table.columns
        + tuple(Column(c.name, Format.money, optional_on_screen=not c.summed) for c in beside),
        rows=rows,
        total=total,
        sources=[*table.sources, *((c.name, c.note) for c in beside)],
    )


def _text(term: Term[Any]) -> str:
    """A term's source as the sources table shows it (nothing for a plain term)."""
    ref = term.source_ref()
    return source_text(ref) if ref is not None else ""


def _sources(sheet: LeaseTerms, discount_rate: Decimal | None) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for space in sheet.spaces:
        found.append((f"{space.id} area {space.area.value} sf", _text(space.area) or ""))
        for remeasured in space.remeasured:
            found.append(
                (
                    f"{space.id} remeasured from {remeasured.start_from.value.isoformat()}: "
                    f"{remeasured.area.value} sf",
                    _text(remeasured.area) or "",
                )
            )
        if space.own_rent is not None:
            own = (
                f"{space.rate.value} per sf a year"
                if space.rate is not None
                else f"{money_display(space.own_rent.value)} a month"
            )
            found.append((f"{space.id} its own rent, {own}", _text(space.own_rent) or ""))
        if space.until is not None:
            found.append((f"{space.id} leased until {until_words(space)}", _text(space.until)))
    for period in LeaseYears.of(sheet).periods:
        found.append(
            (
                f"{period.id} {period.start.isoformat()} to {period.end.isoformat()}",
                _text(period.end_term) or "",
            )
        )
        rent = period.year.rent_term()
        if period.year.rate is not None:
            found.append(
                (f"{period.id} rate {period.year.rate.value} per sf", _text(period.year.rate) or "")
            )
        elif rent is not None:
            found.append((f"{period.id} rent {rent_words(period.year)}", _text(rent) or ""))
    found.append((f"rent due on day {sheet.rent_due_day.value}", _text(sheet.rent_due_day) or ""))
    if sheet.rent_paid.value == "in_arrears":
        found.append(
            ("rent paid in arrears, on that day of the month after", _text(sheet.rent_paid) or "")
        )
    if sheet.proration is not None:
        found.append(
            (
                f"a partial month prorated: {sheet.proration.value}, half-up to the cent",
                _text(sheet.proration) or "",
            )
        )
    if sheet.index_escalation is not None:
        terms = sheet.index_escalation
        base = terms.base_period.value if terms.base_period else ""
        shown = f"{base:%Y-%m}" if isinstance(base, date) else base
        bounds = ", ".join(
            f"{name} {t.value}" for name, t in (("cap", terms.cap), ("floor", terms.floor)) if t
        )
        found.append(
            (
                f"index escalation: {terms.series.value}, {terms.lag_months.value} months before "
                f"each indexed period, against {shown}{', ' + bounds if bounds else ''}; the new "
                f"{sheet.increase_on.value} rent half-up to the cent, the change unrounded",
                (_text(terms.cap) if terms.cap else _text(terms.series)) or "",
            )
        )
    for abatement in sheet.abatements:
        if abatement.month is not None and not abatement.id:
            amount = _text(abatement.amount) if abatement.amount else "formula"
            found.append((f"abatement {abatement.month.value:%Y-%m}", amount or ""))
            continue
        span = abatement.period_term()
        what = abatement.amount or abatement.area or abatement.rate
        texts = [t for t in (_text(span) if span else "", _text(what) if what else "") if t]
        found.append((abatement.name(), " / ".join(texts) or "formula"))
    if sheet.abatements:
        found.append(
            (
                f"abatement condition: {sheet.abatement_condition.value}",
                _text(sheet.abatement_condition) or "",
            )
        )
    if sheet.abatement_on_default is not None:
        found.append(
            (
                f"abatement on a default: {sheet.abatement_on_default.value}",
                _text(sheet.abatement_on_default) or "",
            )
        )
    if sheet.clawback_interest_rate is not None:
        found.append(
            (
                f"clawback interest at {sheet.clawback_interest_rate.value} a year, actual/365",
                _text(sheet.clawback_interest_rate) or "",
            )
        )
    for pool in sheet.expenses:
        over: Term[Any] | None = pool.base_year or pool.base_amount or pool.stop_per_sf
        kind = (
            "base_year" if pool.base_year else "base_amount" if pool.base_amount else "stop_per_sf"
        )
        found.append(
            (
                f"{pool.pool} expenses: share "
                + (str(pool.share.value) if pool.share else "the proportionate share")
                + (f", over {kind} {over.value}" if over else ", all of them")
                + (
                    f", controllable capped at {pool.controllable_cap.rate.value} a year "
                    + ("cumulative" if pool.controllable_cap.cumulative.value else "non-cumulative")
                    if pool.controllable_cap
                    else ""
                )
                + "; a year's charge and balance shown in January of the year after",
                (_text(pool.share) if pool.share else "") or (_text(over) if over else ""),
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


def lease_sheet_on(portfolio: Portfolio, lease: Agreement, as_of: date) -> LeaseTerms:
    """The lease clause in force, its dates as known on the as-of date (a commencement set by
    an event)."""
    clause = lease.clauses_of("lease")[0]
    sheet = clause.terms_as(LeaseTerms)
    dates = lease.dates(portfolio.facts.events, as_of)
    if clause.has_date_rules:
        sheet = with_dates_on(sheet, dates)
    # with the renewals exercised and the market rents determined by the as-of date
    return lease_on(sheet, lease, dates, portfolio.facts.events.of(lease.id))


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
    sheet = lease_sheet_on(portfolio, lease, as_of)
    defaults = default_periods(portfolio.facts.events.of(lease.id), as_of)
    facts = lease_facts(portfolio.facts.of_type("lease"))
    indexes: IndexSeries = facts.indexes
    events = portfolio.facts.events.of(lease.id)
    expenses = RollFacts(facts.opex, lease.id, draws_of(events, as_of))
    roll = rent_roll(sheet, defaults, start, end, as_of, indexes, expenses)
    # the accounting figures measure an indexed rent at the index at commencement
    # (ASC 842-10-30-5(b)); the roll itself shows the rent due by the published index
    measured = at_commencement(sheet, indexes)
    scheduled = rent_roll(sheet, [], indexes=measured)
    paid = rent_roll(sheet, defaults, as_of=as_of, indexes=measured, expenses=expenses)
    opex = facts.opex
    table = rent_roll_table(
        lease.id, sheet, roll, scheduled, opex, discount_rate, paid, (start, end)
    )
    table = with_columns_beside(table, portfolio, lease.at(as_of), as_of)
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
