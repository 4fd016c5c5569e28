"""What the agreements' clauses contribute beyond their findings: their charts and their
documents on a date, gathered clause by clause in the portfolio's and the sheets' order, so
that the dashboard and `pactum report` show them without knowing any clause type."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from pactum.charts import Chart
from pactum.clauses.api import ClauseContext, ClauseType, registered
from pactum.document import Document
from pactum.findings import Findings
from pactum.portfolio import Agreement, Portfolio


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
    then (nothing of it binds: a certificate of it would certify nothing). A document whose
    file name an earlier clause's document already has (a second financial_tests clause's
    compliance certificate) is named after its clause too, so that neither takes the other's
    place in a folder or a download."""
    found: list[Document] = []
    names: set[str] = set()
    for ctx, agreement in _contexts(portfolio, findings):
        if findings.agreement(agreement).in_force_from is not None:
            continue
        for document in registered(ctx.clause.type).documents(ctx, findings.agreement(agreement)):
            if document.stem in names:
                document = replace(document, part=ctx.clause.id)
            names.add(document.stem)
            found.append(document)
    return found


def recorded_tables(
    portfolio: Portfolio, findings: Findings, folder: Path
) -> list[tuple[str, str, Path]]:
    """(table, agreement id, Parquet file) of every clause's tables to record on the findings'
    date, written into `folder`; none of an agreement not yet in force then."""
    return [
        (table, agreement, path)
        for ctx, agreement in _contexts(portfolio, findings)
        if findings.agreement(agreement).in_force_from is None
        for table, path in registered(ctx.clause.type).recorded_tables(ctx, folder).items()
    ]


def _types_in(portfolio: Portfolio, as_of: date) -> dict[str, list[Agreement]]:
    """Each clause type of the agreements in force on `as_of` whose type gives documents
    across agreements, with those agreements, in the portfolio's order."""
    found: dict[str, list[Agreement]] = {}
    for agreement in (x.at(as_of) for x in portfolio.agreements.values()):
        for clause in agreement.clauses:
            kind = registered(clause.type)
            if type(kind).portfolio_documents is ClauseType.portfolio_documents:
                continue  # the type gives none: its module's layout is never imported
            of_type = found.setdefault(clause.type, [])
            if agreement not in of_type:
                of_type.append(agreement)
    return found


def gives_portfolio_documents(portfolio: Portfolio, as_of: date) -> bool:
    """Whether any clause type of the portfolio gives documents across agreements."""
    return bool(_types_in(portfolio, as_of))


def portfolio_documents(
    portfolio: Portfolio, as_of: date, start: date | None, end: date | None
) -> list[Document]:
    """The documents across agreements each clause type gives on `as_of` (a rent roll of every
    lease), over the months from `start` to `end`."""
    return [
        document
        for name, agreements in _types_in(portfolio, as_of).items()
        for document in registered(name).portfolio_documents(
            portfolio, agreements, as_of, start, end
        )
    ]
