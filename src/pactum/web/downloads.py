"""The files a certificate from an aging offers for download on the upload page.

The printable certificate of each borrower (HTML, XLSX with the trace of each figure, PDF:
`pactum.reports`), and the clause type's own files of the run
(`AgingCertificate.files`: a revolver's certificates as JSON and per-debtor waterfall as CSV).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from pactum.files.atomic import write_files_atomically

if TYPE_CHECKING:
    from pactum.clauses.api import AgingCertificate


@dataclass(frozen=True)
class Download:
    """A file of a run, written to the dashboard's results folder."""

    name: str
    media_type: str
    path: Path


MEDIA_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pdf": "application/pdf",
}
# how the run's own files are served, by suffix
_FILE_TYPES = {".json": "application/json", ".csv": "text/csv"}


def certificate_downloads(
    certificate: AgingCertificate, folder: Path, warnings: tuple[str, ...] = ()
) -> dict[str, Download]:
    """Each download of a certificate by its file name, rendered now into `folder` (the
    certificate itself is not kept); `warnings` are printed first among each document's notes,
    so that no signed certificate leaves without them."""
    from pactum.reports.report_set import rendered

    found: dict[str, Download] = {}
    for document in certificate.documents():
        document = replace(document, notes=(*warnings, *document.notes))
        for name, content in rendered(document).items():
            (folder / name).write_bytes(content)
            found[name] = Download(name, MEDIA_TYPES[Path(name).suffix], folder / name)
    files = certificate.files()
    write_files_atomically(folder, files)
    for name in files:
        found[name] = Download(name, _FILE_TYPES[Path(name).suffix], folder / name)
    return found
