"""`pactum report`: every certificate and schedule of a portfolio on a date, each as HTML, XLSX
and PDF, written together or not at all.

| agreement kind | documents (file stem) |
|---|---|
| revolver | `borrowing-base-certificate-<id>`, `compliance-certificate-<id>` |
| lease | `rent-roll-<id>` |
| standstill | `ownership-and-voting-<id>` |
"""

from __future__ import annotations

import os
from pathlib import Path

from pactum.document import Document
from pactum.errors import option_problem
from pactum.files.atomic import write_files_atomically
from pactum.findings import Findings
from pactum.kinds.revolver.schema import RevolverTerms
from pactum.portfolio import Portfolio
from pactum.reports.borrowing_base_certificate import from_portfolio
from pactum.reports.compliance_certificate import compliance_certificate
from pactum.reports.html import render_html
from pactum.reports.ownership_report import ownership_report
from pactum.reports.pdf import render_pdf
from pactum.reports.rent_roll_document import rent_roll_report
from pactum.reports.workbook import workbook_bytes

FORMATS = ("html", "xlsx", "pdf")
WRITABLE = "a folder that can be created and written to"


def documents(portfolio: Portfolio, findings: Findings) -> list[Document]:
    """The documents of every agreement, from its findings on `findings.as_of`."""
    as_of = findings.as_of
    found: list[Document] = []
    for agreement in portfolio.agreements.values():
        result = findings.agreement(agreement.id)
        types = {clause.type for clause in agreement.clauses}
        if "revolver" in types:
            sheet = agreement.clauses_of("revolver")[0].terms_as(RevolverTerms)
            found.append(from_portfolio(portfolio, agreement.id, as_of).document())
            company = portfolio.config.company
            found.append(compliance_certificate(company, sheet, result, as_of).document())
        if "lease" in types:
            found.append(rent_roll_report(portfolio, agreement, result, as_of).document())
        if "standstill" in types:
            found.append(ownership_report(portfolio, agreement, result, as_of).document())
    return found


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
    """Render every document, then write all the files into `folder` at once: on any failure
    nothing is left half-written. Returns the files written."""
    _check_writable(folder)
    files: dict[str, bytes] = {}
    for document in documents(portfolio, findings):
        files.update(rendered(document))
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
