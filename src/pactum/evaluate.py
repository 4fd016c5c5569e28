"""Evaluation: a pure function of (portfolio, as-of date) to findings.

Each clause of each agreement is evaluated in sheet order, seeing what the clauses before it
found (a reporting clause reads the borrowing base's availability); every record it returns is
stamped with the clause behind it, then the agreement's findings are the clauses' together.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from pactum.clauses.api import ClauseContext, ClauseFindings, registered
from pactum.findings import AgreementFindings, ClauseRef, Findings, by_severity
from pactum.portfolio import Agreement, Portfolio


def check(portfolio: Portfolio, as_of: date) -> Findings:
    results = tuple(
        evaluate_agreement(agreement, portfolio, as_of)
        for agreement in portfolio.agreements.values()
    )
    return Findings(as_of=as_of, company=portfolio.config.company, agreements=results)


def clause_contexts(
    agreement: Agreement, portfolio: Portfolio, as_of: date
) -> list[tuple[ClauseContext[Any], ClauseFindings]]:
    """Each clause's context and findings on `as_of`, in sheet order."""
    done: dict[str, ClauseFindings] = {}
    out = []
    for clause in agreement.clauses:
        ctx: ClauseContext[Any] = ClauseContext(
            agreement, clause, clause.terms, portfolio, as_of, dict(done)
        )
        found = _stamped(registered(clause.type).evaluate(ctx), clause.id)
        done[clause.id] = found
        out.append((ctx, found))
    return out


def evaluate_agreement(
    agreement: Agreement, portfolio: Portfolio, as_of: date
) -> AgreementFindings:
    found = [f for _, f in clause_contexts(agreement, portfolio, as_of)]
    return AgreementFindings(
        id=agreement.id,
        title=agreement.sheet.title,
        clauses=tuple(ClauseRef(c.id, c.type) for c in agreement.clauses),
        values=tuple(v for f in found for v in f.values),
        tests=tuple(t for f in found for t in f.tests),
        # by date across the clauses, as each clause lists its own
        obligations=tuple(
            sorted((o for f in found for o in f.obligations), key=lambda o: (o.due, o.what))
        ),
        alerts=by_severity([a for f in found for a in f.alerts]),
        notices=tuple(n for f in found for n in f.notices),
    )


def _stamped(found: ClauseFindings, clause_id: str) -> ClauseFindings:
    """The clause's findings, each record naming the clause."""
    return ClauseFindings(
        values=tuple(replace(v, clause=clause_id) for v in found.values),
        tests=tuple(replace(t, clause=clause_id) for t in found.tests),
        obligations=tuple(replace(o, clause=clause_id) for o in found.obligations),
        alerts=tuple(replace(a, clause=clause_id) for a in found.alerts),
        notices=tuple(replace(n, clause=clause_id) for n in found.notices),
    )
