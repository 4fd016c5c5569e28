"""The dashboard's state: the portfolio (loaded and verified once, at start), its findings and
charts by as-of date (computed on first use, kept for later requests), and the downloads of
recent uploads' certificate runs (on disk: `pactum.web.results`).

A book of several borrowers is a `BookDashboard`: each borrower's portfolio has a `Dashboard`
of its own (its pages are the one-company pages under /borrowers/ID), and the book's findings
are theirs together, so a date is computed once for the desk and the borrowers' pages."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from functools import lru_cache
from typing import Any

from pactum.document import Document
from pactum.evaluate import check
from pactum.findings import Findings
from pactum.obligations_calendar import ObligationCalendar, default_window, obligation_calendar
from pactum.portfolio import Agreement, Book, Portfolio
from pactum.web.document import DocumentView, document_view
from pactum.web.results import Results
from pactum.web.security import DEFAULT_KEPT_RESULTS
from pactum.web.term_sheet import TermRow, term_rows

KEPT_DATES = 32  # findings and charts kept for this many as-of dates


class Dashboard:
    def __init__(
        self,
        portfolio: Portfolio,
        today: date | None = None,
        kept_results: int = DEFAULT_KEPT_RESULTS,
        results: Results | None = None,
    ) -> None:
        self.portfolio = portfolio
        self.default_as_of = portfolio.config.as_of or today or date.today()
        # a book's borrowers share one folder of upload results
        self.results = results or Results(kept_results)
        # per instance, so that each dashboard (and each test's) has its own
        self.findings = lru_cache(maxsize=KEPT_DATES)(self._findings)
        self.charts = lru_cache(maxsize=KEPT_DATES)(self._charts)
        self.documents = lru_cache(maxsize=KEPT_DATES)(self._documents)
        self.calendar = lru_cache(maxsize=KEPT_DATES)(self._calendar)
        self.portfolio_documents = lru_cache(maxsize=KEPT_DATES)(self._portfolio_documents)
        self.view = lru_cache(maxsize=None)(self._view)

    def _findings(self, as_of: date) -> Findings:
        return check(self.portfolio, as_of)

    def _charts(self, as_of: date) -> list[dict[str, Any]]:
        from pactum.contributions import charts  # a series may evaluate a clause many times
        from pactum.web.charts import figure

        return [figure(c) for c in charts(self.portfolio, self.findings(as_of))]

    def _documents(self, as_of: date) -> tuple[Document, ...]:
        """Every document the clauses give on the date (what `pactum report` writes)."""
        from pactum.contributions import documents

        return tuple(documents(self.portfolio, self.findings(as_of)))

    def _portfolio_documents(
        self, as_of: date, start: date | None, end: date | None
    ) -> tuple[Document, ...]:
        """The documents across agreements the clauses give on the date, over the months from
        `start` to `end` (a rent roll of every lease)."""
        from pactum.contributions import portfolio_documents

        return tuple(portfolio_documents(self.portfolio, as_of, start, end))

    def agreement_documents(self, agreement_id: str, as_of: date) -> list[Document]:
        return [d for d in self.documents(as_of) if d.agreement_id == agreement_id]

    def _calendar(self, as_of: date) -> ObligationCalendar:
        """The obligations of the as-of date's calendar year, as `pactum calendar` lists them
        by default."""
        return obligation_calendar(self.portfolio, as_of, *default_window(as_of))

    def _view(self, agreement_id: str) -> tuple[list[TermRow], DocumentView]:
        agreement = self.agreement(agreement_id)
        rows = term_rows(agreement.source.data)
        return rows, document_view(agreement.document_text, rows)

    def agreement(self, agreement_id: str) -> Agreement:
        return self.portfolio.agreements[agreement_id]


class BookDashboard:
    """A book of several borrowers: the desk's findings by date and a `Dashboard` per
    borrower, in the book's order."""

    def __init__(
        self,
        book: Book,
        today: date | None = None,
        kept_results: int = DEFAULT_KEPT_RESULTS,
    ) -> None:
        self.book = book
        self.name = book.name
        self.default_as_of = book.as_of or today or date.today()
        self.results = Results(kept_results)
        self.borrowers = {
            b.id: Dashboard(b.portfolio, self.default_as_of, results=self.results)
            for b in book.borrowers
            if b.id is not None
        }
        self.findings = lru_cache(maxsize=KEPT_DATES)(self._findings)

    def _findings(self, as_of: date) -> Findings:
        """The book's findings, as `pactum check BOOK` gives them (`evaluate.check_book`),
        from each borrower's dashboard (whose pages then need not compute them again)."""
        agreements = tuple(
            replace(found, borrower=borrower_id)
            for borrower_id, board in self.borrowers.items()
            for found in board.findings(as_of).agreements
        )
        names = tuple((b.id, b.name) for b in self.book.borrowers if b.id is not None)
        return Findings(as_of, self.book.name, agreements, names)

    def borrower_name(self, borrower_id: str) -> str:
        return self.borrowers[borrower_id].portfolio.config.company
