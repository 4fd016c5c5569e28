"""The rent of a space leased with a rent of its own, beside the lease years' (Integra's existing
building at "$2.75 per square foot per annum until June 30, 2004 or the date of commencement of
rental payments for the new building extension, whichever comes first").

Each month from the space's `in_premises_from` to its `until` (both included): the annual rent
= rate x area, half-up to the cent, the installment its twelfth, half-up (or the stated
`monthly`); a month the space is leased in part is prorated by the sheet's rule (days_in_month
when the sheet has none: the installment x days / days in the month; annual_365: the annual x
days / 365), half-up to the cent. The installment is due as the lease years' are (in advance on
the due day, a partial first month's on the space's first day; in arrears on the due day of the
month after). An `until` that waits on an event not yet recorded is the date its rule gives
with the estimates, projected (for `{earliest: [a date, {event: ...}]}` with no estimate: that
date, the latest the rule allows).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from pactum.dates import add_months, month_end
from pactum.kinds.lease.lease_years import due_date
from pactum.kinds.lease.schema import LeaseTerms, Space
from pactum.money import cents, money_str
from pactum.terms.named_dates import RuleTerm
from pactum.terms.values import Term


@dataclass(frozen=True)
class SpaceRentMonth:
    """One month's rent of a space with its own rent."""

    space: Space
    month: date  # the first day of the month
    due: date
    annual: Decimal
    installment: Decimal  # the whole month's
    amount: Decimal  # due for the month (prorated when the space is leased part of it)
    days: int = 0  # days leased in the month (0: the whole month)
    month_days: int = 0  # days in the month, when prorated
    proration: str = ""  # how a partial month was worked out, with its rounding point

    @property
    def prorated(self) -> bool:
        return self.days != 0

    @property
    def formula(self) -> str:
        if self.space.rate is not None:
            return "round(round(rate x area) / 12)"
        return "the space's monthly rent"

    def terms(self, sheet: LeaseTerms) -> list[Term[Any]]:
        """The terms behind the amount: the rent, the area, the start and end, the due day."""
        found: list[Term[Any]] = [
            t
            for t in (self.space.own_rent, self.space.area, self.space.in_premises_from)
            if t is not None
        ]
        if self.space.until is not None:
            found.append(self.space.until)
        found.append(sheet.rent_due_day)
        if self.prorated and sheet.proration is not None:
            found.append(sheet.proration)
        return found

    def inputs(self) -> dict[str, str]:
        """The trace's inputs: the rate or monthly rent, the area, the annual and the end."""
        space = self.space
        found = {"space": space.title or space.id}
        if space.rate is not None:
            found["rate"] = f"{space.rate.value} per sf a year"
        else:
            assert space.monthly is not None  # a space in the roll has its own rent
            found["monthly"] = money_str(space.monthly.value)
        found["area"] = f"{space.area.value:,} sf"
        found["annual"] = money_str(self.annual)
        found["until"] = until_words(space)
        if self.prorated:
            found["days"] = f"{self.days} of {self.month_days} days leased"
            found["proration"] = self.proration
        return found


def until_words(space: Space) -> str:
    """The space's last day, 'projected' when it rests on an event not yet recorded."""
    if space.until is None:
        return "no end before the term's"
    projected = isinstance(space.until, RuleTerm) and space.until.projected
    return space.until.value.isoformat() + (" (projected)" if projected else "")


def space_annual_and_monthly(space: Space) -> tuple[Decimal, Decimal]:
    """The space's annual rent and whole-month installment, each half-up to the cent."""
    if space.rate is not None:
        annual = cents(space.rate.value * space.area.value)
        return annual, cents(annual / 12)
    assert space.monthly is not None  # only spaces with their own rent are rolled
    return space.monthly.value * 12, space.monthly.value


def _last_day(sheet: LeaseTerms, space: Space, term_end: date | None) -> date | None:
    if space.until is not None:
        return space.until.value
    return term_end


def space_roll(sheet: LeaseTerms, term_end: date | None = None) -> list[SpaceRentMonth]:
    """Every month of every space with its own rent, in order of month then space; a space
    with no `until` runs to `term_end` (the lease years' last day)."""
    found: list[SpaceRentMonth] = []
    for space in sheet.spaces:
        if space.own_rent is None or space.in_premises_from is None:
            continue
        first_day = space.in_premises_from.value
        last_day = _last_day(sheet, space, term_end)
        if last_day is None or last_day < first_day:
            continue  # a space that ends before it starts is refused at load
        annual, installment = space_annual_and_monthly(space)
        month = first_day.replace(day=1)
        while month <= last_day:
            first, last = max(month, first_day), min(month_end(month), last_day)
            month_days = month_end(month).day
            days = (last - first).days + 1
            on = min(max(due_date(sheet, month), first), last)
            due = due_date(sheet, add_months(month, 1)) if _in_arrears(sheet) else on
            amount, proration = installment, ""
            if days < month_days:
                amount, proration = _prorate(sheet, installment, annual, days, month_days)
            found.append(
                SpaceRentMonth(
                    space,
                    month,
                    due,
                    annual,
                    installment,
                    amount,
                    days if days < month_days else 0,
                    month_days if days < month_days else 0,
                    proration,
                )
            )
            month = add_months(month, 1)
    return sorted(found, key=lambda line: line.month)


def _in_arrears(sheet: LeaseTerms) -> bool:
    return sheet.rent_paid.value == "in_arrears"


def _prorate(
    sheet: LeaseTerms, installment: Decimal, annual: Decimal, days: int, month_days: int
) -> tuple[Decimal, str]:
    """A partial month as the sheet prorates (by days in the month when it does not say)."""
    if sheet.proration is not None and sheet.proration.value == "annual_365":
        return cents(annual * days / 365), (
            f"{money_str(annual)} x {days} / 365, rounded half-up to the cent"
        )
    return cents(installment * days / month_days), (
        f"{money_str(installment)} x {days} / {month_days}, rounded half-up to the cent"
    )


def space_rent_by_month(lines: list[SpaceRentMonth]) -> dict[date, Decimal]:
    """The spaces' rent due for each month (all spaces together)."""
    found: dict[date, Decimal] = {}
    for line in lines:
        found[line.month] = found.get(line.month, Decimal(0)) + line.amount
    return found
