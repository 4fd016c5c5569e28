"""Allowances: what the landlord owes toward the tenant's work, what has been drawn, what
becomes of the rest, and an allowance repaid as additional rent.

    amount      = the stated amount, or round(per_sf x area), half-up to the cent (the area the
                  sheet gives, else the premises' on the term's first day)
    drawn       = the `allowance_drawn` events on or before `expires` (and the as-of date)
    unused      = amount - drawn, known once `expires` has passed; forfeited, or credited
                  against the base rent due after `expires`, the earliest first, until used
    repayment   = round(amount x i / (1 - (1 + i)^-n)), i = rate / 12, n = months, each month
                  of `amortised` from its start (else lease month 1)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from pactum.dates import add_months
from pactum.facts.events import Event
from pactum.kinds.lease.lease_years import LeaseYears, first_lease_month
from pactum.kinds.lease.premises import area_at
from pactum.kinds.lease.recorded_events import recorded
from pactum.kinds.lease.schema import Allowance, AllowanceDrawEvent, LeaseTerms
from pactum.money import ZERO, cents, money_str


@dataclass(frozen=True)
class Draw:
    day: date
    allowance: str
    amount: Decimal
    where: str


def draws_of(events: list[Event], as_of: date) -> tuple[Draw, ...]:
    """The draws recorded by the as-of date, in date order."""
    return tuple(
        Draw(event.date, data.allowance, data.amount, event.where())
        for event, data in recorded(events, "allowance_drawn", AllowanceDrawEvent, as_of)
    )


def allowance_amount(sheet: LeaseTerms, allowance: Allowance) -> tuple[Decimal, str]:
    """The allowance in dollars and how it was worked out."""
    if allowance.amount is not None:
        return allowance.amount.value, "the amount stated"
    assert allowance.per_sf is not None  # one of amount and per_sf (checked at load)
    if allowance.area is not None:
        area = allowance.area.value
    else:
        years = LeaseYears.of(sheet)
        area = area_at(sheet, years.start) if years.periods else ZERO
    amount = cents(allowance.per_sf.value * area)
    return amount, (
        f"round({money_str(allowance.per_sf.value)} per sf x {area:,} sf), half-up to the cent"
    )


def monthly_repayment(principal: Decimal, rate: Decimal, months: int) -> Decimal:
    """The level monthly payment repaying `principal` over `months` at `rate` / 12 a month,
    half-up to the cent (principal / months at a zero rate)."""
    if rate == 0:
        return cents(principal / months)
    i = rate / 12
    return cents(principal * i / (1 - (1 + i) ** -months))


def repayment_months(sheet: LeaseTerms, allowance: Allowance) -> tuple[date, int] | None:
    """The first month repaid and the number of months (None: not amortised)."""
    if allowance.amortised is None:
        return None
    terms = allowance.amortised
    if terms.start is not None:
        first = terms.start.value.replace(day=1)
    else:
        years = LeaseYears.of(sheet)
        start = (
            sheet.rent_commencement.value if sheet.rent_commencement is not None else years.start
        )
        first = first_lease_month(start)
    return first, terms.months.value


def repaid_in(sheet: LeaseTerms, allowance: Allowance, month: date) -> bool:
    found = repayment_months(sheet, allowance)
    if found is None:
        return False
    first, months = found
    return first <= month < add_months(first, months)


@dataclass(frozen=True)
class AllowanceState:
    """An allowance on the as-of date."""

    allowance: Allowance
    amount: Decimal
    formula: str
    drawn: Decimal  # draws that count (on or before the expiry)
    late: tuple[Draw, ...]  # draws after the expiry, which do not count
    expired: bool  # the expiry has passed on the as-of date

    @property
    def remaining(self) -> Decimal:
        """What may still be drawn (nothing once expired)."""
        return ZERO if self.expired else self.amount - self.drawn

    @property
    def unused(self) -> Decimal:
        """The part not drawn by the expiry, once it has passed."""
        return self.amount - self.drawn if self.expired else ZERO


def allowance_state(
    sheet: LeaseTerms, allowance: Allowance, draws: tuple[Draw, ...], as_of: date
) -> AllowanceState:
    amount, formula = allowance_amount(sheet, allowance)
    expires = allowance.expires.value if allowance.expires is not None else None
    own = [d for d in draws if d.allowance == allowance.id and d.day <= as_of]
    counted = [d for d in own if expires is None or d.day <= expires]
    late = tuple(d for d in own if expires is not None and d.day > expires)
    drawn = sum((d.amount for d in counted), ZERO)
    expired = expires is not None and as_of > expires
    return AllowanceState(allowance, amount, formula, drawn, late, expired)
