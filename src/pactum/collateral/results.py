"""What the collateral engine gives back, in Decimal at the boundary."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

# the aging buckets ABL certificates use, by days past the due date on the as-of date: each
# (key, label, the most days past due it holds; None: no bound)
AGE_BUCKETS: tuple[tuple[str, str, int | None], ...] = (
    ("current", "Current (not past due)", 0),
    ("past_due_1_30", "1-30 days past due", 30),
    ("past_due_31_60", "31-60 days past due", 60),
    ("past_due_61_90", "61-90 days past due", 90),
    ("past_due_over_90", "Over 90 days past due", None),
)


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
    debtor_name: str = ""  # as the aging writes it ("" when it has no debtor_name column)

    @property
    def name(self) -> str:
        return self.debtor_name or self.debtor_id


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
    # the aging's open balances (debits and credits) by days past due, as AGE_BUCKETS: they
    # add up to aging_total
    ages: tuple[Bucket, ...] = ()

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
