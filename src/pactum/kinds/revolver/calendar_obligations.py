"""The revolver's obligations over any window, for `pactum calendar`: the statements,
covenant test dates and maturity of `obligations`, and the borrowing-base reports of each
period (`report_periods`). They run from the letter's date to maturity."""

from __future__ import annotations

from datetime import date
from functools import partial

from pactum.collateral.detail_facts import CollateralWithDetail, DetailFiles, run_together
from pactum.collateral.rules import BorrowingBaseTerms
from pactum.facts.dated_snapshots import InForce
from pactum.findings import Obligation
from pactum.kinds.revolver.borrowing_base import engine_terms
from pactum.kinds.revolver.obligations import obligations
from pactum.kinds.revolver.report_periods import report_obligations, report_periods
from pactum.kinds.revolver.schema import RevolverTerms
from pactum.portfolio import Agreement, BookPeers, Portfolio


def collateral_in_force(
    agreement: Agreement, sheet: RevolverTerms, portfolio: Portfolio
) -> InForce:
    """collateral.csv, or, where the portfolio has invoice- and SKU-level detail, the
    collateral engine's results for the dates it covers."""
    detail = portfolio.facts.of_type("revolver")
    summary = portfolio.facts.collateral
    if not detail:
        return summary
    book = detail.book if isinstance(detail, DetailFiles) else None
    book_pass = partial(_book_pass, book) if book is not None else None
    return CollateralWithDetail(summary, detail, engine_terms(sheet), book_pass)


def _book_pass(book: BookPeers, when: date) -> None:
    """The collateral engine once over every borrower of the book with an aging dated `when`
    (each revolver with a borrowing base, its terms as in force on that date), once per date
    for the book: each borrower's run is then found with its detail files."""
    if ("collateral", when) in book.passed:
        return
    book.passed.add(("collateral", when))
    members: list[tuple[DetailFiles, BorrowingBaseTerms]] = []
    for portfolio in book.portfolios:
        detail = portfolio.facts.of_type("revolver")
        if not isinstance(detail, DetailFiles) or when not in detail.receivables:
            continue
        for agreement in portfolio.agreements.values():
            for clause in agreement.at(when).clauses_of("revolver"):
                sheet = clause.terms_as(RevolverTerms)
                if sheet.borrowing_base:
                    members.append((detail, engine_terms(sheet)))
    run_together(members, when)


def signed(agreement: Agreement) -> date | None:
    """The agreement's date, when its sheet gives one."""
    return agreement.sheet.dated.value if agreement.sheet.dated is not None else None


def obligations_between(
    agreement: Agreement,
    sheet: RevolverTerms,
    portfolio: Portfolio,
    as_of: date,
    start: date,
    end: date,
) -> list[Obligation]:
    """Every obligation due from `start` to `end`, as known at `as_of`."""
    dated = signed(agreement)
    if dated is not None:
        start = max(start, dated)
    end = min(end, sheet.maturity.value)  # nothing falls due under the facility after it
    facts = portfolio.facts
    events = facts.events.for_agreement(agreement.id)
    calendar = agreement.calendar()
    found = obligations(sheet, calendar, start, end, portfolio.fiscal_year_end_month)
    if sheet.reporting is not None:  # borrowing-base reports only where the sheet asks for them
        collateral = collateral_in_force(agreement, sheet, portfolio)
        periods = report_periods(sheet, dated, collateral, facts.loans, events, as_of, start, end)
        found += report_obligations(sheet, calendar, periods, start, end)
    return sorted(found, key=lambda o: (o.due, o.what))
