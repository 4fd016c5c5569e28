"""An agreement: its figures with their traces, its notices, the tables its clauses' documents
declare (a lease's month-by-month rent roll), downloads of its documents and calendar for the
page's date, its calendar as a subscription (`/calendar.ics` kept to the agreement), and its
term sheet beside the contract text, every cited quote highlighted and
linked from its term; in an agreement of several instruments, each instrument's text as a tab
and each amended term with its earlier values."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from pactum.document import Grid
from pactum.terms.origins import sheet_name
from pactum.web.dashboard import Dashboard
from pactum.web.instrument_tabs import instruments_view
from pactum.web.render import AsOf, Board, BorrowerBoard, When, findings_at, page
from pactum.web.routes.calendar_feed import subscription
from pactum.web.routes.documents import document_files, known_agreement
from pactum.web.views import (
    SourceLinks,
    alert_rows,
    deadline_rows,
    figures,
    notice_rows,
    result_rows,
)

router = APIRouter()


@router.get("/agreements/{agreement_id}", response_class=HTMLResponse)
def agreement_page(request: Request, agreement_id: str, board: Board, when: When) -> HTMLResponse:
    return agreement_view(request, board, agreement_id, when)


@router.get("/borrowers/{borrower_id}/agreements/{agreement_id}", response_class=HTMLResponse)
def borrower_agreement_page(
    request: Request, borrower_id: str, agreement_id: str, board: BorrowerBoard, when: When
) -> HTMLResponse:
    """An agreement of a borrower in a book: the one-company page, under the borrower (two
    borrowers may each have an agreement of the same id)."""
    return agreement_view(
        request, board, agreement_id, when, f"/borrowers/{borrower_id}", borrower_id
    )


def agreement_view(
    request: Request,
    board: Dashboard,
    agreement_id: str,
    when: AsOf,
    base: str = "",
    borrower: str | None = None,
) -> HTMLResponse:
    known_agreement(board, agreement_id)
    agreement = board.agreement(agreement_id)
    found = findings_at(board, when).agreement(agreement_id)
    rows, document = board.view(agreement_id)
    # in a sheet of several instruments: each one's text as a tab, and the amended terms
    instruments = instruments_view(agreement, rows)
    quote_of_row = instruments.quote_of_row if instruments else document.quote_of_row
    return page(
        request,
        "agreement.html",
        when,
        board=board,
        base=base,
        found=found,
        document_name=agreement.document_path.name,
        figures=figures(found),
        results=result_rows(found),
        alerts=alert_rows(found.id, found.alerts),
        deadlines=deadline_rows(found.id, found.obligations),
        notices=notice_rows(found.notices),
        files=document_files(board, agreement_id, when),
        feed=subscription(request, agreement_id, borrower),
        # the tables the clauses' documents declare, as the documents print them
        tables=[
            (document.title, section)
            for document in board.agreement_documents(agreement_id, when.date)
            for section in document.sections
            if isinstance(section, Grid)
        ],
        rows=rows,
        document=document,
        instruments=instruments,
        quote_of_row=quote_of_row,
        links=SourceLinks(sheet_name(agreement.source.path), rows, quote_of_row),
    )
