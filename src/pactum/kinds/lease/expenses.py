"""What a tenant pays of each pool of building expenses (operating costs, real estate taxes):
its share of the year's expenses, or of their excess over a base (a base year's expenses, a
dollar base amount, or an expense stop per rentable square foot of the building), with the
controllable part of operating expenses capped.

For a calendar year Y of opex.csv:
    counted(Y)  = the pool's rows (operating: operating + controllable, the controllable part
                  up to the cap's limit, rounded half-up to the cent)
    excess(Y)   = max(0, counted(Y) - base)
    charge(Y)   = round(excess(Y) x the average of the 12 monthly shares), half-up to the cent
    estimate(m) = round(max(0, estimated(Y) - base) / 12 x the share on m's due date)
    balance(Y)  = charge(Y) - the estimates billed (positive: owed by the tenant)
A month's share is the pool's own, else the proportionate share in force on its due date, and
zero before the pool's payments start or outside the term. Estimates are the landlord's budget:
the cap applies at reconciliation, to the actual expenses.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from pactum.facts.opex import Opex
from pactum.kinds.lease.lease_years import LeaseYears, due_date
from pactum.kinds.lease.schema import ControllableCap, ExpensePool, LeaseTerms
from pactum.kinds.lease.share import share_at
from pactum.money import ZERO, cents, money_str


def month_share(sheet: LeaseTerms, pool: ExpensePool, month: date) -> Decimal:
    """The tenant's share of `pool` for `month` (zero before payments start or off the term)."""
    years = LeaseYears.of(sheet)
    if not years.periods or not years.contains_month(month):
        return ZERO
    due = due_date(sheet, month)
    if pool.payments_start is not None and due < pool.payments_start.value:
        return ZERO
    if pool.share is not None:
        return pool.share.value
    return share_at(sheet, due) or ZERO


def average_share(sheet: LeaseTerms, pool: ExpensePool, year: int) -> Decimal:
    return sum((month_share(sheet, pool, date(year, m, 1)) for m in range(1, 13)), ZERO) / 12


@dataclass(frozen=True)
class Counted:
    """A year's expenses of a pool as the lease counts them."""

    total: Decimal
    controllable: Decimal | None  # as incurred
    controllable_counted: Decimal | None  # up to the cap's limit
    limit: Decimal | None  # the cap's limit for the year
    sources: tuple[str, ...]


def _categories(pool: ExpensePool) -> tuple[str, ...]:
    return ("operating", "controllable") if pool.pool == "operating" else ("taxes",)


def counted(
    opex: Opex, agreement: str, sheet: LeaseTerms, pool: ExpensePool, year: int, actual: bool
) -> Counted | None:
    """The year's `actual` (or estimated) expenses of the pool, the controllable part capped
    (actuals only); None when a row it needs is missing or not closed."""
    amounts: dict[str, Decimal] = {}
    where: list[str] = []
    for category in _categories(pool):
        row = opex.year(agreement, year, category)
        if row is None:
            continue
        amount = row.actual if actual else row.estimated
        if amount is None:
            return None
        amounts[category] = amount
        where.append(row.where)
    if not amounts:
        return None
    controllable = amounts.get("controllable")
    if controllable is None or pool.controllable_cap is None or not actual:
        return Counted(sum(amounts.values(), ZERO), controllable, controllable, None, tuple(where))
    limit = cap_limit(opex, agreement, sheet, pool, pool.controllable_cap, year)
    if limit is None:
        return None
    kept = min(controllable, limit)
    return Counted(amounts.get("operating", ZERO) + kept, controllable, kept, limit, tuple(where))


def cap_year(opex: Opex, agreement: str, pool: ExpensePool) -> int | None:
    """The year the cap counts from: the pool's base year, else the facts' first."""
    if pool.base_year is not None:
        return pool.base_year.value
    return opex.first_year(agreement, "controllable")


def cap_limit(
    opex: Opex,
    agreement: str,
    sheet: LeaseTerms,
    pool: ExpensePool,
    cap: ControllableCap,
    year: int,
) -> Decimal | None:
    """The most of the year's controllable expenses that counts (the cap year's: all of it);
    None when a year it rests on is not known."""
    first = cap_year(opex, agreement, pool)
    if first is None or year <= first:
        row = opex.year(agreement, year, "controllable")
        return row.actual if row is not None else None
    rate = cap.rate.value
    if cap.cumulative.value:
        base = opex.year(agreement, first, "controllable")
        if base is None or base.actual is None:
            return None
        years = year - first
        compounding = cap.compounding is None or cap.compounding.value
        factor = (1 + rate) ** years if compounding else 1 + rate * years
        return cents(base.actual * factor)
    before = counted(opex, agreement, sheet, pool, year - 1, True)
    if before is None or before.controllable_counted is None:
        return None
    return cents(before.controllable_counted * (1 + rate))


def base_of(
    opex: Opex, agreement: str, sheet: LeaseTerms, pool: ExpensePool
) -> tuple[Decimal | None, str]:
    """What the excess is over, and how it was found (None: the base year is not closed)."""
    if pool.base_year is not None:
        found = counted(opex, agreement, sheet, pool, pool.base_year.value, True)
        total = found.total if found else None
        return total, f"the base year {pool.base_year.value}'s expenses"
    if pool.base_amount is not None:
        return pool.base_amount.value, "the base amount"
    if pool.stop_per_sf is not None:
        assert sheet.building_area is not None  # checked at load
        building = sheet.building_area.value
        return (
            cents(pool.stop_per_sf.value * building),
            f"the stop {money_str(pool.stop_per_sf.value)} x {building:,} sf",
        )
    return ZERO, "no base"


@dataclass(frozen=True)
class PoolYear:
    pool: str
    year: int
    counted: Counted
    base: Decimal
    base_text: str
    excess: Decimal
    average_share: Decimal
    charge: Decimal
    estimates_billed: Decimal

    @property
    def balance(self) -> Decimal:
        """Owed by the tenant (positive) or refunded (negative)."""
        return self.charge - self.estimates_billed


def pool_estimate(
    opex: Opex, agreement: str, sheet: LeaseTerms, pool: ExpensePool, month: date
) -> Decimal | None:
    """The month's estimated payment of the pool (None: no estimate for its year)."""
    estimated = counted(opex, agreement, sheet, pool, month.year, False)
    base, _ = base_of(opex, agreement, sheet, pool)
    if estimated is None or base is None:
        return None
    excess = max(ZERO, estimated.total - base)
    return cents(excess / 12 * month_share(sheet, pool, month))


def pool_year(
    opex: Opex, agreement: str, sheet: LeaseTerms, pool: ExpensePool, year: int
) -> PoolYear | None:
    """The year's charge and reconciliation; None until its actuals (and base) are known."""
    found = counted(opex, agreement, sheet, pool, year, True)
    base, base_text = base_of(opex, agreement, sheet, pool)
    if found is None or base is None:
        return None
    excess = max(ZERO, found.total - base)
    average = average_share(sheet, pool, year)
    billed = ZERO
    for m in range(1, 13):
        billed += pool_estimate(opex, agreement, sheet, pool, date(year, m, 1)) or ZERO
    return PoolYear(
        pool.pool, year, found, base, base_text, excess, average, cents(excess * average), billed
    )


def last_closed(
    opex: Opex, agreement: str, sheet: LeaseTerms, pool: ExpensePool, before: int
) -> PoolYear | None:
    """The latest year before `before` whose charge is known."""
    years = sorted(
        {y.year for y in opex.years if y.category in _categories(pool) and y.year < before},
        reverse=True,
    )
    for year in years:
        found = pool_year(opex, agreement, sheet, pool, year)
        if found is not None:
            return found
    return None
