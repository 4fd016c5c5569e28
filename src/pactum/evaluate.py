"""Evaluation: a pure function of (portfolio, as-of date) to findings."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from pactum.findings import Findings
from pactum.notices.notice_events import notice_findings
from pactum.portfolio import Portfolio


def check(portfolio: Portfolio, as_of: date) -> Findings:
    # each kind computes its own terms; notices are the same for every kind
    results = tuple(
        replace(
            agreement.kind.evaluate(agreement, portfolio, as_of),
            notices=notice_findings(agreement, portfolio.facts.events, as_of),
        )
        for agreement in portfolio.agreements.values()
    )
    return Findings(as_of=as_of, company=portfolio.config.company, agreements=results)
