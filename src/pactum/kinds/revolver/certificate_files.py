"""The certificate run written to a folder, each file whole or not at all: the certificates as
JSON, and the per-debtor detail as CSV."""

from __future__ import annotations

import json
from pathlib import Path

from pactum.collateral.rules import RECEIVABLE_REASONS
from pactum.files.atomic import write_files_atomically
from pactum.files.table_files import Cell, Column, Format, Table, csv_bytes
from pactum.kinds.revolver.certificate import CertificateRun, to_json


def write_outputs(folder: Path, run: CertificateRun) -> None:
    # both files or neither: a certificate without its debtors (or the reverse) misleads
    write_files_atomically(folder, output_files(run))


def output_files(run: CertificateRun) -> dict[str, bytes]:
    """The certificates as JSON and the per-debtor detail as CSV, by file name."""
    certificates = (json.dumps(to_json(run), indent=2) + "\n").encode("utf-8")
    rows: list[tuple[Cell, ...]] = []
    for certificate in run.certificates:
        if certificate.receivables is None:
            continue
        for debtor in certificate.receivables.debtors:
            rows.append(
                (
                    certificate.borrower_id,
                    debtor.debtor_id,
                    debtor.debtor_name,
                    debtor.invoices,
                    debtor.gross,
                    *(b.amount for b in debtor.buckets),
                    debtor.eligible,
                    debtor.unapplied_credits,
                )
            )
    columns = (
        Column("borrower_id"),
        Column("debtor_id"),
        Column("debtor_name"),  # as the aging writes it; empty when it has no such column
        Column("invoices", Format.number),
        Column("gross", Format.money),
        *(Column(reason, Format.money) for reason in RECEIVABLE_REASONS),
        Column("eligible", Format.money),
        Column("unapplied_credits", Format.money),
    )
    debtors = csv_bytes(Table("Debtors", columns, rows))
    return {"certificates.json": certificates, "debtors.csv": debtors}
