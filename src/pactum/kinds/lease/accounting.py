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
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from pactum.kinds.lease.rent_roll import RentMonth
from pactum.money import ZERO, cents


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
    payments = {m.month: m.base_rent_due for m in (paid if paid is not None else scheduled)}
    total = sum((m.base_rent_due for m in scheduled), ZERO)
    weights = [_weight(m) for m in scheduled]
    whole = sum(weights, ZERO)
    balance = spread = ZERO
    months = []
    for i, line in enumerate(scheduled):
        last = i == len(scheduled) - 1
        expense = total - spread if last else cents(total * weights[i] / whole)
        spread += expense
        payment = payments.get(line.month, line.base_rent_due)
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
        (m.base_rent_due / factor**k for k, m in enumerate(remaining)),
        ZERO,
    )
    return PresentValue(
        remaining[0].due if remaining else None,
        len(remaining),
        sum((m.base_rent_due for m in remaining), ZERO),
        cents(value),
    )


def liability_by_month(scheduled: list[RentMonth], annual_rate: Decimal) -> dict[date, Decimal]:
    """The lease liability at each due date, before that month's payment."""
    return {m.month: present_value(scheduled, m.due, annual_rate).present_value for m in scheduled}
