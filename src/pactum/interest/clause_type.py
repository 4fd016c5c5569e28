"""The `interest` clause type: interest on a loan's daily balances at an index (floored) plus a
fixed margin or a pricing grid's, with the agreement's day count, for any credit agreement."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from pactum.clauses.api import ClauseContext, ClauseFindings, ClauseType, TermProblem, TermSheet
from pactum.facts.balances import load_balances
from pactum.facts.rates import load_rates
from pactum.fees.periods import period_containing
from pactum.fees.schema import Every
from pactum.findings import Alert, Obligation, Trace, Unit, Value
from pactum.interest.accrual import Interest, InterestFacts, Reading
from pactum.interest.minimum import minimum_findings, minimum_obligations
from pactum.interest.obligations import interest_obligations
from pactum.interest.period_values import period_interest
from pactum.interest.schema import InterestTerms
from pactum.interest.validation import validate
from pactum.money import percent_str
from pactum.terms.values import sources

# interest due in the year after the as-of date is listed, as for fees
OBLIGATION_HORIZON = timedelta(days=365)


class DefaultEvent(BaseModel):
    """A default beginning or ending; the clause reads only its date."""

    model_config = ConfigDict(extra="allow", frozen=True)
    note: str = ""


class InterestClause(ClauseType[InterestTerms]):
    name = "interest"
    description = (
        "Interest on daily balances (balances.csv) at an index (rates.csv) with a floor, plus a "
        "margin or a pricing grid's tier, a default margin; day count; monthly or quarterly."
    )
    schema = InterestTerms

    def event_models(self, terms: InterestTerms) -> Mapping[str, type[BaseModel]]:
        rule = terms.default_rate
        return {rule.from_event: DefaultEvent, rule.until_event: DefaultEvent} if rule else {}

    def validate(self, terms: InterestTerms, header: TermSheet) -> Sequence[TermProblem]:
        return validate(terms, header)

    def figures(self, terms: InterestTerms) -> Sequence[str]:
        """`grid_<column>`: each column's rate in the tier in force on a day (a fee's rate)."""
        return tuple(f"grid_{c}" for c in terms.grid.tiers[0].rates) if terms.grid else ()

    def figure_on(self, ctx: ClauseContext[InterestTerms], name: str, day: date) -> Value | None:
        """A grid column's rate on `day` as known on the as-of date: the tier the grid's
        figures then in force set, worked out without the rest of the clause."""
        column = name.removeprefix("grid_")
        if ctx.terms.grid is None or column == name:
            return None
        run = Interest.of(ctx)
        return grid_value(run, column, day, run.readings(day, day))

    def load_facts(self, folder: Path) -> InterestFacts:
        return InterestFacts(load_balances(folder), load_rates(folder))

    def evaluate(self, ctx: ClauseContext[InterestTerms]) -> ClauseFindings:
        run = Interest.of(ctx)
        values: list[Value] = []
        alerts: list[Alert] = []
        period = latest_ended(ctx.terms, ctx.as_of)
        if period is not None:
            found, missing = period_interest(run, *period)
            values += found
            if missing is not None:
                alerts.append(missing)
        values += grid_values(run, ctx.as_of)
        due = interest_obligations(run, ctx.as_of, ctx.as_of + OBLIGATION_HORIZON)
        if ctx.terms.minimum is not None:
            found_minimum, minimum_alerts = minimum_findings(run)
            values += found_minimum
            alerts += minimum_alerts
            due += minimum_obligations(run, ctx.as_of, ctx.as_of + OBLIGATION_HORIZON)
        return ClauseFindings(values=tuple(values), obligations=tuple(due), alerts=tuple(alerts))

    def obligations_between(
        self, ctx: ClauseContext[InterestTerms], start: date, end: date
    ) -> Sequence[Obligation]:
        run = Interest.of(ctx)
        return [*interest_obligations(run, start, end), *minimum_obligations(run, start, end)]


def latest_ended(terms: InterestTerms, as_of: date) -> tuple[date, date] | None:
    """The last interest period ended on or before `as_of`."""
    every = Every(terms.every.value.value)
    first, last = period_containing(as_of, every)
    if last > as_of:
        last = first - timedelta(days=1)
        first = period_containing(last, every)[0]
    return first, last


def grid_values(run: Interest, as_of: date) -> list[Value]:
    """`grid_<column>`: each column's rate in the tier in force on the as-of date."""
    grid = run.terms.grid
    if grid is None:
        return []
    readings = run.readings(as_of, as_of)
    return [grid_value(run, column, as_of, readings) for column in grid.tiers[0].rates]


def grid_value(run: Interest, column: str, day: date, readings: list[Reading]) -> Value:
    """`grid_<column>`: the column's rate in the tier in force on `day` (None and why, when
    no figure of the grid's key is in force yet)."""
    grid = run.terms.grid
    assert grid is not None
    label = f"Pricing grid: {column.replace('_', ' ')}"
    found = run.tier_on(day, readings)
    if isinstance(found, str):
        return Value(f"grid_{column}", None, Unit.percent, label, Trace(found, {}))
    tier, reading = found
    rate = tier.rates[column]
    bounds = [b for _, b in filter(None, (tier.lower, tier.upper))]
    return Value(
        f"grid_{column}",
        rate.value,
        Unit.percent,
        label,
        Trace(
            f"the grid's tier for {grid.keyed_on.described()} in force on {day.isoformat()}",
            {
                "grid": f"{run.ctx.clause.id}.grid, column {column}",
                "figure": reading.what
                if reading.figure is None
                else f"{reading.figure} ({reading.what})",
                "effective from": reading.effective.isoformat()
                if reading.effective != date.min
                else "the as-of date",
                "tier": tier.described(),
                column: percent_str(rate.value, 4),
            },
            sources(
                rate,
                *bounds,
                grid.effective.delivered_days_after,
                grid.effective.starts,
                grid.initial if reading.figure is None else None,
            ),
        ),
    )


CLAUSE = InterestClause()
