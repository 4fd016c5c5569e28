"""The documents across agreements (a rent roll of every lease, month by month): their tables
for the page's date and a range of years, each figure of an agreement linked to its page, and
the documents as HTML, XLSX and PDF for the same date and years.

The clause types give the documents (`ClauseType.portfolio_documents`); this page names none.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response

from pactum.document import Document, Grid
from pactum.errors import InputError, Problem
from pactum.web.dashboard import Dashboard
from pactum.web.downloads import MEDIA_TYPES
from pactum.web.render import (
    EARLIEST_AS_OF,
    LATEST_AS_OF,
    AsOf,
    Board,
    BorrowerBoard,
    PageError,
    When,
    findings_at,
    page,
)
from pactum.web.routes.documents import FORMATS, attachment, dated_name, rendered_file

router = APIRouter()


@dataclass(frozen=True)
class Years:
    """The years the page covers, both included: by default the as-of date's."""

    first: int
    last: int
    chosen: bool

    @property
    def start(self) -> date:
        return date(self.first, 1, 1)

    @property
    def end(self) -> date:
        return date(self.last, 12, 31)


def _year(field: str, text: str | None, default: int) -> tuple[int, bool]:
    if text is None or not text.strip():
        return default, False
    cleaned = text.strip()
    if not (cleaned.isdigit() and EARLIEST_AS_OF.year <= int(cleaned) <= LATEST_AS_OF.year):
        expected = f"a year as YYYY, from {EARLIEST_AS_OF.year} to {LATEST_AS_OF.year}"
        raise PageError([str(Problem("", None, field, repr(text), expected))])
    return int(cleaned), True


def years(
    when: When,
    first: Annotated[str | None, Query(alias="from")] = None,
    last: Annotated[str | None, Query(alias="to")] = None,
) -> Years:
    start, chose_start = _year("from", first, when.date.year)
    end, chose_end = _year("to", last, start if chose_start else when.date.year)
    if start > end:
        found = f"{start} after to {end}"
        raise PageError([str(Problem("", None, "from", found, "a year on or before to"))])
    return Years(start, end, chose_start or chose_end)


Span = Annotated[Years, Depends(years)]


def _query(when: AsOf, span: Years) -> str:
    """The query that keeps the page's date and years on its links."""
    asked = {"as_of": when.date.isoformat()} if when.chosen else {}
    if span.chosen:
        asked |= {"from": str(span.first), "to": str(span.last)}
    return "?" + urlencode(asked) if asked else ""


def documents_of(board: Dashboard, when: AsOf, span: Years) -> tuple[Document, ...]:
    findings_at(board, when)  # bad facts on this date are one line each, before the documents
    try:
        return board.portfolio_documents(when.date, span.start, span.end)
    except InputError as error:
        raise PageError.of(error) from None


@router.get("/portfolio", response_class=HTMLResponse)
def portfolio_page(request: Request, board: Board, when: When, span: Span) -> HTMLResponse:
    return portfolio_view(request, board, when, span)


@router.get("/borrowers/{borrower_id}/portfolio", response_class=HTMLResponse)
def borrower_portfolio_page(
    request: Request, borrower_id: str, board: BorrowerBoard, when: When, span: Span
) -> HTMLResponse:
    return portfolio_view(request, board, when, span, f"/borrowers/{borrower_id}")


def portfolio_view(
    request: Request, board: Dashboard, when: AsOf, span: Years, base: str = ""
) -> HTMLResponse:
    documents = documents_of(board, when, span)
    return page(
        request,
        "portfolio.html",
        when,
        board=board,
        base=base,
        span=span,
        query=_query(when, span),
        files=[f"{d.stem}{suffix}" for d in documents for suffix in FORMATS],
        tables=[
            (document.title, section)
            for document in documents
            for section in document.sections
            if isinstance(section, Grid)
        ],
        notes=[note for document in documents for note in document.notes],
        sources=[source for document in documents for source in document.sources],
        agreement_ids=set(board.portfolio.agreements),
    )


@router.get("/portfolio/documents/{name}", include_in_schema=False)
def portfolio_file(board: Board, when: When, span: Span, name: str) -> Response:
    return portfolio_document(board, when, span, name)


@router.get("/borrowers/{borrower_id}/portfolio/documents/{name}", include_in_schema=False)
def borrower_portfolio_file(board: BorrowerBoard, when: When, span: Span, name: str) -> Response:
    return portfolio_document(board, when, span, name)


def portfolio_document(board: Dashboard, when: AsOf, span: Years, name: str) -> Response:
    documents = documents_of(board, when, span)
    stem, dot, suffix = name.rpartition(".")
    found = next((d for d in documents if d.stem == stem), None)
    if found is None or f"{dot}{suffix}" not in FORMATS:
        offered = ", ".join(f"{d.stem}{s}" for d in documents for s in FORMATS) or "none"
        raise PageError([f"document: found {name!r}; expected one of {offered}"], 404)
    years_part = f"-{span.first}" + (f"-{span.last}" if span.last != span.first else "")
    saved = dated_name(f"{stem}{years_part}.{suffix}", when)
    return attachment(rendered_file(found, f".{suffix}"), MEDIA_TYPES[f".{suffix}"], saved)
