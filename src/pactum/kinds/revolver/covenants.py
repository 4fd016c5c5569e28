"""Financial covenant tests at fiscal quarter ends, with headroom in the test's own unit and
in the driving item (how far EBITDA or TNW could fall before the test fails)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

from pactum.dates import quarter_ends_between
from pactum.definitions import DefinitionSet, MissingItem
from pactum.expressions import ExpressionError
from pactum.facts.financials import Financials
from pactum.findings import Basis, Comparator, Headroom, SourceRef, TestResult, Trace, Unit
from pactum.kinds.revolver.periods import PeriodItems, period_items
from pactum.kinds.revolver.schema import Covenant, RevolverTerms
from pactum.money import money_str
from pactum.schedule import DatedSchedule
from pactum.schedule import Step as ScheduleStep
from pactum.terms.values import Term, sources


def level_schedule(covenant: Covenant) -> DatedSchedule | None:
    if covenant.schedule is None:
        return None
    step = None
    if covenant.then is not None:
        step = ScheduleStep(covenant.then.add.value, covenant.then.every.value)
    return DatedSchedule(tuple((d, t.value) for d, t in covenant.schedule.items()), step)


def required_at(covenant: Covenant, on: date) -> tuple[Decimal | None, str]:
    schedule = level_schedule(covenant)
    if schedule is not None:
        return schedule.value_at(on), schedule.explain_at(on)
    assert covenant.level is not None
    return covenant.level.value, f"{covenant.level.value} throughout"


def covenant_sources(covenant: Covenant) -> tuple[SourceRef, ...]:
    terms: list[Term[Any] | None] = [covenant.level, covenant.trailing_quarters]
    if covenant.schedule:
        terms += list(covenant.schedule.values())
    if covenant.then:
        terms += [covenant.then.add, covenant.then.every]
    return sources(*terms)


def test_dates(
    dated: date | None, covenant: Covenant, financials: Financials, as_of: date, fy_end: int
) -> list[date]:
    """Quarter ends to test: from the covenant's first level (or the first quarter end after
    the agreement's date) through the as-of date, plus later quarters that have forecasts."""
    if covenant.schedule:
        start = min(covenant.schedule)
    elif dated is not None:
        start = dated
    else:
        start = min(financials.periods(), default=as_of)
    last_forecast = max(
        (p for p in financials.periods() if p > as_of and financials.basis_of(p) == "forecast"),
        default=as_of,
    )
    dates = quarter_ends_between(start, last_forecast, fy_end)
    return [q for q in dates if q <= as_of or financials.basis_of(q) == "forecast"]


def evaluate_covenant(
    sheet: RevolverTerms,
    covenant: Covenant,
    definitions: DefinitionSet,
    financials: Financials,
    on: date,
) -> TestResult:
    quarters = covenant.trailing_quarters.value if covenant.trailing_quarters else 1
    items = sheet.financial_items
    assert items is not None  # a sheet with covenants declares them (checked at load)
    period = period_items(financials, on, items.balance, items.flow, quarters)
    is_ratio = covenant.metric is None
    unit = Unit.ratio if is_ratio else Unit.money
    comparator = Comparator.at_least if covenant.bound == "minimum" else Comparator.at_most
    required, level_text = required_at(covenant, on)
    # not evaluated until the facts allow it
    pending = TestResult(
        id=covenant.id,
        label=covenant.title,
        test_date=on,
        basis=period.basis,
        comparator=comparator,
        unit=unit,
        required=required,
        actual=None,
        passed=None,
    )
    if period.missing is not None:
        return replace(pending, note=period.missing)
    try:
        numerator, denominator, trace = _measure(covenant, definitions, period)
    except MissingItem as exc:
        return replace(pending, note=f"no {exc.item} for the period ending {on.isoformat()}")
    except ExpressionError as exc:  # e.g. a definition that divides by a zero item
        return replace(pending, note=str(exc))
    if denominator == 0:
        return replace(pending, note=f"{covenant.denominator} is zero: the ratio is undefined")
    actual = numerator / denominator
    assert required is not None
    passed = actual >= required if covenant.bound == "minimum" else actual <= required
    headroom = actual - required if covenant.bound == "minimum" else required - actual
    driver = _driver_headroom(covenant, definitions, period, required)
    return replace(
        pending,
        actual=actual,
        passed=passed,
        headroom=headroom,
        driver_headroom=driver,
        note="" if period.basis is Basis.actual else "projected from forecast",
        trace=Trace(
            trace.formula,
            (*trace.inputs, ("required", f"{required} ({level_text})")),
            covenant_sources(covenant),
        ),
    )


def _measure(
    covenant: Covenant,
    definitions: DefinitionSet,
    period: PeriodItems,
    override: dict[str, Decimal] | None = None,
) -> tuple[Decimal, Decimal, Trace]:
    names = (
        [covenant.metric]
        if covenant.metric is not None
        else [covenant.numerator, covenant.denominator]
    )
    inputs: dict[str, str] = {}
    steps: list[str] = []
    results = []
    for name in names:
        assert name is not None
        resolution = definitions.resolve(name, period.items, override)
        results.append(resolution.value)
        inputs[name] = money_str(resolution.value)
        steps += [s for s in resolution.steps if s not in steps]
        inputs.update({k: money_str(v) for k, v in resolution.items.items()})
    span = (
        f" over {len(period.quarters)} quarters to {period.end}" if len(period.quarters) > 1 else ""
    )
    formula = " / ".join(n for n in names if n) + span
    if steps:
        formula += "; " + "; ".join(steps)
    denominator = results[1] if len(results) == 2 else Decimal(1)
    return results[0], denominator, Trace(formula, inputs)


def _driver_headroom(
    covenant: Covenant, definitions: DefinitionSet, period: PeriodItems, required: Decimal
) -> Headroom | None:
    """How far the driver can fall before the test fails.

    Numerator and denominator are affine in the driver (definitions are sums and differences),
    so one evaluation at driver + 1 gives their slopes, and the break-even is solved exactly.
    """
    if covenant.driver is None:
        return None
    try:
        start = definitions.resolve(covenant.driver, period.items).value
        n0, d0, _ = _measure(covenant, definitions, period)
        n1, d1, _ = _measure(covenant, definitions, period, {covenant.driver: start + 1})
    except (MissingItem, ExpressionError):
        return None
    n_slope, d_slope = n1 - n0, d1 - d0
    divisor = n_slope - required * d_slope
    if divisor == 0:
        return None
    change_to_break_even = (required * d0 - n0) / divisor
    return Headroom(covenant.driver, -change_to_break_even)
