"""An agreement: its figures with their traces, and its term sheet beside the contract text,
every cited quote highlighted and linked from its term."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from pactum.terms.origins import sheet_name
from pactum.web.render import Board, PageError, When, findings_at, page
from pactum.web.views import SourceLinks, alert_rows, deadline_rows, figures, result_rows

router = APIRouter()


@router.get("/agreements/{agreement_id}", response_class=HTMLResponse)
def agreement_page(request: Request, agreement_id: str, board: Board, when: When) -> HTMLResponse:
    if agreement_id not in board.portfolio.agreements:
        known = ", ".join(board.portfolio.agreements)
        raise PageError([f"agreement: found {agreement_id!r}; expected one of {known}"], 404)
    agreement = board.agreement(agreement_id)
    found = findings_at(board, when).agreement(agreement_id)
    rows, document = board.view(agreement_id)
    return page(
        request,
        "agreement.html",
        when,
        found=found,
        document_name=agreement.document_path.name,
        figures=figures(found),
        results=result_rows(found),
        alerts=alert_rows(found.id, found.alerts),
        deadlines=deadline_rows(found.id, found.obligations),
        rows=rows,
        document=document,
        links=SourceLinks(sheet_name(agreement.source.path), rows, document.quote_of_row),
    )
