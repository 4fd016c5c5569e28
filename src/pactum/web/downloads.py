"""The files a certificate run offers for download on the upload page.

For now the collateral engine's own outputs (`collateral.files.write_outputs`): the
certificates as JSON and the per-debtor waterfall as CSV. The printable borrowing base
certificate (HTML, XLSX, PDF) belongs here too once it exists: one more entry each.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the engine (Ibis, DuckDB) is imported only when a certificate is made
    from pactum.collateral.certificate import CertificateRun


@dataclass(frozen=True)
class Download:
    name: str
    media_type: str
    content: bytes


# what write_outputs writes, and how each is served
_OUTPUTS = (("certificates.json", "application/json"), ("debtors.csv", "text/csv"))


def certificate_downloads(run: CertificateRun) -> dict[str, Download]:
    """Each download of a run by its file name, rendered now (the run is not kept)."""
    from pactum.collateral.files import write_outputs

    with TemporaryDirectory(prefix="pactum-downloads-") as folder:
        write_outputs(Path(folder), run)
        return {
            name: Download(name, media_type, (Path(folder) / name).read_bytes())
            for name, media_type in _OUTPUTS
        }
