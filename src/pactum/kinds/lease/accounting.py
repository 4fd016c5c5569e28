"""The accounting view of the rent: straight-line rent, deferred rent, and the lease liability.

Straight-line rent spreads the scheduled payments of the whole term (every abatement taken, as
the lease was signed) evenly over its months, in cents; the last month takes the rounding
remainder so that the total equals the payments exactly. The deferred-rent balance is the
straight-line expense to date less the payments to date (positive: a liability).

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


def straight_line(scheduled: list[RentMonth]) -> list[StraightLineMonth]:
    if not scheduled:
        return []
    total = sum((m.base_rent_due for m in scheduled), ZERO)
    even = cents(total / len(scheduled))
    last = total - even * (len(scheduled) - 1)
    balance = ZERO
    months = []
    for i, line in enumerate(scheduled):
        expense = last if i == len(scheduled) - 1 else even
        balance += expense - line.base_rent_due
        months.append(StraightLineMonth(line.month, line.base_rent_due, expense, balance))
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
