"""A minimum interest charge: each year's interest against the minimum, the deficiency owed.

Years run from the named date `years_from` (the initial advance) to the day before each
anniversary. A year's interest is worked out over its days at the clause's rate with the
Default Rate left out ("will be disregarded"), exact to the year's end and then rounded
half-up to the cent: it is a yardstick, not a billed period, so the months' separately
rounded amounts are not used. Only a year that has ended by the as-of date is measured;
its deficiency, max(0, minimum - interest), is due on the anniversary (rolled by `roll`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal

from pactum.dates import add_months
from pactum.errors import InputError
from pactum.fees.obligations import roll_note
from pactum.findings import Alert, Obligation, ObligationCategory, Severity, Trace, Unit, Value
from pactum.interest.accrual import Interest
from pactum.interest.period_values import period_interest
from pactum.interest.schema import MinimumInterest
from pactum.money import money_str
from pactum.terms.date_resolver import ResolvedDate
from pactum.terms.values import sources


@dataclass(frozen=True)
class Year:
    first: date
    last: date
    accrued: Value  # the year's interest, without the Default Rate
    shortfall: Value


def _rule(run: Interest) -> MinimumInterest:
    assert run.terms.minimum is not None
    return run.terms.minimum


def ended_years(run: Interest) -> list[tuple[date, date]] | str:
    """The years measured by the as-of date, or why none can be (the start not known)."""
    rule = _rule(run)
    start = run.ctx.dates.named_date(rule.years_from)
    if not isinstance(start, ResolvedDate):
        return f"{rule.years_from}: {start.reason}"
    years: list[tuple[date, date]] = []
    number = 1
    while True:
        last = add_months(start.day, 12 * number) - timedelta(days=1)
        if last > run.ctx.as_of:
            return years
        years.append((add_months(start.day, 12 * (number - 1)), last))
        number += 1


def measure(run: Interest, first: date, last: date) -> Year:
    """The year's interest without the Default Rate, and its deficiency under the minimum."""
    rule = _rule(run)
    plain = run.terms.model_copy(update={"default_rate": None, "due": None, "minimum": None})
    found, _ = period_interest(replace(run, ctx=replace(run.ctx, terms=plain)), first, last)
    total = found[0]
    span = f"{first.isoformat()} to {last.isoformat()}"
    accrued = Value(
        "interest_minimum_accrued",
        total.value,
        Unit.money,
        f"Interest accrued against the minimum, {span} (without the Default Rate)",
        total.trace,
    )
    shortfall_amount = (
        max(Decimal(0), rule.amount.value - total.value)
        if isinstance(total.value, Decimal)
        else None
    )
    shortfall = Value(
        "interest_minimum_shortfall",
        shortfall_amount,
        Unit.money,
        f"Minimum interest charge deficiency, {span}",
        Trace(
            "max(0, minimum interest - the year's interest without the Default Rate)",
            {
                "year": span,
                "minimum": money_str(rule.amount.value),
                "interest": money_str(total.value)
                if isinstance(total.value, Decimal)
                else "not computed",
            },
            (*sources(rule.amount), *(total.trace.sources if total.trace else ())),
        ),
    )
    return Year(first, last, accrued, shortfall)


def minimum_findings(run: Interest) -> tuple[list[Value], list[Alert]]:
    """The latest year measured: its interest and deficiency; or why it is not known."""
    years = ended_years(run)
    if isinstance(years, str):
        rule = _rule(run)
        message = f"The minimum interest charge is not measured: {years}"
        return [], [Alert(Severity.warning, message, rule.amount.source_ref())]
    if not years:
        return [], []
    year = measure(run, *years[-1])
    return [year.accrued, year.shortfall], []


def minimum_obligations(run: Interest, start: date, end: date) -> list[Obligation]:
    """Each measured year's deficiency, due on its anniversary from `start` to `end`."""
    if run.terms.minimum is None:
        return []
    rule = _rule(run)
    years = ended_years(run)
    found: list[Obligation] = []
    for first, last in years if not isinstance(years, str) else []:
        anniversary = last + timedelta(days=1)
        paid = run.ctx.calendar.roll(anniversary, rule.roll.value)
        if not start <= paid <= end:
            continue
        try:
            year = measure(run, first, last)
        except InputError:
            continue  # a day without a rate: bad input where the year's value is worked out
        amount = year.shortfall.value
        if not isinstance(amount, Decimal) or amount == 0:
            continue
        trace = year.shortfall.trace
        found.append(
            Obligation(
                paid,
                f"Minimum interest charge deficiency for {first.isoformat()} to {last.isoformat()}",
                amount,
                (*sources(rule.amount, rule.roll), *(trace.sources if trace else ())),
                roll_note(run.ctx.calendar, anniversary, paid),
                ObligationCategory.payment,
                f"interest-minimum-{first:%Y-%m-%d}",
            )
        )
    return found
