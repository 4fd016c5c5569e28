"""The fees clause's values: what its fees cost a year and once, and each fee worked out period
by period for its latest period ended by the as-of date."""

from __future__ import annotations

from decimal import Decimal

from pactum.fees.charges import flat_charge
from pactum.fees.obligations import FeeRun, missing_alert
from pactum.fees.periods import latest_ended
from pactum.fees.schema import Every
from pactum.findings import Alert, SourceRef, Trace, Unit, Value
from pactum.money import ZERO, money_str
from pactum.terms.values import sources

# the periods of a year, and how the formula names the fees charged so
_PER_YEAR = {Every.month: 12, Every.quarter: 4, Every.year: 1}
_NAMED = {
    Every.month: "monthly fees x 12",
    Every.quarter: "quarterly fees x 4",
    Every.year: "annual fees x 1",
    Every.event: "event fees x their yearly maximum",
}


def cost_values(run: FeeRun) -> list[Value]:
    """`annual_fee_cost`: recurring fees for a year at their most (periodic fixed fees x their
    periods, event fees x their yearly maximum); `one_time_fees`; `first_year_fee_cost`, both.
    A fee worked out from each period's figures is not in them (its trace says so)."""
    fees = run.terms.fees
    recurring = ZERO
    inputs: dict[str, str] = {}
    kinds: set[Every] = set()
    for fee in fees:
        if fee.computed and fee.has_rate:
            inputs[fee.id] = "not included: worked out each period from its figures"
            continue
        if fee.every in _PER_YEAR and not fee.has_rate:
            assert fee.amount is not None
            count = _PER_YEAR[fee.every]
            recurring += fee.amount.value * count
            inputs[fee.id] = f"{count} x {money_str(fee.amount.value)}"
            kinds.add(fee.every)
        elif fee.every is Every.event and fee.max_per_year is not None:
            amount, _ = flat_charge(fee, run.agreement)
            recurring += amount * fee.max_per_year.value
            inputs[fee.id] = f"{fee.max_per_year.value} x {money_str(amount)}"
            kinds.add(fee.every)
        elif fee.every is Every.event:
            inputs[fee.id] = "not included: no yearly maximum"
    once = {fee.id: flat_charge(fee, run.agreement)[0] for fee in fees if fee.every is Every.once}
    one_time = sum(once.values(), ZERO)
    fee_sources = _fee_sources(run)
    formula = " + ".join(_NAMED[k] for k in _NAMED if k in kinds) or "no recurring fees"
    return [
        Value(
            "annual_fee_cost",
            recurring,
            Unit.money,
            "Annual fees (recurring, at most)",
            Trace(formula, inputs, fee_sources),
        ),
        Value(
            "one_time_fees",
            one_time,
            Unit.money,
            "One-time fees",
            Trace(
                "sum of one-time fees",
                {fee_id: money_str(amount) for fee_id, amount in once.items()},
                fee_sources,
            ),
        ),
        Value(
            "first_year_fee_cost",
            recurring + one_time,
            Unit.money,
            "First-year fees",
            Trace(
                "annual_fee_cost + one_time_fees",
                {"annual_fee_cost": money_str(recurring), "one_time_fees": money_str(one_time)},
            ),
        ),
    ]


def _fee_sources(run: FeeRun) -> tuple[SourceRef, ...]:
    """Each fee's amount, or its rate and base."""
    return sources(*(fee.amount if fee.amount is not None else fee.rate for fee in run.terms.fees))


def period_values(run: FeeRun) -> tuple[list[Value], list[Alert]]:
    """`fee_<id>` for each fee worked out period by period: its latest period ended on or
    before the as-of date (empty when no balance covers it, with a warning)."""
    values: list[Value] = []
    alerts: list[Alert] = []
    for fee in run.terms.fees:
        if not fee.computed:
            continue
        period = latest_ended(fee, run.starts, run.ends, run.as_of)
        if period is None:
            continue  # no period of the fee has ended yet
        charge = run.charge(fee, period)
        amount: Decimal | None = charge.amount
        values.append(
            Value(f"fee_{fee.id}", amount, Unit.money, f"{fee.title}, {period.span}", charge.trace)
        )
        if amount is None:
            alerts.append(missing_alert(fee, period, charge))
    return values, alerts
