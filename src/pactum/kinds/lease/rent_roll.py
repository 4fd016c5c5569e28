"""The rent roll: for each month of the term, base rent, abatement and rent due.

Annual base rent = rate per square foot x the premises' rentable area, rounded to cents; the
monthly installment = annual / 12, rounded to cents, due in advance on the sheet's due day (or,
for a lease paid in arrears, on that day of the month after; the month's rent, area and share
are still those in force on the due day of the month itself).
A month the term covers only in part (a term starting on the 15th) is prorated as the sheet
says, rounded half-up to the cent: the installment x days in the term / days in the month
(`days_in_month`), or the annual rent x days / 365 (`annual_365`); its installment is due on
the due day, or on the term's first day when that is later.
An indexed period's rent is the rent of the period before adjusted by the index (see
`escalation`), half-up to the cent on the amount `increase_on` names; when the series lacks a
month it needs, the roll carries the rent then being paid and says the escalation is not
computed (the lease's findings give no rent for such a month, and warn). An abatement of an
indexed month abates the indexed installment (or the rent then being paid, when not computed).
An abatement runs over a month, a count of full months or a span of days; each month it abates
a stated amount or the base rent of a space or an area. A conditional one is unavailable in a
month of default, and the sheet says what then: lost, suspended until the cure and reinstated
against the installments due after it, credited at the end of the term, or the abatement taken
clawed back (its unamortised part due on the default, with interest). The roll says which
abatement each month's is, and why one was not taken.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from pactum.dates import add_months, days_in_month, month_end
from pactum.facts.index_series import IndexSeries
from pactum.facts.opex import Opex
from pactum.kinds.lease.allowances import (
    Draw,
    allowance_amount,
    allowance_state,
    monthly_repayment,
    repaid_in,
)
from pactum.kinds.lease.escalation import Escalation, escalation
from pactum.kinds.lease.expenses import pool_estimate
from pactum.kinds.lease.lease_years import LeaseYears, RentPeriod, due_date
from pactum.kinds.lease.premises import area_at, space
from pactum.kinds.lease.schema import Abatement, LeaseTerms, LeaseYear
from pactum.kinds.lease.share import share_at
from pactum.kinds.lease.space_rent import space_rent_by_month, space_roll
from pactum.kinds.lease.tenant_default import DefaultPeriod, default_in_month, in_default_on
from pactum.money import NO_MONEY_TEXT, ZERO, MoneyText, cents, money_str
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
    # which abatements the month's abatement is, and any reinstated or credit
    abated_by: MoneyText = NO_MONEY_TEXT
    reinstated: Decimal = ZERO  # suspended abatement applied this month after a cure
    end_credit: Decimal = ZERO  # deferred abatement credited at the end of the term
    clawback: Clawback | None = None  # an abatement clawed back on a default this month
    lost_to: DefaultPeriod | None = (
        None  # the default that made the scheduled abatement unavailable
    )
    escalation: Escalation | None = None  # an indexed period's adjustment
    unknown: str = ""  # why the month's rent is not known (a fair market rent not determined)
    # each expense pool's monthly estimate (pool, amount), when the roll is given the facts
    expenses: tuple[tuple[str, Decimal], ...] = ()
    scheduled_expense_abatement: Decimal = ZERO
    expense_abatement: Decimal = ZERO  # of the estimates, what actually abates
    expense_abated_by: MoneyText = NO_MONEY_TEXT  # which abatements, on which pools
    allowance_credit: Decimal = ZERO  # an unused allowance credited against the base rent
    allowance_repayment: Decimal = ZERO  # allowances repaid as additional rent this month
    allowance_note: MoneyText = NO_MONEY_TEXT  # which allowances, and how
    # the rent of spaces leased with their own rent beside the lease years' (see space_rent)
    space_rent: Decimal = ZERO
    remeasured: str = ""  # a remeasurement that changes the area within the month, and how

    @property
    def prorated(self) -> bool:
        return self.days != 0

    @property
    def payment(self) -> Decimal:
        """What the tenant pays for the month's premises: base rent due and any space's own."""
        return self.base_rent_due + self.space_rent

    @property
    def base_rent_due(self) -> Decimal:
        return self.base_rent - self.abatement - self.allowance_credit

    @property
    def expenses_estimated(self) -> Decimal:
        return sum((amount for _, amount in self.expenses), ZERO)

    @property
    def expenses_due(self) -> Decimal:
        """The pools' estimates less what of them abates."""
        return self.expenses_estimated - self.expense_abatement


@dataclass(frozen=True)
class PeriodRent:
    """A period's rent: the annual amount, the monthly installment, the annual rate per sf
    when the rent is stated by one, and how it was worked out (with its rounding points)."""

    annual: Decimal
    monthly: Decimal
    rate: Decimal | None
    formula: str
    escalation: Escalation | None = None  # an indexed period's adjustment
    unknown: str = ""  # why the rent is not known (a fair market rent not yet determined)


NO_INDEXES = IndexSeries()


@dataclass(frozen=True)
class RollFacts:
    """What the roll reads besides the sheet: the expense pools' estimates (opex.csv) and the
    allowance draws recorded by the as-of date (an unused allowance credited against rent)."""

    opex: Opex
    agreement: str
    draws: tuple[Draw, ...] = ()

    def estimates(self, sheet: LeaseTerms, month: date) -> tuple[tuple[str, Decimal], ...]:
        found = []
        for pool in sheet.expenses:
            amount = pool_estimate(self.opex, self.agreement, sheet, pool, month)
            if amount is not None:
                found.append((pool.pool, amount))
        return tuple(found)


def covered(sheet: LeaseTerms, abatement: Abatement) -> tuple[bool, tuple[str, ...]]:
    """Whether the abatement covers base rent, and which of the sheet's pools it covers."""
    if abatement.covers is None:
        return True, ()
    items = set(abatement.covers.value)
    if "all_rent" in items:
        items = {"base_rent", *(pool.pool for pool in sheet.expenses)}
        items -= set(abatement.except_items.value if abatement.except_items else ())
    pools = tuple(pool.pool for pool in sheet.expenses if pool.pool in items)
    return "base_rent" in items, pools


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
    if year.fair_market is not None:
        # not determined yet (a determined one is written into the sheet as a rent): the
        # roll carries the rent then being paid, flagged, and the findings give no rent
        why = f"{year.id}: the fair market rent is not determined yet (no market_rent_set event)"
        earlier = years.before(period)
        if earlier is None:
            return PeriodRent(ZERO, ZERO, None, why, unknown=why)
        prior = period_rent(sheet, years, earlier, area, indexes)
        return PeriodRent(
            prior.annual,
            prior.monthly,
            None,
            f"{why}; shown at the rent then being paid",
            None,
            why,
        )
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


def in_arrears(sheet: LeaseTerms) -> bool:
    return sheet.rent_paid.value == "in_arrears"


def payment_date(sheet: LeaseTerms, month: date, reckoned: date) -> date:
    """When `month`'s installment is paid: on `reckoned` (its due day within the term) in
    advance; in arrears, on the due day of the month after (clamped to that month's end)."""
    if not in_arrears(sheet):
        return reckoned
    return due_date(sheet, add_months(month, 1))


@dataclass(frozen=True)
class Clawback:
    """An abatement clawed back on a default: the unamortised part of the abatement taken (the
    abatement spread evenly over the term's months) due at once on the default's date, with
    simple interest at the sheet's rate, actual/365, from that date to the as-of date."""

    default: DefaultPeriod
    taken: Decimal  # abatement taken in installments due before the default
    remaining: int  # months of the term whose installment is due after the default
    months: int  # months of the term
    amount: Decimal
    rate: Decimal
    days: int  # from the default's date to the as-of date
    interest: Decimal

    @property
    def formula(self) -> str:
        return (
            f"unamortised abatement: round({money_str(self.taken)} taken x {self.remaining} / "
            f"{self.months} months of the term left after the default), half-up to the cent; "
            f"due at once on the {self.default.describe()}"
        )

    @property
    def interest_formula(self) -> str:
        return (
            f"interest on the clawback: round({money_str(self.amount)} x {self.rate} x "
            f"{self.days} / 365), from {self.default.start.isoformat()}, half-up to the cent"
        )


@dataclass(frozen=True)
class _Base:
    """A month's rent before any abatement."""

    month: date
    due: date  # when the installment is paid
    on: date  # the day its rent, area and share are reckoned on: the due day within the month
    period: RentPeriod
    number: int
    rent: PeriodRent
    area: Decimal
    installment: Decimal
    days: int
    month_days: int
    proration: str
    term_days: tuple[date, date]
    estimates: tuple[tuple[str, Decimal], ...] = ()
    remeasured: str = ""


# the rents of one roll's periods by (the period's number, the area), as worked out so far:
# each month of a period on the same area has the same rent, and a period's rent compounds on
# those of the periods before it, so each is worked out once for the roll, not for every month
_PeriodRents = dict[tuple[int, Decimal], PeriodRent]


def _base_month(
    sheet: LeaseTerms,
    years: LeaseYears,
    month: date,
    rents: _PeriodRents,
    indexes: IndexSeries = NO_INDEXES,
    expenses: RollFacts | None = None,
) -> _Base | None:
    span = years.days_in(month)
    if span is None:
        return None
    first, last = span
    # the first partial month's installment is due when the term starts (paid in advance)
    on = min(max(due_date(sheet, month), first), last)
    due = payment_date(sheet, month, on)
    period = years.at(on)
    assert period is not None  # the periods follow one another without a gap (checked at load)
    area = area_at(sheet, on)
    number = years.number_of(period)
    if (number, area) not in rents:
        rents[number, area] = period_rent(sheet, years, period, area, indexes)
    rent = rents[number, area]
    installment, days, month_days, proration = rent.monthly, 0, month_end(month).day, ""
    if (last - first).days + 1 < month_days:
        days = (last - first).days + 1
        installment, proration = prorate(sheet, rent.monthly, rent.annual, days, month_days)
    remeasured = ""
    changes = remeasurements_within(sheet, first, last)
    # rent by area follows the new area from its day; rent stated in dollars does not
    if changes and _rent_follows_area(sheet, years, period, indexes, first, last):
        installment, remeasured = _split_by_area(
            sheet, years, period, indexes, (first, last), changes, month_days
        )
    elif changes:
        remeasured = (
            "remeasured " + "; ".join(changes.values()) + ": the rent, stated in dollars, "
            "is unchanged"
        )
    return _Base(
        month,
        due,
        on,
        period,
        number,
        rent,
        area,
        installment,
        days,
        month_days if days else 0,
        proration,
        span,
        expenses.estimates(sheet, month) if expenses is not None else (),
        remeasured,
    )


def remeasurements_within(sheet: LeaseTerms, first: date, last: date) -> dict[date, str]:
    """The remeasurements of spaces rented at the lease years' rent taking effect after
    `first` and on or before `last` (a change on `first` needs no split), each described."""
    found: dict[date, list[str]] = {}
    for s in sheet.spaces:
        if s.own_rent is not None:
            continue
        for step in s.remeasured:
            day = step.start_from.value
            if first < day <= last:
                before = s.area_on(day - timedelta(days=1)).value
                found.setdefault(day, []).append(
                    f"{s.title or s.id} {before:,} sf -> {step.area.value:,} sf "
                    f"from {day.isoformat()}"
                )
    return {day: "; ".join(parts) for day, parts in sorted(found.items())}


def _rent_follows_area(
    sheet: LeaseTerms,
    years: LeaseYears,
    period: RentPeriod,
    indexes: IndexSeries,
    first: date,
    last: date,
) -> bool:
    before = period_rent(sheet, years, period, area_at(sheet, first), indexes)
    after = period_rent(sheet, years, period, area_at(sheet, last), indexes)
    return before.monthly != after.monthly


def _split_by_area(
    sheet: LeaseTerms,
    years: LeaseYears,
    period: RentPeriod,
    indexes: IndexSeries,
    span: tuple[date, date],
    changes: dict[date, str],
    month_days: int,
) -> tuple[Decimal, str]:
    """A month whose area changes within it: each part of it at its own area's rent,
    prorated by its days as the sheet prorates (days_in_month when unset), each part half-up
    to the cent, and the parts added."""
    first, last = span
    starts = [first, *changes]
    parts: list[tuple[Decimal, str]] = []
    for i, start in enumerate(starts):
        end = starts[i + 1] - timedelta(days=1) if i + 1 < len(starts) else last
        area = area_at(sheet, start)
        rent = period_rent(sheet, years, period, area, indexes)
        days = (end - start).days + 1
        amount, how = _prorate_part(sheet, rent, days, month_days)
        parts.append((amount, f"{start:%m-%d} to {end:%m-%d} on {area:,} sf: {how}"))
    total = sum((amount for amount, _ in parts), ZERO)
    text = "remeasured " + "; ".join(changes.values()) + ": " + "; ".join(t for _, t in parts)
    return total, text


def _prorate_part(
    sheet: LeaseTerms, rent: PeriodRent, days: int, month_days: int
) -> tuple[Decimal, str]:
    if sheet.proration is not None and sheet.proration.value == "annual_365":
        return cents(rent.annual * days / 365), (
            f"{money_str(rent.annual)} x {days} / 365 = {money_str(cents(rent.annual * days / 365))}"
        )
    amount = cents(rent.monthly * days / month_days)
    return amount, f"{money_str(rent.monthly)} x {days} / {month_days} = {money_str(amount)}"


def monthly_abatement(
    sheet: LeaseTerms, abatement: Abatement, rent: PeriodRent, area: Decimal
) -> Decimal:
    """A whole month's abatement: a stated amount, or the base rent of a space or an area
    (area x rate / 12 at the abatement's rate, else the rate in force; a rent stated in
    dollars: the installment x area / the premises' area), or of the whole premises (the
    installment), x fraction, half-up to the cent."""
    if abatement.amount is not None:
        return abatement.amount.value
    fraction = abatement.fraction.value if abatement.fraction is not None else Decimal(1)
    if abatement.space is not None:
        found = space(sheet, abatement.space)
        assert found is not None  # checked at load
        sf = found.area.value
    elif abatement.area is not None:
        sf = abatement.area.value
    else:  # the whole premises (an abatement with `covers` and no space or area)
        return cents(rent.monthly * fraction)
    rate = abatement.rate.value if abatement.rate is not None else rent.rate
    if rate is not None:
        return cents(sf * rate / 12 * fraction)
    return cents(rent.monthly * sf / area * fraction)


@dataclass(frozen=True)
class _AbatementPeriod:
    """An abatement with its first and last day and what it covers, worked out once for the
    roll instead of again for each month."""

    abatement: Abatement
    first: date
    last: date
    base_rent: bool  # whether it abates base rent
    pools: tuple[str, ...]  # the sheet's expense pools it abates


def _abatement_periods(sheet: LeaseTerms) -> list[_AbatementPeriod]:
    """The sheet's abatements in order, those whose period is not written in one form left
    out (they abate nothing)."""
    found = []
    for abatement in sheet.abatements:
        days = abatement.days()
        if days is not None:
            base_rent, pools = covered(sheet, abatement)
            found.append(_AbatementPeriod(abatement, days[0], days[1], base_rent, pools))
    return found


def _scheduled(
    sheet: LeaseTerms, base: _Base, periods: list[_AbatementPeriod]
) -> list[tuple[Abatement, Decimal]]:
    """Each abatement of the month with its amount: a month a span of days (within the term)
    covers in part abates in proportion to its days, half-up to the cent."""
    found = []
    whole = days_in_month(base.month.year, base.month.month)
    for period in periods:
        in_month = _covered_days(period, base) if period.base_rent else None
        if in_month is None:
            continue
        abatement = period.abatement
        monthly = monthly_abatement(sheet, abatement, base.rent, base.area)
        # a month's stated abatement is the month's, whatever part of it the term covers
        whole_month = abatement.month is not None or in_month == whole
        found.append((abatement, monthly if whole_month else cents(monthly * in_month / whole)))
    return found


def _covered_days(period: _AbatementPeriod, base: _Base) -> int | None:
    """How many days of the month's term an abatement's period covers; None for none."""
    first, last = base.term_days
    lo, hi = max(period.first, first), min(period.last, last)
    return (hi - lo).days + 1 if lo <= hi else None


def premises_part(sheet: LeaseTerms, abatement: Abatement, area: Decimal) -> Decimal:
    """The part of the premises an abatement is on: its space's or area's square feet over
    the premises' area (the whole when it names neither), x its fraction; not rounded."""
    fraction = abatement.fraction.value if abatement.fraction is not None else Decimal(1)
    sf: Decimal | None = abatement.area.value if abatement.area is not None else None
    if abatement.space is not None:
        found = space(sheet, abatement.space)
        assert found is not None  # checked at load
        sf = found.area.value
    return fraction * (sf / area if sf is not None and area else Decimal(1))


def _scheduled_expenses(
    sheet: LeaseTerms, base: _Base, periods: list[_AbatementPeriod]
) -> list[tuple[Abatement, str, Decimal]]:
    """Each (abatement, pool, amount) of the month: the pool's estimate x the abatement's part
    of the premises, prorated by days for a month it covers in part, half-up to the cent."""
    estimates = dict(base.estimates)
    found = []
    whole = days_in_month(base.month.year, base.month.month)
    for period in periods:
        in_month = _covered_days(period, base) if period.pools else None
        if in_month is None:
            continue
        abatement = period.abatement
        part = premises_part(sheet, abatement, base.area)
        if abatement.month is None and in_month != whole:
            part = part * in_month / whole
        for pool in period.pools:
            if pool in estimates:
                found.append((abatement, pool, cents(estimates[pool] * part)))
    return found


def _unavailable(
    sheet: LeaseTerms, base: _Base, defaults: list[DefaultPeriod]
) -> DefaultPeriod | None:
    """The default that makes the month's conditional abatement unavailable, if any."""
    condition = sheet.abatement_condition.value
    if condition == "not_then_in_default":
        return default_in_month(defaults, base.month)
    if condition == "not_in_default_on_due_date":
        return in_default_on(defaults, base.due)
    return None


def _first_roll(
    sheet: LeaseTerms, bases: list[_Base], defaults: list[DefaultPeriod], mode: str
) -> list[RentMonth]:
    """Each month with its scheduled abatement, taken unless a default makes it unavailable."""
    periods = _abatement_periods(sheet)
    lines = []
    for base in bases:
        parts = _scheduled(sheet, base, periods)
        # rent abates; it never turns into a credit
        scheduled = min(sum((amount for _, amount in parts), ZERO), base.installment)
        by = MoneyText.joined(MoneyText((f"{a.name()} ", amount)) for a, amount in parts if amount)
        pool_parts = _scheduled_expenses(sheet, base, periods)
        # expenses abate no more than their estimates
        expense_scheduled = min(
            sum((amount for _, _, amount in pool_parts), ZERO),
            sum((amount for _, amount in base.estimates), ZERO),
        )
        expense_by = MoneyText.joined(
            MoneyText((f"{a.name()} {pool} ", amount)) for a, pool, amount in pool_parts if amount
        )
        default = _unavailable(sheet, base, defaults) if scheduled or expense_scheduled else None
        lost = ""
        if default is not None:
            lost = {
                "lost": "abatement lost: {}",
                "suspended": "abatement suspended: {}; reinstated after the cure",
                "credit_at_end": "abatement deferred: {}; credited at the end of the term",
                "clawed_back": "abatement lost: {}",
            }[mode].format(default.describe())
        lines.append(
            RentMonth(
                month=base.month,
                due=base.due,
                lease_year=base.period.id,
                lease_year_number=base.number,
                rate=base.rent.rate,
                area=base.area,
                annual_rent=base.rent.annual,
                base_rent=base.installment,
                scheduled_abatement=scheduled,
                abatement=ZERO if default is not None else scheduled,
                abatement_lost=lost,
                share=share_at(sheet, base.on),
                formula=base.rent.formula,
                days=base.days,
                month_days=base.month_days,
                proration=base.proration,
                abated_by=by,
                lost_to=default,
                escalation=base.rent.escalation,
                unknown=base.rent.unknown,
                expenses=base.estimates,
                scheduled_expense_abatement=expense_scheduled,
                expense_abatement=ZERO if default is not None else expense_scheduled,
                expense_abated_by=expense_by,
                remeasured=base.remeasured,
            )
        )
    return lines


def _reinstate(lines: list[RentMonth]) -> list[RentMonth]:
    """Suspended abatements applied against the installments due after their default is cured
    (and no default makes that month's abatement unavailable), as much as each takes, until
    used up; one never cured stays suspended."""
    pending: list[tuple[DefaultPeriod, Decimal]] = []
    found = []
    for line in lines:
        base_room = line.base_rent - line.abatement
        # reinstated against base rent first, then against the expenses' estimates
        room = base_room + line.expenses_due
        reinstated = ZERO
        by_default: dict[DefaultPeriod, Decimal] = {}
        if line.lost_to is None:
            kept = []
            for default, amount in pending:
                if default.cured is not None and line.due > default.cured and room > 0:
                    used = min(amount, room)
                    room -= used
                    reinstated += used
                    by_default[default] = by_default.get(default, ZERO) + used
                    amount -= used
                if amount:
                    kept.append((default, amount))
            pending = kept
        notes = [
            MoneyText(("reinstated ", used, f" suspended by the {default.describe()}"))
            for default, used in by_default.items()
        ]
        if line.lost_to is not None:
            pending.append(
                (line.lost_to, line.scheduled_abatement + line.scheduled_expense_abatement)
            )
        if reinstated:
            on_base = min(reinstated, base_room)
            line = replace(
                line,
                abatement=line.abatement + on_base,
                expense_abatement=line.expense_abatement + reinstated - on_base,
                reinstated=reinstated,
                abated_by=MoneyText.joined([line.abated_by, *notes]),
            )
        found.append(line)
    return found


def _credit_at_end(lines: list[RentMonth]) -> list[RentMonth]:
    """Abatements deferred by defaults, credited against the term's last installments, the
    last first, as much as each takes."""
    pool = sum(
        (
            line.scheduled_abatement + line.scheduled_expense_abatement
            for line in lines
            if line.lost_to is not None
        ),
        ZERO,
    )
    found = list(lines)
    for i in reversed(range(len(found))):
        if not pool:
            break
        line = found[i]
        credit = min(pool, line.base_rent - line.abatement)
        if credit:
            pool -= credit
            note = MoneyText(
                ("credit ", credit, " at the end of the term for abatements deferred by defaults")
            )
            found[i] = replace(
                line,
                abatement=line.abatement + credit,
                end_credit=credit,
                abated_by=MoneyText.joined([line.abated_by, note]),
            )
    return found


def _claw_back(
    sheet: LeaseTerms, lines: list[RentMonth], defaults: list[DefaultPeriod], as_of: date | None
) -> list[RentMonth]:
    """The first default after some abatement was taken claws back its unamortised part, due
    on the default's date (on that month's line), with interest to the as-of date; every
    abatement scheduled from then on is forfeited."""
    for default in defaults:
        taken = sum(
            (line.abatement + line.expense_abatement for line in lines if line.due < default.start),
            ZERO,
        )
        if not taken:
            continue
        remaining = sum(1 for line in lines if line.due > default.start)
        amount = cents(taken * remaining / len(lines))
        assert sheet.clawback_interest_rate is not None  # checked at load
        rate = sheet.clawback_interest_rate.value
        days = max((as_of - default.start).days, 0) if as_of is not None else 0
        clawback = Clawback(
            default,
            taken,
            remaining,
            len(lines),
            amount,
            rate,
            days,
            cents(amount * rate * days / 365),
        )
        found = []
        for line in lines:
            if line.due >= default.start and (
                line.scheduled_abatement or line.scheduled_expense_abatement
            ):
                forfeited = f"abatement forfeited: clawed back on the {default.describe()}"
                line = replace(
                    line, abatement=ZERO, expense_abatement=ZERO, abatement_lost=forfeited
                )
            if line.month <= default.start <= month_end(line.month):
                line = replace(line, clawback=clawback)
            found.append(line)
        return found
    return lines


def term_roll(
    sheet: LeaseTerms,
    defaults: list[DefaultPeriod],
    as_of: date | None = None,
    indexes: IndexSeries = NO_INDEXES,
    expenses: RollFacts | None = None,
) -> list[RentMonth]:
    """Every month of the term, with what the defaults do to the abatements (`as_of`: the
    date a clawback's interest runs to; `indexes`: the series an indexed rent reads;
    `expenses`: the facts that put the pools' estimates on each line)."""
    years = LeaseYears.of(sheet)
    rents: _PeriodRents = {}
    bases = [
        b
        for month in years.months()
        if (b := _base_month(sheet, years, month, rents, indexes, expenses)) is not None
    ]
    mode = sheet.abatement_on_default.value if sheet.abatement_on_default else "lost"
    lines = _first_roll(sheet, bases, defaults, mode)
    if mode == "suspended":
        lines = _reinstate(lines)
    elif mode == "credit_at_end":
        lines = _credit_at_end(lines)
    elif mode == "clawed_back":
        lines = _claw_back(sheet, lines, defaults, as_of)
    lines = _allowances(sheet, lines, expenses, as_of)
    if not any(s.own_rent is not None for s in sheet.spaces) or not years.periods:
        return lines
    by_month = space_rent_by_month(space_roll(sheet, years.end))
    return [replace(line, space_rent=by_month.get(line.month, ZERO)) for line in lines]


def _allowances(
    sheet: LeaseTerms, lines: list[RentMonth], facts: RollFacts | None, as_of: date | None
) -> list[RentMonth]:
    """Each allowance repaid as additional rent in the months it is amortised over; an unused
    allowance credited, once it has expired on the as-of date, against the base rent due after
    its expiry, the earliest first, as much as each takes."""
    found = list(lines)
    for allowance in sheet.allowances:
        amount, _ = allowance_amount(sheet, allowance)
        if allowance.amortised is not None:
            payment = monthly_repayment(
                amount, allowance.amortised.rate.value, allowance.amortised.months.value
            )
            note = MoneyText(
                (
                    f"{allowance.title or allowance.id} repaid: ",
                    amount,
                    f" at {allowance.amortised.rate.value} / 12 over "
                    f"{allowance.amortised.months.value} months, half-up to the cent",
                )
            )
            for i, line in enumerate(found):
                if repaid_in(sheet, allowance, line.month):
                    found[i] = replace(
                        line,
                        allowance_repayment=line.allowance_repayment + payment,
                        allowance_note=MoneyText.joined([line.allowance_note, note]),
                    )
        if (
            allowance.unused.value != "rent_credit"
            or allowance.expires is None
            or facts is None
            or as_of is None
        ):
            continue
        state = allowance_state(sheet, allowance, facts.draws, as_of)
        pool = state.unused
        expires = allowance.expires.value
        for i, line in enumerate(found):
            if not pool:
                break
            if line.due <= expires:
                continue
            credit = min(pool, line.base_rent_due)
            if credit > 0:
                pool -= credit
                note = MoneyText(
                    (
                        f"{allowance.title or allowance.id} unused ",
                        state.unused,
                        " credited ",
                        credit,
                    )
                )
                found[i] = replace(
                    line,
                    allowance_credit=line.allowance_credit + credit,
                    allowance_note=MoneyText.joined([line.allowance_note, note]),
                )
    return found


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
    as_of: date | None = None,
    indexes: IndexSeries = NO_INDEXES,
    expenses: RollFacts | None = None,
) -> list[RentMonth]:
    """The roll for the term's months that overlap [start, end] (the whole term by default);
    a default's effect on later months is worked out over the whole term."""
    return [
        line
        for line in term_roll(sheet, defaults, as_of, indexes, expenses)
        if not (start is not None and month_end(line.month) < start)
        and not (end is not None and line.month > end)
    ]


def oversized_abatements(
    sheet: LeaseTerms, indexes: IndexSeries = NO_INDEXES
) -> list[tuple[Abatement, date, Decimal, Decimal]]:
    """Each month whose abatements' stated total is more than its installment: (the month's
    first abatement, the month, the stated total, the installment). Rent abates and never
    turns into a credit, so only the installment abates; a larger amount is likely a typo."""
    years = LeaseYears.of(sheet)
    periods = [p for p in _abatement_periods(sheet) if p.base_rent]
    rents: _PeriodRents = {}
    found = []
    for month in years.months():
        # a month no abatement of base rent reaches has nothing to check: its rent, the
        # costly part, is not worked out
        last = month_end(month)
        if not any(p.first <= last and p.last >= month for p in periods):
            continue
        base = _base_month(sheet, years, month, rents, indexes)
        parts = _scheduled(sheet, base, periods) if base is not None else []
        total = sum((amount for _, amount in parts), ZERO)
        if base is not None and parts and total > base.installment:
            found.append((parts[0][0], month, total, base.installment))
    return found


def abatement_terms(sheet: LeaseTerms, line: RentMonth) -> list[Term[Any]]:
    """The terms behind the month's scheduled abatements: each one's amount or rate (else the
    term that sets its period)."""
    found: list[Term[Any]] = []
    for abatement in sheet.abatements:
        days = abatement.days()
        if days is None or days[1] < line.month or days[0] > month_end(line.month):
            continue
        term = abatement.amount or abatement.rate or abatement.area or abatement.period_term()
        if term is not None:
            found.append(term)
    return found
