"""The tenant's share of building operating expenses, and the year-end reconciliation.

Monthly estimates are billed at the share in force on each month's due date: estimated / 12 x
share, rounded to cents. At year end the tenant owes actual x (the year's monthly shares
summed / 12), rounded to cents, less the estimates billed: positive is owed by the tenant,
negative is a refund. Months before the first share step are not the tenant's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from pactum.facts.opex import OpexYear
from pactum.kinds.lease.lease_years import due_date
from pactum.kinds.lease.schema import LeaseTerms
from pactum.kinds.lease.share import share_at
from pactum.money import ZERO, cents


def monthly_shares(sheet: LeaseTerms, year: int) -> list[Decimal]:
    """The share in force on each month's due date in `year` (zero before the first step)."""
    return [share_at(sheet, due_date(sheet, date(year, m, 1))) or ZERO for m in range(1, 13)]


def _billed(opex: OpexYear, share: Decimal) -> Decimal:
    """One month's estimate at a share: the year's estimate / 12 x share, in cents."""
    return cents(opex.estimated / 12 * share)


def monthly_estimate(sheet: LeaseTerms, opex: OpexYear, month: date) -> Decimal:
    return _billed(opex, share_at(sheet, due_date(sheet, month)) or ZERO)


@dataclass(frozen=True)
class OpexReconciliation:
    year: int
    estimates_billed: Decimal
    actual_share: Decimal | None  # None until the year's actual is known
    average_share: Decimal

    @property
    def balance(self) -> Decimal | None:
        """Owed by the tenant (positive) or refunded (negative)."""
        return None if self.actual_share is None else self.actual_share - self.estimates_billed


def reconcile_year(sheet: LeaseTerms, opex: OpexYear) -> OpexReconciliation:
    shares = monthly_shares(sheet, opex.year)
    billed = sum((_billed(opex, s) for s in shares), ZERO)
    average = sum(shares, ZERO) / 12
    actual = None if opex.actual is None else cents(opex.actual * average)
    return OpexReconciliation(opex.year, billed, actual, average)
