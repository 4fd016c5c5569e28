"""`pactum report`: every document the portfolio's clauses give on a date (certificates,
schedules, reports: `ClauseType.documents`), each as HTML, XLSX and PDF, written together or
not at all."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from pactum.contributions import documents
from pactum.document import Document
from pactum.errors import option_problem
from pactum.files.atomic import write_files_atomically
from pactum.findings import Findings
from pactum.portfolio import Portfolio
from pactum.reports.html import render_html
from pactum.reports.pdf import render_pdf
from pactum.reports.workbook import workbook_bytes

FORMATS = ("html", "xlsx", "pdf")
WRITABLE = "a folder that can be created and written to"


def rendered(document: Document) -> dict[str, bytes]:
    """The document's files by name: `<stem>.html`, `.xlsx` and `.pdf` (printed from the
    same HTML)."""
    html = render_html(document)
    return {
        f"{document.stem}.html": html.encode("utf-8"),
        f"{document.stem}.xlsx": workbook_bytes(document),
        f"{document.stem}.pdf": render_pdf(html),
    }


def write_reports(folder: Path, portfolio: Portfolio, findings: Findings) -> list[Path]:
    """One portfolio's documents, written as `write_book_reports` writes them."""
    return write_book_reports(folder, [("", portfolio, findings)])


def write_book_reports(
    folder: Path, parts: Sequence[tuple[str, Portfolio, Findings]]
) -> list[Path]:
    """Render every document of each part (a portfolio and its findings; in a book, each
    borrower's, its files' names prefixed with its id), then write all the files into
    `folder` at once: on any failure nothing is left half-written. Returns the files written."""
    _check_writable(folder)
    files: dict[str, bytes] = {}
    for prefix, portfolio, findings in parts:
        for document in documents(portfolio, findings):
            files.update({prefix + name: data for name, data in rendered(document).items()})
    try:
        return write_files_atomically(folder, files)
    except OSError as exc:
        raise option_problem("--out", f"{str(folder)!r} ({exc.strerror})", WRITABLE) from None


def _check_writable(folder: Path) -> None:
    """Refuse an output folder that cannot be written before spending time on rendering."""
    absolute = folder.absolute()
    existing = next(p for p in (absolute, *absolute.parents) if p.exists())
    if not existing.is_dir():
        raise option_problem("--out", f"{str(folder)!r} ({existing} is a file)", WRITABLE)
    if not os.access(existing, os.W_OK | os.X_OK):
        raise option_problem("--out", f"{str(folder)!r} ({existing} is not writable)", WRITABLE)
