"""The accounting view of the rent: straight-line rent, deferred rent, and the lease liability.

Straight-line rent spreads the scheduled payments of the whole term (every abatement taken, as
the lease was signed) evenly over its months, in cents; a partial first or last month takes
its share by days (days in the term / days in the month); the last month takes the rounding
remainder so that the total equals the payments exactly. The deferred-rent balance is the
straight-line expense to date less the payments to date (positive: a liability); the payments
are those actually due, so a month whose abatement a default cost counts its whole rent.

The lease liability (ASC 842) is the present value of the payments not yet made, discounted at
the rate the user gives, compounded monthly at rate / 12, each installment one month apart,
valued on the due date of the first of them (payments are in advance).

The operating-lease schedule (ASC 842-20) follows the liability and the right-of-use asset
month by month. At commencement the liability is the present value of the term's payments
(the same discounting) and the asset is the liability + initial direct costs + prepaid rent -
lease incentives received (ASC 842-20-30-1, 30-5). Each month: the single lease cost is the
total cost (payments + prepaid rent + initial direct costs - incentives) spread straight-line
over the term's months (ASC 842-20-25-6(a)); the liability accretes interest at rate / 12 on
its balance after the month's payment in advance (in arrears: on the balance before the
payment at the month's end, the liability at commencement then being each payment discounted
one month more); the asset's amortisation is the plug,
cost - accretion (ASC 842-20-35-3(b)). Every amount is rounded half-up to the cent when it is
worked out; the last month takes any remainder, so both balances reach exactly zero.

A remeasurement (an option exercised though the term left it out, or lapsed though the term
included it; ASC 842-10-35-1) takes effect from the first month that begins after its event:
the liability becomes the present value of the payments then remaining at the revised rate
(ASC 842-20-35-5 updates the rate), the asset changes by the same amount (ASC 842-20-35-4),
and the remaining cost (all the payments of the revised term + prepaid rent + initial direct
costs - incentives - the cost already recognised) is spread straight-line over the months left
(ASC 842-20-25-8). IFRS 16 differs where it matters: it has no single lease cost (the asset
depreciates straight-line and interest is charged apart, so the expense is front-loaded), and
incentives receivable reduce the payments rather than the asset.

Payments that depend on an index (a CPI escalation) are measured with the index at the
commencement date (ASC 842-10-30-5(b), 842-20-30-1): the index the period starting on that
day would read is held for every later month, so the liability, the asset and the straight-line
cost use those rents; what the published index adds to a month's rent is variable lease cost,
recognised in that month (ASC 842-20-25-6(b)) and in no balance.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from pactum.dates import add_months
from pactum.facts.index_series import IndexSeries, IndexValue
from pactum.kinds.lease.escalation import index_months
from pactum.kinds.lease.lease_years import LeaseYears
from pactum.kinds.lease.rent_roll import RentMonth
from pactum.kinds.lease.schema import LeaseTerms
from pactum.money import ZERO, cents


def at_commencement(sheet: LeaseTerms, indexes: IndexSeries) -> IndexSeries:
    """`indexes` as measured at commencement: the escalation's series keeps its values up to
    the month a period starting on the term's first day reads (its lag before), and holds that
    value for every later month of the term; without that value the later months are absent
    (the roll carries the rent then being paid). A lease without an index escalation reads
    `indexes` as they are."""
    terms = sheet.index_escalation
    years = LeaseYears.of(sheet)
    if terms is None or not years.periods:
        return indexes
    series = terms.series.value
    held_month, _ = index_months(terms, years.start, None)
    held = indexes.at(series, held_month)
    kept = tuple(v for v in indexes.values if v.series != series or v.month <= held_month)
    if held is None:
        return IndexSeries(kept)
    projected = []
    month = add_months(held_month, 1)
    while month <= years.end:
        projected.append(
            IndexValue(series, month, held.value, f"{held.where}, held from commencement")
        )
        month = add_months(month, 1)
    return IndexSeries(kept + tuple(projected))


def variable_cost(actual: list[RentMonth], measured: list[RentMonth]) -> dict[date, Decimal]:
    """Each month's rent due beyond the rent measured at commencement (the index's later
    changes); a month whose actual rent is not known has none."""
    fixed = {m.month: m.base_rent_due for m in measured}
    return {
        m.month: m.base_rent_due - fixed[m.month]
        for m in actual
        if m.month in fixed and not m.unknown
    }


@dataclass(frozen=True)
class StraightLineMonth:
    month: date
    payment: Decimal
    straight_line: Decimal
    deferred_rent: Decimal  # balance after this month


def _weight(line: RentMonth) -> Decimal:
    """A month's share of the term: 1, or days in the term / days in the month."""
    return Decimal(line.days) / line.month_days if line.prorated else Decimal(1)


def straight_line(
    scheduled: list[RentMonth], paid: list[RentMonth] | None = None
) -> list[StraightLineMonth]:
    """The straight-line expense of each month of `scheduled` (the term as signed) and the
    deferred-rent balance after it against `paid` (the same months with the defaults known;
    `scheduled` when None)."""
    if not scheduled:
        return []
    payments = {m.month: m.payment for m in (paid if paid is not None else scheduled)}
    total = sum((m.payment for m in scheduled), ZERO)
    weights = [_weight(m) for m in scheduled]
    whole = sum(weights, ZERO)
    balance = spread = ZERO
    months = []
    for i, line in enumerate(scheduled):
        last = i == len(scheduled) - 1
        expense = total - spread if last else cents(total * weights[i] / whole)
        spread += expense
        payment = payments.get(line.month, line.payment)
        balance += expense - payment
        months.append(StraightLineMonth(line.month, payment, expense, balance))
    return months


@dataclass(frozen=True)
class PresentValue:
    valued_on: date | None  # the first remaining payment's due date
    payments: int
    undiscounted: Decimal
    present_value: Decimal  # rounded to cents


def present_value(scheduled: list[RentMonth], as_of: date, annual_rate: Decimal) -> PresentValue:
    """The PV of the installments due on or after `as_of`."""
    remaining = [m for m in scheduled if m.due >= as_of]
    factor = 1 + annual_rate / 12
    value = sum(
        (m.payment / factor**k for k, m in enumerate(remaining)),
        ZERO,
    )
    return PresentValue(
        remaining[0].due if remaining else None,
        len(remaining),
        sum((m.payment for m in remaining), ZERO),
        cents(value),
    )


def liability_by_month(scheduled: list[RentMonth], annual_rate: Decimal) -> dict[date, Decimal]:
    """The lease liability at each due date, before that month's payment."""
    return {m.month: present_value(scheduled, m.due, annual_rate).present_value for m in scheduled}


def discounted(payments: list[Decimal], annual_rate: Decimal, in_arrears: bool = False) -> Decimal:
    """The present value, in cents, of monthly payments in advance: the first undiscounted,
    each later one discounted at rate / 12 a month; in arrears, each a month later (the first
    discounted one month)."""
    factor = 1 + annual_rate / 12
    first = 1 if in_arrears else 0
    return cents(sum((p / factor ** (k + first) for k, p in enumerate(payments)), ZERO))


def spread(total: Decimal, lines: list[RentMonth]) -> dict[date, Decimal]:
    """`total` over the months of `lines` straight-line, a partial month by its days, each in
    cents half-up; the last month takes the remainder."""
    weights = [_weight(m) for m in lines]
    whole = sum(weights, ZERO)
    found: dict[date, Decimal] = {}
    done = ZERO
    for i, line in enumerate(lines):
        share = total - done if i == len(lines) - 1 else cents(total * weights[i] / whole)
        found[line.month] = share
        done += share
    return found


@dataclass(frozen=True)
class Assessment:
    """The lease term as assessed from a month on: the payments of the whole term under it
    (from commencement), the annual discount rate, and why (the option decided, or the
    commencement)."""

    effective: date  # the first month it applies to
    payments: list[RentMonth]
    rate: Decimal
    why: str
    in_arrears: bool = False  # each payment at the end of its month, not the start
    # each month's rent beyond the payments measured (an index's later changes)
    variable: dict[date, Decimal] = field(default_factory=dict)


def _commencement(line: RentMonth) -> date:
    """The first day of the term: of the first month, or of its part the term covers."""
    return line.month.replace(day=line.month_days - line.days + 1) if line.prorated else line.month


@dataclass(frozen=True)
class AccountingMonth:
    month: date
    payment: Decimal
    lease_cost: Decimal  # the single straight-line lease cost
    accretion: Decimal  # interest on the liability after the payment
    amortisation: Decimal  # of the right-of-use asset: lease_cost - accretion
    liability: Decimal  # after the month
    asset: Decimal  # after the month
    remeasurement: Decimal | None = None  # the liability's (and the asset's) change that month
    rate: Decimal = ZERO  # the annual rate the month accretes at
    note: str = ""
    variable: Decimal = ZERO  # variable lease cost: rent beyond the payment measured


@dataclass(frozen=True)
class AccountingSchedule:
    commencement: date
    in_arrears: bool
    liability: Decimal  # at commencement
    asset: Decimal  # at commencement
    payments: int  # in the term at commencement
    total_cost: Decimal  # over the whole term as finally assessed
    months: tuple[AccountingMonth, ...]


def operating_lease(
    assessments: list[Assessment],
    initial_direct_costs: Decimal = ZERO,
    prepaid_rent: Decimal = ZERO,
    incentives: Decimal = ZERO,
) -> AccountingSchedule:
    """The ASC 842 operating-lease schedule under the first assessment, remeasured at each
    later one (in order of `effective`)."""
    first, pending = assessments[0], list(assessments[1:])
    additions = prepaid_rent + initial_direct_costs - incentives
    basis = first
    arrears = first.in_arrears
    liability = discounted([m.payment for m in basis.payments], basis.rate, arrears)
    asset = liability + additions
    opening = (liability, asset)
    cost_plan = spread(sum((m.payment for m in basis.payments), additions), basis.payments)
    recognised = ZERO
    rows: list[AccountingMonth] = []
    month = basis.payments[0].month
    by_month = {m.month: m for m in basis.payments}
    while True:
        change: Decimal | None = None
        note = ""
        if pending and month >= pending[0].effective:
            basis = pending.pop(0)
            by_month = {m.month: m for m in basis.payments}
            remaining = [m for m in basis.payments if m.month >= month]
            remeasured = discounted([m.payment for m in remaining], basis.rate, arrears)
            change = remeasured - liability
            liability, asset = remeasured, asset + change
            total = sum((m.payment for m in basis.payments), additions)
            cost_plan = spread(total - recognised, remaining)
            note = f"remeasured: {basis.why}"
        line = by_month.get(month)
        if line is None:
            if pending:  # the term ended before a later assessment's first month
                month = pending[0].effective
                continue
            break
        payment = line.payment
        cost = cost_plan[month]
        last = month == basis.payments[-1].month and not pending
        # interest runs on the balance over the month: after the payment in advance, before it
        # in arrears; the last month's is what the payment leaves over (the rounding remainder)
        owing = liability if arrears else liability - payment
        accretion = payment - liability if last else cents(owing * basis.rate / 12)
        amortisation = cost - accretion
        liability = liability - payment + accretion
        asset -= amortisation
        recognised += cost
        rows.append(
            AccountingMonth(
                month,
                payment,
                cost,
                accretion,
                amortisation,
                liability,
                asset,
                change,
                basis.rate,
                note,
                basis.variable.get(month, ZERO),
            )
        )
        month = add_months(month, 1)
    return AccountingSchedule(
        in_arrears=arrears,
        commencement=_commencement(first.payments[0]) if arrears else first.payments[0].due,
        liability=opening[0],
        asset=opening[1],
        payments=len(first.payments),
        total_cost=recognised,
        months=tuple(rows),
    )
