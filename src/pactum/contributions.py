"""What the agreements' clauses contribute beyond their findings: their charts and their
documents on a date, gathered clause by clause in the portfolio's and the sheets' order, so
that the dashboard and `pactum report` show them without knowing any clause type."""

from __future__ import annotations

from typing import Any

from pactum.charts import Chart
from pactum.clauses.api import ClauseContext, registered
from pactum.document import Document
from pactum.findings import Findings
from pactum.portfolio import Portfolio


def _contexts(portfolio: Portfolio, findings: Findings) -> list[tuple[ClauseContext[Any], str]]:
    return [
        (ClauseContext(a, c, c.terms, portfolio, findings.as_of), a.id)
        for a in (x.at(findings.as_of) for x in portfolio.agreements.values())
        for c in a.clauses
    ]


def charts(portfolio: Portfolio, findings: Findings) -> list[Chart]:
    """Every clause's charts up to the findings' date."""
    return [
        chart
        for ctx, agreement in _contexts(portfolio, findings)
        for chart in registered(ctx.clause.type).charts(ctx, findings.agreement(agreement))
    ]


def documents(portfolio: Portfolio, findings: Findings) -> list[Document]:
    """Every clause's documents on the findings' date; none of an agreement not yet in force
    then (nothing of it binds: a certificate of it would certify nothing)."""
    return [
        document
        for ctx, agreement in _contexts(portfolio, findings)
        if findings.agreement(agreement).in_force_from is None
        for document in registered(ctx.clause.type).documents(ctx, findings.agreement(agreement))
    ]
