"""What a fee comes to: for one period of a periodic fee, or once.

A rate per annum on a base is `rate x base x days / year` for the period, the days and the year
as the day count counts them (`pactum.day_count`). The average bases read the agreement's daily
balances (`pactum.facts.balances`): the average outstanding is the sum of the period's daily
balances over its actual days, and the average unused is the named amount less that, never
below zero. Everything is exact until the end of the period, where the fee is rounded half-up
to the cent; the trace says so, with the exact figure. A condition compares the period's usage
(average outstanding / the amount) with its level exactly, never through a rounded percentage.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from pactum.clauses.api import Agreement
from pactum.day_count import YearFraction, year_fraction
from pactum.facts.balances import AgreementBalances, DailySum
from pactum.fees.named import named_term
from pactum.fees.periods import FeePeriod
from pactum.fees.schema import Condition, Fee
from pactum.findings import SourceRef, Trace, Value
from pactum.money import cents, money_str, percent_str, ratio_str
from pactum.terms.values import Term, sources

ROUNDING = "half-up to the cent at the end of the period"


@dataclass(frozen=True)
class Charge:
    """A fee for a period: the amount, or why it is not known."""

    amount: Decimal | None  # None: not known (see `missing`)
    due: bool  # False: the condition did not hold, nothing is due for the period
    trace: Trace
    missing: str = ""  # why the amount is not known


@dataclass(frozen=True)
class Named:
    """A named amount and the term behind it."""

    name: str
    term: Term[Any]

    @property
    def value(self) -> Decimal:
        value = self.term.value
        assert isinstance(value, Decimal)  # the clause's checks found a number under the name
        return value


def base_amount(fee: Fee, agreement: Agreement) -> Named | None:
    """The amount the fee's base names, if it has a base."""
    named = fee.base.named() if fee.base is not None else None
    return Named(named[1], named_term(agreement, named[1])) if named else None


def condition_amount(fee: Fee, agreement: Agreement) -> Named | None:
    """The amount the condition's usage is measured against: its own, or the base's."""
    if fee.condition is None:
        return None
    if fee.condition.amount is not None:
        return Named(fee.condition.amount, named_term(agreement, fee.condition.amount))
    return base_amount(fee, agreement)


def flat_charge(fee: Fee, agreement: Agreement) -> tuple[Decimal, Trace]:
    """A fee whose amount the terms fix: a fixed amount, or a flat rate of a named amount
    (a one-time or per-event fee), rounded half-up to the cent."""
    if fee.amount is not None:
        return fee.amount.value, Trace("fixed amount", {"amount": money_str(fee.amount.value)})
    assert fee.rate is not None and fee.base is not None
    base = base_amount(fee, agreement)
    assert base is not None
    share = fee.base.share.value if fee.base.share is not None else Decimal(1)
    exact = fee.rate.value * base.value * share
    inputs = {"rate": str(fee.rate.value), base.name: money_str(base.value)}
    if fee.base.share is not None:
        inputs["share"] = str(share)
    inputs["exact"] = _exact(exact)
    return cents(exact), Trace(
        "rate x amount" + (" x share" if fee.base.share is not None else "") + ", rounded "
        "half-up to the cent",
        inputs,
        sources(fee.rate, base.term, fee.base.share),
    )


def period_charge(
    fee: Fee,
    agreement: Agreement,
    period: FeePeriod,
    balances: AgreementBalances,
    balances_file: str,
    as_of: date,
    figure: Callable[[str, date], Value | None] | None = None,
) -> Charge:
    """The fee for one period of a fee worked out period by period; `figure` gives an
    earlier clause's figure on a day (a rate read from a pricing grid's column)."""
    base = base_amount(fee, agreement)
    measured = condition_amount(fee, agreement)
    reads_balances = (fee.base is not None and fee.base.averages) or fee.condition is not None
    inputs: dict[str, str] = {"period": period.span}
    if fee.rate is not None:
        inputs["rate"] = str(fee.rate.value)
    if fee.amount is not None:
        inputs["amount"] = money_str(fee.amount.value)
    terms: list[Term[Any] | None] = [fee.amount, fee.rate]
    if base is not None:
        terms.append(base.term)
        inputs[base.name] = money_str(base.value)
    formula = _formula(fee)
    daily: DailySum | None = None
    if reads_balances:
        if period.last > as_of:
            missing = f"known at the end of the period ({period.last.isoformat()})"
            return Charge(None, True, Trace(formula, inputs, _sources(fee, terms)), missing)
        daily = balances.daily_sum(period.first, period.last)
        if daily is None:
            missing = (
                f"{balances_file} has no balance for {agreement.id} on or before "
                f"{period.first.isoformat()}"
            )
            return Charge(None, True, Trace(formula, inputs, _sources(fee, terms)), missing)
        inputs["daily balances"] = _rows(daily, balances_file)
        inputs["days"] = str(daily.days)
        inputs["average outstanding"] = money_str(daily.average) + " (shown to the cent)"
    if fee.condition is not None and measured is not None and daily is not None:
        holds = _condition(fee.condition, measured, daily, inputs)
        terms += [fee.condition.comparator, fee.condition.level]
        if fee.condition.amount is not None:
            terms.append(measured.term)
        if not holds:
            inputs["fee"] = "0.00 (the condition does not hold)"
            return Charge(Decimal(0), False, Trace(formula, inputs, _sources(fee, terms)))
    rates: list[RateRun] | None = None
    terms_refs: tuple[SourceRef, ...] = ()
    if fee.rate_from is not None:
        assert figure is not None  # the fees clause passes its context's figures
        if period.last > as_of:
            missing = f"known at the end of the period ({period.last.isoformat()})"
            return Charge(None, True, Trace(formula, inputs, _sources(fee, terms)), missing)
        found = rate_runs(fee.rate_from, period, figure, balances)
        if isinstance(found, str):
            return Charge(None, True, Trace(formula, inputs, _sources(fee, terms)), found)
        rates = found
        inputs["rate"] = "; ".join(run.described for run in rates)
        grid_terms = {ref for run in rates for ref in run.sources}
        terms_refs = tuple(sorted(grid_terms, key=str))
    exact = _exact_fee(fee, base, period, daily, inputs, rates)
    inputs["exact"] = _exact(exact)
    inputs["rounded"] = ROUNDING
    refs = _sources(fee, terms)
    if rates is not None:
        refs = (*refs, *(r for r in terms_refs if r not in refs))
    return Charge(cents(exact), True, Trace(formula, inputs, refs))


@dataclass(frozen=True)
class RateRun:
    """Consecutive days of a period at one rate read from a figure, and their balances."""

    first: date
    last: date
    rate: Decimal
    days: int
    balance_sum: Decimal  # the sum of the days' outstanding balances
    why: str  # where the rate comes from: the grid, its tier, the figure keyed on
    sources: tuple[SourceRef, ...]

    @property
    def described(self) -> str:
        return (
            f"{percent_str(self.rate, 4)} {self.first.isoformat()} to {self.last.isoformat()} "
            f"({self.why})"
        )


def rate_runs(
    ref: str,
    period: FeePeriod,
    figure: Callable[[str, date], Value | None],
    balances: AgreementBalances,
) -> list[RateRun] | str:
    """The period's days in runs of one rate, read day by day from the figure `ref`; or why
    the rate is not known on a day (never read as zero)."""
    runs: list[RateRun] = []
    day = period.first
    while day <= period.last:
        value = figure(ref, day)
        if value is None or not isinstance(value.value, Decimal):
            why = value.trace.formula if value is not None and value.trace else "not computed"
            return f"{ref} is not known on {day.isoformat()}: {why}"
        balance = balances.in_force(day)
        outstanding = balance.outstanding if balance is not None else Decimal(0)
        why = _rate_why(ref, value)
        last = runs[-1] if runs else None
        if last is not None and last.rate == value.value and last.why == why:
            runs[-1] = RateRun(
                last.first,
                day,
                last.rate,
                last.days + 1,
                last.balance_sum + outstanding,
                why,
                last.sources,
            )
        else:
            refs = value.trace.sources if value.trace else ()
            runs.append(RateRun(day, day, value.value, 1, outstanding, why, refs))
        day += timedelta(days=1)
    return runs


def _rate_why(ref: str, value: Value) -> str:
    """The figure's own account of the rate: the grid, its tier and what it was keyed on."""
    if value.trace is None:
        return ref
    given = dict(value.trace.inputs)
    parts = [given[k] for k in ("grid", "tier", "figure") if k in given]
    if given.get("effective from", "the as-of date") != "the as-of date":
        parts.append(f"in force from {given['effective from']}")
    return f"{ref}: " + ("; ".join(parts) or value.trace.formula)


def _exact_fee(
    fee: Fee,
    base: Named | None,
    period: FeePeriod,
    daily: DailySum | None,
    inputs: dict[str, str],
    rates: list[RateRun] | None = None,
) -> Decimal:
    if fee.amount is not None:  # a fixed fee with a condition
        return fee.amount.value
    assert fee.base is not None and fee.day_count is not None
    assert base is not None
    if rates is not None:
        return _exact_by_rate(fee, base, period, rates, inputs)
    assert fee.rate is not None
    fraction = year_fraction(fee.day_count.value, period.first, period.last + timedelta(days=1))
    inputs["day count"] = str(fraction)
    share = fee.base.share.value if fee.base.share is not None else Decimal(1)
    if fee.base.share is not None:
        inputs["share"] = str(share)
    if daily is None:  # the named amount itself
        return fee.rate.value * base.value * share * fraction.days / fraction.year_days
    if fee.base.average_unused is not None:
        # the unused amount's daily sum: the amount on every day less the balances' sum
        unused = max(base.value * daily.days - daily.total, Decimal(0))
        inputs["average unused"] = money_str(unused / daily.days) + " (shown to the cent)"
        summed = unused
    else:
        summed = daily.total
    return _divided(fee.rate.value * share * summed, daily.days, fraction)


def _exact_by_rate(
    fee: Fee, base: Named, period: FeePeriod, rates: list[RateRun], inputs: dict[str, str]
) -> Decimal:
    """The fee at a rate that changes within the period: each run of days at its rate on its
    own days' base (the unused amount of a run never below zero), then as for one rate; with
    one rate over the whole period this is the single-rate formula exactly."""
    assert fee.base is not None and fee.day_count is not None
    fraction = year_fraction(fee.day_count.value, period.first, period.last + timedelta(days=1))
    inputs["day count"] = str(fraction)
    share = fee.base.share.value if fee.base.share is not None else Decimal(1)
    if fee.base.share is not None:
        inputs["share"] = str(share)
    summed = Decimal(0)
    for run in rates:
        if fee.base.average_unused is not None:
            on = max(base.value * run.days - run.balance_sum, Decimal(0))
        elif fee.base.average_outstanding is not None:
            on = run.balance_sum
        else:
            on = base.value * run.days
        summed += run.rate * on
    days = sum(run.days for run in rates)
    return _divided(share * summed, days, fraction)


def _divided(numerator: Decimal, days: int, fraction: YearFraction) -> Decimal:
    """numerator / days (an average) x the year fraction, with a single division."""
    return numerator * fraction.days / (days * fraction.year_days)


def _condition(
    condition: Condition, measured: Named, daily: DailySum, inputs: dict[str, str]
) -> bool:
    """Whether usage (average outstanding / amount) compares with the level as required:
    sum of balances against level x amount x days, exactly."""
    level = condition.level.value
    comparator = condition.comparator.value
    holds = comparator.holds(daily.total, level * measured.value * daily.days)
    if measured.value:
        usage = _percent(daily.total / (measured.value * daily.days))
    else:
        usage = "n/a (the amount is zero)"
    inputs["usage"] = f"{usage} of {measured.name} {money_str(measured.value)}"
    inputs["condition"] = (
        f"usage {comparator.sign} {percent_str(level)}: {'holds' if holds else 'does not hold'}"
    )
    return holds


def _percent(fraction: Decimal) -> str:
    """A usage as a percent: two places, or as many more (up to eight) as it takes to show
    it exactly, so that 49.99999% is not shown as the 50.00% it falls short of."""
    shown = percent_str(fraction)
    if Decimal(shown[:-1]) == fraction * 100:
        return shown
    return _exact(fraction * 100) + "%"


def _formula(fee: Fee) -> str:
    if fee.amount is not None:
        formula = "amount"
    else:
        assert fee.base is not None
        share = " x share" if fee.base.share is not None else ""
        if fee.base.average_unused is not None:
            what = "(amount - average daily outstanding)"
        elif fee.base.average_outstanding is not None:
            what = "average daily outstanding"
        else:
            what = "amount"
        formula = f"rate x {what}{share} x days / year, rounded {ROUNDING}"
        if fee.rate_from is not None:
            formula = (
                f"sum over runs of days of {fee.rate_from} x {what}{share} / days x days / "
                f"year, rounded {ROUNDING}"
            )
    if fee.condition is not None:
        comparator = fee.condition.comparator.value
        formula += (
            f"; due only while usage (average daily outstanding / amount) {comparator.sign} "
            f"{percent_str(fee.condition.level.value)}"
        )
    return formula


def _rows(daily: DailySum, file: str) -> str:
    rows = ", ".join(str(b.row) for b in daily.rows)
    # a facility whose rows name rate bases: each balance says which rows it adds up
    held = "; ".join(
        b.what or f"{money_str(b.outstanding)} from {b.since.isoformat()}" for b in daily.rows
    )
    return f"{file} rows {rows}: {held} (each until the next); sum {money_str(daily.total)}"


def _exact(amount: Decimal) -> str:
    """An exact figure as the trace shows it: to eight places, the rounding point later."""
    return ratio_str(amount, 8).rstrip("0").rstrip(".")


def _sources(fee: Fee, terms: list[Term[Any] | None]) -> tuple[SourceRef, ...]:
    share = fee.base.share if fee.base is not None else None
    found = sources(
        *terms,
        share,
        fee.day_count,
        fee.timing,
        fee.day_of_month,
        fee.days_after_period_end,
        fee.roll,
    )
    unique: list[SourceRef] = []
    for ref in found:
        if ref not in unique:
            unique.append(ref)
    return tuple(unique)
