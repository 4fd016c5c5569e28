"""What the collateral engine gives back, in Decimal at the boundary."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Bucket:
    reason: str
    amount: Decimal


@dataclass(frozen=True)
class DebtorLine:
    """One debtor's waterfall: gross, each bucket in order, eligible."""

    debtor_id: str
    invoices: int
    gross: Decimal
    buckets: tuple[Bucket, ...]
    eligible: Decimal
    unapplied_credits: Decimal


@dataclass(frozen=True)
class ReceivablesResult:
    """One borrower's receivables: every reason of the waterfall in order, zeros included."""

    borrower_id: str
    rows: int
    gross: Decimal  # open debit balances
    buckets: tuple[Bucket, ...]
    eligible: Decimal
    unapplied_credits: Decimal  # credits beyond their debtor's gross balance: not applied
    aging_total: Decimal  # the aging's own total: debits and credits
    debtors: tuple[DebtorLine, ...] = ()
    # the eligible accounts of the debtors under each of the sheet's debtor limits, in order
    limited_eligible: tuple[Decimal, ...] = ()

    def bucket(self, reason: str) -> Decimal:
        return next(b.amount for b in self.buckets if b.reason == reason)


@dataclass(frozen=True)
class InventoryResult:
    borrower_id: str
    rows: int
    gross: Decimal
    buckets: tuple[Bucket, ...]  # one per ineligible status, in the sheet's order
    eligible_by_class: tuple[Bucket, ...]  # class -> eligible cost

    @property
    def eligible(self) -> Decimal:
        return sum((b.amount for b in self.eligible_by_class), Decimal(0))
