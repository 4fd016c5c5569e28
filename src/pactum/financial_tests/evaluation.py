"""One financial test on one date: the level in force, the measuring period, the figure over
it, pass or fail as the contract compares them, and the headroom in the test's own unit and in
the driving item (how far EBITDA or TNW could fall before the test fails)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from typing import Any

from pactum.dates import Recurrence, period_ends
from pactum.definitions import DefinitionSet, MissingItem
from pactum.expressions import ExpressionError
from pactum.facts.financials import Financials
from pactum.financial_tests.measuring import PeriodItems, measuring_period, period_items
from pactum.financial_tests.schema import (
    FinancialItems,
    FinancialTest,
    Measured,
    NonPositiveDenominator,
)
from pactum.findings import Basis, Comparator, Headroom, SourceRef, TestResult, Trace, Unit
from pactum.money import money_str
from pactum.schedule import DatedSchedule
from pactum.schedule import Step as ScheduleStep
from pactum.terms.named_dates import DateResolver, ResolvedDate
from pactum.terms.values import Term, source_ref, sources

_COMPARATORS = {
    ("minimum", True): Comparator.at_least,
    ("minimum", False): Comparator.more_than,
    ("maximum", True): Comparator.at_most,
    ("maximum", False): Comparator.less_than,
}


@dataclass(frozen=True)
class Measures:
    """What the tests of one clause read: its items, definitions and the company's financials
    as known on the as-of date."""

    items: FinancialItems
    definitions: DefinitionSet
    financials: Financials
    fy_end_month: int


def schedule_dates(test: FinancialTest, dates: DateResolver) -> dict[date, Term[Decimal]]:
    """The level schedule with each named date worked out (a name that waits on an event
    with no estimate is left out: its level is not yet in force)."""
    found: dict[date, Term[Decimal]] = {}
    for key, term in (test.schedule or {}).items():
        if isinstance(key, date):
            found[key] = term
        else:
            day = dates.named_date(key)
            if isinstance(day, ResolvedDate):
                found[day.day] = term
    return found


def level_schedule(test: FinancialTest, dates: DateResolver) -> DatedSchedule | None:
    schedule = schedule_dates(test, dates)
    if not schedule:
        return None
    step = None
    if test.then is not None:
        step = ScheduleStep(test.then.add.value, test.then.every.value)
    return DatedSchedule(tuple((d, t.value) for d, t in schedule.items()), step)


def required_at(test: FinancialTest, on: date, dates: DateResolver) -> tuple[Decimal | None, str]:
    """The level in force on `on` and how it was reached (None before the schedule starts)."""
    if test.level is not None:
        return test.level.value, f"{test.level.value} throughout"
    schedule = level_schedule(test, dates)
    if schedule is None:
        return None, "no level in force: its schedule's dates are not yet known"
    return schedule.value_at(on), schedule.explain_at(on)


def level_source(test: FinancialTest, on: date, dates: DateResolver) -> SourceRef | None:
    """The source of the level in force on `on`: the single level, else the schedule's last
    entry on or before it (a `then` step carries that entry on)."""
    if test.level is not None:
        return source_ref(test.level)
    entries = [(day, term) for day, term in schedule_dates(test, dates).items() if day <= on]
    return source_ref(max(entries, key=lambda e: e[0])[1]) if entries else None


def test_sources(test: FinancialTest) -> tuple[SourceRef, ...]:
    terms: list[Term[Any] | None] = [test.level]
    for measure in test.measures:
        terms += [measure.trailing_months, measure.trailing_quarters, measure.fiscal_year_to_date]
        terms += [measure.since]
    if test.schedule:
        terms += list(test.schedule.values())
    if test.then:
        terms += [test.then.add, test.then.every]
    if test.inclusive.cite or test.inclusive.assumed:
        terms.append(test.inclusive)
    return sources(*terms)


def measure_on(test: FinancialTest, on: date) -> Measured | bool | None:
    """The row of the test's measuring table that covers the test date `on`; None when the
    test has no table (the default period); False when `on` lies outside the table."""
    rows = test.measures
    if not rows:
        return None
    for i, row in enumerate(rows):
        first = row_first(rows, i)
        last = row_last(rows, i)
        if (first is None or first <= on) and (last is None or on <= last):
            return row
    return False


def row_first(rows: list[Measured], i: int) -> date | None:
    tests_from = rows[i].tests_from
    if tests_from is not None:
        return tests_from.value
    if i == 0:
        return None
    before = rows[i - 1].tests_through
    return None if before is None else date.fromordinal(before.value.toordinal() + 1)


def row_last(rows: list[Measured], i: int) -> date | None:
    tests_through = rows[i].tests_through
    if tests_through is not None:
        return tests_through.value
    if i + 1 == len(rows):
        return None
    after = rows[i + 1].tests_from
    return None if after is None else date.fromordinal(after.value.toordinal() - 1)


def test_dates(
    test: FinancialTest,
    every: Recurrence,
    default_first: date,
    measures: Measures,
    as_of: date,
    dates: DateResolver,
) -> list[date]:
    """The period ends to test: from the test's first test date (else its schedule's first
    date, else `default_first`) to its last test date, through the as-of date and then the
    later periods the financials forecast; each inside its measuring table."""
    financials = measures.financials
    tested = test.tested
    schedule = schedule_dates(test, dates)
    if tested is not None and tested.first is not None:
        start = tested.first.value
    else:
        start = min(schedule, default=default_first)
    last_forecast = max(
        (p for p in financials.periods() if p > as_of and financials.basis_of(p) == "forecast"),
        default=as_of,
    )
    end = last_forecast
    if tested is not None and tested.last is not None:
        end = min(end, tested.last.value)
    found = period_ends(every, start, end, measures.fy_end_month)
    return [
        d
        for d in found
        if (d <= as_of or financials.basis_of(d) == "forecast") and measure_on(test, d) is not False
    ]


def evaluate_test(
    test: FinancialTest, every: Recurrence, measures: Measures, on: date, dates: DateResolver
) -> TestResult:
    measure = measure_on(test, on)
    period = measuring_period(
        measure if isinstance(measure, Measured) else None, on, every, measures.fy_end_month
    )
    items = period_items(measures.financials, period, measures.items.balance, measures.items.flow)
    comparator = _COMPARATORS[(test.bound, test.inclusive.value)]
    required, level_text = required_at(test, on, dates)
    pending = TestResult(
        id=test.id,
        label=test.title,
        test_date=on,
        basis=items.basis,
        comparator=comparator,
        unit=Unit.ratio if test.is_ratio else Unit.money,
        required=required,
        actual=None,
        passed=None,
        level_source=level_source(test, on, dates) if required is not None else None,
    )
    if required is None:
        return replace(pending, note=level_text)
    if items.missing is not None:
        return replace(pending, note=items.missing)
    try:
        numerator, denominator, trace = _measure(test, measures.definitions, items)
    except MissingItem as exc:
        return replace(pending, note=f"no {exc.item} for the period ending {on.isoformat()}")
    except ExpressionError as exc:  # e.g. a definition that divides by a zero item
        return replace(pending, note=str(exc))
    level = f"{required} ({level_text})"
    full_trace = Trace(trace.formula, (*trace.inputs, ("required", level)), test_sources(test))
    basis_note = "" if items.basis is Basis.actual else "projected from forecast"
    if test.is_ratio and denominator <= 0:
        return _non_positive(test, pending, denominator, full_trace, basis_note)
    actual = numerator / denominator
    passed = _passes(comparator, actual, required)
    headroom = actual - required if test.bound == "minimum" else required - actual
    return replace(
        pending,
        actual=actual,
        passed=passed,
        headroom=headroom,
        driver_headroom=_driver_headroom(test, measures.definitions, items, required),
        note=basis_note,
        trace=full_trace,
    )


def _passes(comparator: Comparator, actual: Decimal, required: Decimal) -> bool:
    return {
        Comparator.at_least: actual >= required,
        Comparator.more_than: actual > required,
        Comparator.at_most: actual <= required,
        Comparator.less_than: actual < required,
    }[comparator]


def _non_positive(
    test: FinancialTest,
    pending: TestResult,
    denominator: Decimal,
    trace: Trace,
    basis_note: str,
) -> TestResult:
    """A ratio whose denominator is zero or negative: not tested, passed or failed, as the
    sheet says."""
    policy = test.when_denominator_not_positive.value
    state = "zero" if denominator == 0 else f"negative ({money_str(denominator)})"
    why = f"{test.denominator} is {state}"
    if policy is NonPositiveDenominator.not_tested:
        return replace(pending, note=f"{why}: the ratio is undefined")
    passed = policy is NonPositiveDenominator.passes
    verdict = "passes" if passed else "fails"
    sheet_says = f"{why}: the test {verdict}, as the sheet says"
    policy_ref = sources(test.when_denominator_not_positive)
    note = "; ".join(n for n in (sheet_says, basis_note) if n)
    return replace(
        pending,
        passed=passed,
        note=note,
        trace=Trace(trace.formula, trace.inputs, (*trace.sources, *policy_ref)),
    )


def _measure(
    test: FinancialTest,
    definitions: DefinitionSet,
    items: PeriodItems,
    override: Mapping[str, Decimal] | None = None,
) -> tuple[Decimal, Decimal, Trace]:
    names = [test.metric] if test.metric is not None else [test.numerator, test.denominator]
    inputs: dict[str, str] = {}
    steps: list[str] = []
    results = []
    for name in names:
        assert name is not None
        resolution = definitions.resolve(name, items.items, override)
        results.append(resolution.value)
        inputs[name] = money_str(resolution.value)
        steps += [s for s in resolution.steps if s not in steps]
        inputs.update({k: money_str(v) for k, v in resolution.items.items()})
        # each definition read on the way (tangible net worth inside a net worth test's
        # definition), for the calculation schedule's subtotals
        inputs.update({k: money_str(v) for k, v in resolution.subtotals.items() if k not in inputs})
    formula = " / ".join(n for n in names if n) + items.period.describe()
    if steps:
        formula += "; " + "; ".join(steps)
    denominator = results[1] if len(results) == 2 else Decimal(1)
    return results[0], denominator, Trace(formula, inputs)


def _driver_headroom(
    test: FinancialTest, definitions: DefinitionSet, items: PeriodItems, required: Decimal
) -> Headroom | None:
    """How far the driver can fall before the test fails.

    Numerator and denominator are affine in the driver (definitions are sums and differences),
    so one evaluation at driver + 1 gives their slopes, and the break-even is solved exactly.
    """
    if test.driver is None:
        return None
    try:
        start = definitions.resolve(test.driver, items.items).value
        n0, d0, _ = _measure(test, definitions, items)
        n1, d1, _ = _measure(test, definitions, items, {test.driver: start + 1})
    except (MissingItem, ExpressionError):
        return None
    n_slope, d_slope = n1 - n0, d1 - d0
    divisor = n_slope - required * d_slope
    if divisor == 0:
        return None
    change_to_break_even = (required * d0 - n0) / divisor
    trace = _driver_trace(test, (n0, n_slope), (d0, d_slope), required)
    return Headroom(test.driver, -change_to_break_even, trace)


def _driver_trace(
    test: FinancialTest,
    numerator: tuple[Decimal, Decimal],
    denominator: tuple[Decimal, Decimal],
    required: Decimal,
) -> Trace:
    """How the driver's headroom follows from the measure's figures: the change in the driver
    that brings the measure to the required level. A driver that is one of the numerator's
    terms (fixed charge cash flow, EBITDA in it) may fall by numerator - required x
    denominator; one of the denominator's, by denominator - numerator / required; otherwise
    each side moves with the driver at its own rate (its slope), given with the figures."""
    (n0, n_slope), (d0, d_slope) = numerator, denominator
    top = test.metric or test.numerator or ""
    inputs = {top: money_str(n0), "required": str(required)}
    if test.metric is None and test.denominator is not None:
        bottom = test.denominator
        inputs[bottom] = money_str(d0)
    else:
        bottom = ""  # an amount: measured against the level itself
    one, zero = Decimal(1), Decimal(0)
    if (n_slope, d_slope) == (one, zero):
        formula = f"{top} - required x {bottom}" if bottom else f"{top} - required"
    elif (n_slope, d_slope) == (zero, one) and bottom:
        formula = f"{bottom} - {top} / required"
    else:
        inputs[f"{top} per 1 of {test.driver}"] = str(n_slope)
        if bottom:
            inputs[f"{bottom} per 1 of {test.driver}"] = str(d_slope)
        per = f"{top} per 1 - required x {bottom} per 1" if bottom else f"{top} per 1"
        formula = f"-(required x {bottom or '1'} - {top}) / ({per})"
    return Trace(formula, inputs)
