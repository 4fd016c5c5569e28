"""The tenant's proportionate share of building expenses, on its dated schedule."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from pactum.kinds.lease.schema import LeaseTerms, ShareStep


def share_step_at(sheet: LeaseTerms, d: date) -> ShareStep | None:
    """The share step in force on `d` (the last starting on or before it)."""
    in_force = [s for s in sheet.proportionate_share if s.start.value <= d]
    return max(in_force, key=lambda s: s.start.value) if in_force else None


def share_at(sheet: LeaseTerms, d: date) -> Decimal | None:
    step = share_step_at(sheet, d)
    return step.share.value if step else None
