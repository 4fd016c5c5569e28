"""The `fees` clause type: the fees of any agreement (a credit facility's monitoring, audit and
unused-line fees, a lease's or a standstill's), with their amounts, due dates and traces."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from pathlib import Path

from pydantic import BaseModel

from pactum.clauses.api import ClauseContext, ClauseFindings, ClauseType, TermProblem, TermSheet
from pactum.facts.balances import Balances, load_balances
from pactum.fees.obligations import FeeRun, fee_obligations
from pactum.fees.schema import FeeEvent, FeesTerms
from pactum.fees.validation import validate
from pactum.fees.values import cost_values, period_values
from pactum.findings import Alert, Obligation, by_severity

# `pactum check` lists what falls due in the year after the as-of date
OBLIGATION_HORIZON = timedelta(days=365)


class Fees(ClauseType[FeesTerms]):
    name = "fees"
    description = (
        "Fees: fixed, per period, on events (up to N a year), or a rate of a base (an amount, "
        "the average unused or outstanding balance) with a day count; due dates, rolls, conditions."
    )
    schema = FeesTerms

    def event_models(self, terms: FeesTerms) -> Mapping[str, type[BaseModel]]:
        """The events the clause's fees are charged on, by the names the sheet gives them."""
        return {fee.event: FeeEvent for fee in terms.fees if fee.event}

    def figures_used(self, terms: FeesTerms) -> Sequence[tuple[tuple[str | int, ...], str]]:
        """The figures rates are read from (a pricing grid's column)."""
        return [
            (("fees", i, "rate_from"), fee.rate_from)
            for i, fee in enumerate(terms.fees)
            if fee.rate_from is not None
        ]

    def validate(self, terms: FeesTerms, header: TermSheet) -> Sequence[TermProblem]:
        return validate(terms, header)

    def load_facts(self, folder: Path) -> Balances:
        return load_balances(folder)

    def evaluate(self, ctx: ClauseContext[FeesTerms]) -> ClauseFindings:
        run = FeeRun.of(ctx)
        found, alerts = fee_obligations(run, ctx.as_of, ctx.as_of + OBLIGATION_HORIZON)
        values, missing = period_values(run)
        return ClauseFindings(
            values=(*cost_values(run), *values),
            obligations=tuple(found),
            alerts=by_severity(_once_each([*alerts, *missing])),
        )

    def obligations_between(
        self, ctx: ClauseContext[FeesTerms], start: date, end: date
    ) -> Sequence[Obligation]:
        return fee_obligations(FeeRun.of(ctx), start, end)[0]


def _once_each(alerts: list[Alert]) -> list[Alert]:
    """The alerts without repeats (a period missing its balances is due and a value too)."""
    unique: list[Alert] = []
    for alert in alerts:
        if alert not in unique:
            unique.append(alert)
    return unique


CLAUSE = Fees()
