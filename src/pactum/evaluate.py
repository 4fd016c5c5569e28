"""Evaluation: a pure function of (portfolio, as-of date) to findings.

Each clause of each agreement is evaluated in sheet order, seeing what the clauses before it
found (a reporting clause reads the borrowing base's availability); every record it returns is
stamped with the clause behind it, then the agreement's findings are the clauses' together.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from pactum.clauses.api import clause_contexts
from pactum.findings import AgreementFindings, ClauseRef, Findings, by_severity
from pactum.portfolio import Agreement, Book, Portfolio

__all__ = ["check", "check_book", "clause_contexts", "evaluate_agreement"]


def check(portfolio: Portfolio, as_of: date) -> Findings:
    results = tuple(
        evaluate_agreement(agreement, portfolio, as_of)
        for agreement in portfolio.agreements.values()
    )
    return Findings(as_of=as_of, company=portfolio.config.company, agreements=results)


def check_book(book: Book, as_of: date) -> Findings:
    """Each borrower's agreements on its own facts, one after another; one company's
    portfolio gives its findings as `check` does."""
    if not book.is_book:
        return check(book.borrowers[0].portfolio, as_of)
    agreements = tuple(
        replace(found, borrower=borrower.id)
        for borrower in book.borrowers
        for found in check(borrower.portfolio, as_of).agreements
    )
    borrowers = tuple((b.id, b.name) for b in book.borrowers if b.id is not None)
    return Findings(as_of, book.name, agreements, borrowers)


def evaluate_agreement(
    agreement: Agreement, portfolio: Portfolio, as_of: date
) -> AgreementFindings:
    agreement = agreement.at(as_of)  # each clause as its instruments stand on the date
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
