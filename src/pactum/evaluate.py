"""Evaluation: a pure function of (portfolio, as-of date) to findings."""

from __future__ import annotations

from datetime import date

from pactum.findings import Findings
from pactum.portfolio import Portfolio


def check(portfolio: Portfolio, as_of: date) -> Findings:
    results = tuple(
        agreement.kind.evaluate(agreement, portfolio, as_of)
        for agreement in portfolio.agreements.values()
    )
    return Findings(as_of=as_of, company=portfolio.config.company, agreements=results)
