"""An agreement's files for the page's as-of date: each document its clauses give (HTML,
XLSX, PDF: what `pactum report` writes for that date) and its obligations as an iCalendar file
(what `pactum calendar --ics` writes, this agreement's events only).

Each file is rendered when asked for (a PDF takes about a second); the documents themselves
are kept per date with the findings (`Dashboard.documents`).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import PurePosixPath

from fastapi import APIRouter
from fastapi.responses import Response

from pactum.document import Document
from pactum.web.dashboard import Dashboard
from pactum.web.downloads import MEDIA_TYPES
from pactum.web.render import AsOf, Board, BorrowerBoard, PageError, When, findings_at

router = APIRouter()
FORMATS = (".html", ".xlsx", ".pdf")
ICS_MEDIA_TYPE = "text/calendar; charset=utf-8"


def known_agreement(board: Dashboard, agreement_id: str) -> None:
    if agreement_id not in board.portfolio.agreements:
        known = ", ".join(board.portfolio.agreements)
        raise PageError([f"agreement: found {agreement_id!r}; expected one of {known}"], 404)


def document_files(board: Dashboard, agreement_id: str, when: AsOf) -> list[str]:
    """The names of the agreement's document files on the date, in the clauses' order."""
    findings_at(board, when)  # bad facts on this date are one line each, before the documents
    return [
        f"{document.stem}{suffix}"
        for document in board.agreement_documents(agreement_id, when.date)
        for suffix in FORMATS
    ]


def dated_name(name: str, when: AsOf) -> str:
    """The name a download is saved as: the as-of date in it, so that two dates' files saved
    to one folder do not overwrite each other."""
    path = PurePosixPath(name)
    day = when.date.isoformat()
    return name if day in path.stem else f"{path.stem}-{day}{path.suffix}"


def rendered_file(document: Document, suffix: str) -> bytes:
    # imported here: WeasyPrint and openpyxl take seconds to load, and only a download needs them
    from pactum.reports.html import render_html
    from pactum.reports.pdf import render_pdf
    from pactum.reports.workbook import workbook_bytes

    if suffix == ".html":
        return render_html(document).encode("utf-8")
    if suffix == ".xlsx":
        return workbook_bytes(document)
    return render_pdf(render_html(document))


def attachment(content: bytes, media_type: str, name: str) -> Response:
    return Response(
        content,
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@router.get("/agreements/{agreement_id}/documents/{name}", include_in_schema=False)
def document_file(board: Board, when: When, agreement_id: str, name: str) -> Response:
    return agreement_document(board, when, agreement_id, name)


@router.get(
    "/borrowers/{borrower_id}/agreements/{agreement_id}/documents/{name}",
    include_in_schema=False,
)
def borrower_document_file(
    board: BorrowerBoard, when: When, agreement_id: str, name: str
) -> Response:
    return agreement_document(board, when, agreement_id, name)


def agreement_document(board: Dashboard, when: AsOf, agreement_id: str, name: str) -> Response:
    known_agreement(board, agreement_id)
    path = PurePosixPath(name)
    if name not in document_files(board, agreement_id, when):
        offered = ", ".join(document_files(board, agreement_id, when)) or "none on this date"
        raise PageError([f"document: found {name!r}; expected one of {offered}"], 404)
    document = next(
        d for d in board.agreement_documents(agreement_id, when.date) if d.stem == path.stem
    )
    return attachment(
        rendered_file(document, path.suffix), MEDIA_TYPES[path.suffix], dated_name(name, when)
    )


def agreement_ics(board: Dashboard, agreement_id: str, when: AsOf) -> bytes:
    """The agreement's obligations in the as-of date's calendar year, as an .ics file."""
    from pactum.ical import to_ics

    findings_at(board, when)
    listing = board.calendar(when.date)
    own = replace(
        listing, entries=tuple(e for e in listing.entries if e.agreement_id == agreement_id)
    )
    return to_ics(own)


@router.get("/agreements/{agreement_id}/calendar.ics", include_in_schema=False)
def calendar_file(board: Board, when: When, agreement_id: str) -> Response:
    return agreement_calendar(board, when, agreement_id)


@router.get(
    "/borrowers/{borrower_id}/agreements/{agreement_id}/calendar.ics", include_in_schema=False
)
def borrower_calendar_file(board: BorrowerBoard, when: When, agreement_id: str) -> Response:
    return agreement_calendar(board, when, agreement_id)


def agreement_calendar(board: Dashboard, when: AsOf, agreement_id: str) -> Response:
    known_agreement(board, agreement_id)
    return attachment(
        agreement_ics(board, agreement_id, when),
        ICS_MEDIA_TYPE,
        dated_name(f"calendar-{agreement_id}.ics", when),
    )
