"""The rent roll: for each month of the term, base rent, abatement and rent due.

Annual base rent = rate per square foot x the premises' rentable area, rounded to cents; the
monthly installment = annual / 12, rounded to cents, due in advance on the sheet's due day.
A month the term covers only in part (a term starting on the 15th) is prorated as the sheet
says, rounded half-up to the cent: the installment x days in the term / days in the month
(`days_in_month`), or the annual rent x days / 365 (`annual_365`); its installment is due on
the due day, or on the term's first day when that is later.
An indexed period's rent is the rent of the period before adjusted by the index (see
`escalation`), half-up to the cent on the amount `increase_on` names; when the series lacks a
month it needs, the roll carries the rent then being paid and says the escalation is not
computed (the lease's findings give no rent for such a month, and warn).
An abatement is a stated amount or a fraction of a space's monthly rent at a rate; a
conditional one is lost in a month the tenant is in default, and the roll says why.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from pactum.dates import month_end
from pactum.facts.index_series import IndexSeries
from pactum.kinds.lease.escalation import Escalation, escalation
from pactum.kinds.lease.lease_years import LeaseYears, RentPeriod
from pactum.kinds.lease.premises import area_at, space
from pactum.kinds.lease.schema import Abatement, LeaseTerms, LeaseYear, month_of
from pactum.kinds.lease.share import share_at
from pactum.kinds.lease.tenant_default import DefaultPeriod, default_in_month
from pactum.money import ZERO, cents, money_str
from pactum.terms.values import Term


@dataclass(frozen=True)
class RentMonth:
    month: date  # the first day of the month
    due: date
    lease_year: str
    lease_year_number: int
    rate: Decimal | None  # annual per sf, when the rent is stated by that rate
    area: Decimal
    annual_rent: Decimal
    base_rent: Decimal  # the monthly installment
    scheduled_abatement: Decimal
    abatement: Decimal  # what actually abates
    abatement_lost: str  # why a scheduled abatement did not apply ("" when it did or none)
    share: Decimal | None  # proportionate share in force on the due date
    days: int = 0  # days of the term in the month (0: the whole month)
    month_days: int = 0  # days in the month, when prorated
    formula: str = ""  # how the installment was worked out
    proration: str = ""  # how a partial month's rent was worked out, with its rounding point
    escalation: Escalation | None = None  # an indexed period's adjustment

    @property
    def prorated(self) -> bool:
        return self.days != 0

    @property
    def base_rent_due(self) -> Decimal:
        return self.base_rent - self.abatement


@dataclass(frozen=True)
class PeriodRent:
    """A period's rent: the annual amount, the monthly installment, the annual rate per sf
    when the rent is stated by one, and how it was worked out (with its rounding points)."""

    annual: Decimal
    monthly: Decimal
    rate: Decimal | None
    formula: str
    escalation: Escalation | None = None  # an indexed period's adjustment


NO_INDEXES = IndexSeries()


def period_rent(
    sheet: LeaseTerms,
    years: LeaseYears,
    period: RentPeriod,
    area: Decimal,
    indexes: IndexSeries = NO_INDEXES,
) -> PeriodRent:
    """The rent of `period` on `area`, each amount rounded half-up to the cent where the form
    rounds it; an increase compounds on the rent of the period before, step by step."""
    year = period.year
    if year.rate is not None:
        annual = cents(year.rate.value * area)
        return PeriodRent(
            annual, cents(annual / 12), year.rate.value, "round(round(rate x area) / 12)"
        )
    if year.monthly_rate is not None:
        monthly = cents(year.monthly_rate.value * area)
        return PeriodRent(monthly * 12, monthly, None, "round(monthly rate x area)")
    if year.annual is not None:
        annual = year.annual.value
        return PeriodRent(annual, cents(annual / 12), None, "round(annual rent / 12)")
    if year.monthly is not None:
        return PeriodRent(year.monthly.value * 12, year.monthly.value, None, "monthly rent")
    before = years.before(period)
    assert before is not None  # not on the first period (checked at load)
    prior = period_rent(sheet, years, before, area, indexes)
    if year.indexed is not None:
        return _indexed_rent(sheet, years, period, before, prior, area, indexes)
    assert year.increase is not None  # one form of rent per period (checked at load)
    factor = 1 + year.increase.value
    if sheet.increase_on.value == "monthly":
        monthly = cents(prior.monthly * factor)
        return PeriodRent(
            monthly * 12,
            monthly,
            None,
            f"round({money_str(prior.monthly)} x {factor}), the monthly rent then being paid "
            "increased, half-up to the cent",
        )
    annual = cents(prior.annual * factor)
    return PeriodRent(
        annual,
        cents(annual / 12),
        None,
        f"round(round({money_str(prior.annual)} x {factor}) / 12), the annual rent then being "
        "paid increased, half-up to the cent",
    )


def _on(sheet: LeaseTerms, rent: PeriodRent) -> Decimal:
    """The amount an increase applies to: the annual rent or the monthly installment."""
    return rent.monthly if sheet.increase_on.value == "monthly" else rent.annual


def _indexed_rent(
    sheet: LeaseTerms,
    years: LeaseYears,
    period: RentPeriod,
    before: RentPeriod,
    prior: PeriodRent,
    area: Decimal,
    indexes: IndexSeries,
) -> PeriodRent:
    """The rent of the period before adjusted by the index, half-up to the cent; the rent
    then being paid, flagged, when the series lacks a month it needs."""
    terms = sheet.index_escalation
    assert terms is not None  # an indexed period needs the sheet's escalation (checked at load)
    stated = before
    while stated.year.indexed is not None or stated.year.increase is not None:
        earlier = years.before(stated)
        assert earlier is not None  # the first period states its rent (checked at load)
        stated = earlier
    found = escalation(
        terms,
        indexes,
        period.start,
        before.start,
        _on(sheet, prior),
        _on(sheet, period_rent(sheet, years, stated, area, indexes)),
    )
    if found.applied is None:
        return PeriodRent(
            prior.annual,
            prior.monthly,
            None,
            f"{found.describe()}; shown at the rent then being paid",
            found,
        )
    factor = 1 + found.applied
    basis = "monthly rent" if sheet.increase_on.value == "monthly" else "annual rent"
    amount = cents(_on(sheet, prior) * factor)
    formula = (
        f"round({money_str(_on(sheet, prior))} x {factor}), the {basis} then being paid "
        f"adjusted by the index ({found.describe()}), half-up to the cent"
    )
    if sheet.increase_on.value == "monthly":
        return PeriodRent(amount * 12, amount, None, formula, found)
    return PeriodRent(amount, cents(amount / 12), None, f"round({formula} / 12)", found)


def rent_basis(sheet: LeaseTerms, year: LeaseYear) -> list[Term[Any]]:
    """The terms besides its own that a period's rent rests on: for an increase, how it is
    applied and the rents of the periods before, back to one stated."""
    found: list[Term[Any]] = []
    index = sheet.lease_years.index(year)
    while (year.increase is not None or year.indexed is not None) and index > 0:
        if not found:
            found.append(sheet.increase_on)
            if year.indexed is not None and sheet.index_escalation is not None:
                terms = sheet.index_escalation
                found += [
                    t
                    for t in (
                        terms.series,
                        terms.lag_months,
                        terms.base_period,
                        terms.cap,
                        terms.floor,
                    )
                    if t is not None
                ]
        index -= 1
        year = sheet.lease_years[index]
        rent = year.rent_term()
        if rent is not None:
            found.append(rent)
    return found


def due_date(sheet: LeaseTerms, month: date) -> date:
    """The installment's due date in `month` (day clamped to the month's last day)."""
    return month.replace(day=min(sheet.rent_due_day.value, month_end(month).day))


def abatement_amount(sheet: LeaseTerms, abatement: Abatement) -> Decimal:
    """A stated amount, or fraction x the space's area x rate / 12, rounded to cents."""
    if abatement.amount is not None:
        return abatement.amount.value
    assert abatement.space and abatement.rate and abatement.fraction  # checked at load
    found = space(sheet, abatement.space)
    assert found is not None
    monthly = found.area.value * abatement.rate.value / 12
    return cents(monthly * abatement.fraction.value)


def rent_month(
    sheet: LeaseTerms,
    month: date,
    defaults: list[DefaultPeriod],
    indexes: IndexSeries = NO_INDEXES,
) -> RentMonth | None:
    """The roll's line for `month`; None when the term has no day in it."""
    years = LeaseYears.of(sheet)
    span = years.days_in(month)
    if span is None:
        return None
    first, last = span
    # the first partial month's installment is due when the term starts (paid in advance)
    due = min(max(due_date(sheet, month), first), last)
    period = years.at(due)
    assert period is not None  # the periods follow one another without a gap (checked at load)
    area = area_at(sheet, due)
    rent = period_rent(sheet, years, period, area, indexes)
    annual, full = rent.annual, rent.monthly
    installment, days, month_days, proration = full, 0, month_end(month).day, ""
    if (last - first).days + 1 < month_days:
        days = (last - first).days + 1
        installment, proration = prorate(sheet, full, annual, days, month_days)
    scheduled = sum(
        (abatement_amount(sheet, a) for a in sheet.abatements if month_of(a.month) == month), ZERO
    )
    scheduled = min(scheduled, installment)  # rent abates; it never turns into a credit
    abatement, lost = scheduled, ""
    if scheduled and sheet.abatement_condition.value == "not_then_in_default":
        default = default_in_month(defaults, month)
        if default is not None:
            abatement, lost = ZERO, f"abatement lost: {default.describe()}"
    return RentMonth(
        month=month,
        due=due,
        lease_year=period.id,
        lease_year_number=years.number_of(period),
        rate=rent.rate,
        area=area,
        annual_rent=annual,
        base_rent=installment,
        scheduled_abatement=scheduled,
        abatement=abatement,
        abatement_lost=lost,
        share=share_at(sheet, due),
        formula=rent.formula,
        days=days,
        month_days=month_days if days else 0,
        proration=proration,
        escalation=rent.escalation,
    )


def prorate(
    sheet: LeaseTerms, installment: Decimal, annual: Decimal, days: int, month_days: int
) -> tuple[Decimal, str]:
    """A partial month's rent as the sheet prorates it, rounded half-up to the cent, and how."""
    assert sheet.proration is not None  # a term with a partial month needs one (checked at load)
    if sheet.proration.value == "annual_365":
        amount = cents(annual * days / 365)
        return amount, f"{money_str(annual)} x {days} / 365, rounded half-up to the cent"
    amount = cents(installment * days / month_days)
    return amount, f"{money_str(installment)} x {days} / {month_days}, rounded half-up to the cent"


def rent_roll(
    sheet: LeaseTerms,
    defaults: list[DefaultPeriod],
    start: date | None = None,
    end: date | None = None,
    indexes: IndexSeries = NO_INDEXES,
) -> list[RentMonth]:
    """The roll for the term's months that overlap [start, end] (the whole term by default)."""
    lines = []
    for month in LeaseYears.of(sheet).months():
        if (start is not None and month_end(month) < start) or (end is not None and month > end):
            continue
        line = rent_month(sheet, month, defaults, indexes)
        if line is not None:
            lines.append(line)
    return lines


def oversized_abatements(
    sheet: LeaseTerms, indexes: IndexSeries = NO_INDEXES
) -> list[tuple[Abatement, Decimal, Decimal]]:
    """Each month's abatements whose stated total is more than that month's installment:
    (the month's first abatement, the stated total, the installment). Rent abates and never
    turns into a credit, so only the installment abates; a larger amount is likely a typo."""
    found = []
    for month in sorted({month_of(a.month) for a in sheet.abatements}):
        line = rent_month(sheet, month, [], indexes)
        if line is None:
            continue  # a month outside the term is refused at load
        stated = [a for a in sheet.abatements if month_of(a.month) == month]
        total = sum((abatement_amount(sheet, a) for a in stated), ZERO)
        if total > line.base_rent:
            found.append((stated[0], total, line.base_rent))
    return found
