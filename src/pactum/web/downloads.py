"""The files a certificate run offers for download on the upload page.

The printable borrowing base certificate of each borrower (HTML, XLSX with the trace of each
figure, PDF: `pactum.reports`), and the collateral engine's own outputs
(`kinds.revolver.certificate_files.write_outputs`): the certificates as JSON and the per-debtor
waterfall as CSV.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the engine (Ibis, DuckDB) is imported only when a certificate is made
    from pactum.kinds.revolver.certificate import CertificateRun
    from pactum.kinds.revolver.schema import RevolverTerms


@dataclass(frozen=True)
class Download:
    """A file of a run, written to the dashboard's results folder."""

    name: str
    media_type: str
    path: Path


# what write_outputs writes, and how each is served
_OUTPUTS = (("certificates.json", "application/json"), ("debtors.csv", "text/csv"))
MEDIA_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pdf": "application/pdf",
}


def certificate_downloads(
    run: CertificateRun,
    sheet: RevolverTerms,
    title: str,
    company: str,
    aging_name: str,
    inventory_name: str,
    folder: Path,
    warnings: tuple[str, ...] = (),
) -> dict[str, Download]:
    """Each download of a run by its file name, rendered now into `folder` (the run itself is
    not kept); `warnings` are printed first among each document's notes, so that no signed
    certificate leaves without them."""
    from pactum.kinds.revolver.borrowing_base_certificate import from_collateral_run
    from pactum.kinds.revolver.certificate_files import write_outputs
    from pactum.reports.report_set import rendered

    found: dict[str, Download] = {}
    for certificate in run.certificates:
        document = from_collateral_run(
            run, sheet, title, certificate.borrower_id or None, company, aging_name, inventory_name
        ).document()
        document = replace(document, notes=(*warnings, *document.notes))
        for name, content in rendered(document).items():
            (folder / name).write_bytes(content)
            found[name] = Download(name, MEDIA_TYPES[Path(name).suffix], folder / name)
    write_outputs(folder, run)
    for name, media_type in _OUTPUTS:
        found[name] = Download(name, media_type, folder / name)
    return found
