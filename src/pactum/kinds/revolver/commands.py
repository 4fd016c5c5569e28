"""`pactum collateral`: borrowing-base certificates from invoice- and SKU-level detail, one per
borrower, each ineligible dollar under its reason."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.table import Table

from pactum.clauses.commands import (
    WRITABLE_FOLDER,
    JsonFlag,
    bad_option,
    date_option,
    err,
    guarded,
    out,
    print_json,
    written,
)
from pactum.errors import fail
from pactum.facts.dated_snapshots import load_loans_by_borrower
from pactum.findings import Unit
from pactum.format import display
from pactum.kinds.revolver.schema import RevolverTerms
from pactum.terms.sheet import load_term_sheet

if TYPE_CHECKING:  # the engine (Ibis, DuckDB) is imported only when a certificate is made
    from pactum.collateral.results import Bucket
    from pactum.kinds.revolver.certificate import Certificate, CertificateRun

commands = typer.Typer()


def revolver_sheet(path: Path) -> tuple[str, RevolverTerms]:
    """The sheet's id and the terms of its (first) revolver clause with a borrowing base."""
    loaded = load_term_sheet(path)
    found = loaded.clauses_of("revolver")
    with_base = [c for c in found if c.terms_as(RevolverTerms).borrowing_base is not None]
    if not with_base:
        where = ("clauses", found[0].index) if found else ("clauses",)
        raise fail(
            path,
            loaded.source.line_of(where),
            f"{found[0].id}.borrowing_base" if found else "clauses",
            "a revolver clause without a borrowing base" if found else "no revolver clause",
            "a term sheet with a revolver clause that has a borrowing base (its eligibility "
            "rules and advance rates)",
        )
    return loaded.sheet.id, with_base[0].terms_as(RevolverTerms)


@commands.command()
def collateral(
    agreement: Annotated[Path, typer.Option("--agreement", help="a revolver term sheet (YAML)")],
    as_of: Annotated[str, typer.Option("--as-of", help="YYYY-MM-DD")],
    receivables: Annotated[
        Path, typer.Option("--receivables", help="the aging: CSV or Parquet, one row per invoice")
    ],
    payables: Annotated[
        Path | None, typer.Option("--payables", help="what the borrower owes its debtors")
    ] = None,
    inventory: Annotated[
        Path | None, typer.Option("--inventory", help="the inventory listing, one row per SKU")
    ] = None,
    loans: Annotated[
        Path | None,
        typer.Option("--loans", help="loans.csv (with borrower_id for many), for availability"),
    ] = None,
    engine: Annotated[str, typer.Option("--engine", help="duckdb (default) or spark")] = "duckdb",
    output: Annotated[
        Path | None, typer.Option("--out", help="write certificates.json and debtors.csv here")
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Borrowing-base certificates from invoice-level receivables (and SKU-level inventory):
    one per borrower, each ineligible dollar under its reason."""
    from pactum.collateral.engines import ENGINES
    from pactum.kinds.revolver.certificate import run_certificates, to_json
    from pactum.kinds.revolver.certificate_files import write_outputs

    chosen = next((e for e in ENGINES if e == engine), None)
    if chosen is None:
        raise bad_option("--engine", repr(engine), "duckdb or spark")
    when = date_option("--as-of", as_of)
    agreement_id, sheet = guarded(lambda: revolver_sheet(agreement))
    loan_facts = guarded(lambda: load_loans_by_borrower(loans)) if loans is not None else None
    run = guarded(
        lambda: run_certificates(
            sheet,
            when,
            receivables,
            payables,
            inventory,
            chosen,
            loan_facts,
            agreement_id=agreement_id,
        )
    )
    for warning in run.warnings:
        err.print(f"warning: {warning}", markup=False)
    if output is not None:
        written("--out", output, lambda: write_outputs(output, run), WRITABLE_FOLDER)
    if as_json:
        print_json(to_json(run))
    else:
        print_certificates(run, out)


def _less(buckets: Sequence[Bucket]) -> list[tuple[str, Decimal, bool]]:
    """The ineligible lines of a section, as deductions; empty buckets are left out."""
    return [(f"  less {b.reason.replace('_', ' ')}", -b.amount, False) for b in buckets if b.amount]


def certificate_lines(c: Certificate) -> list[tuple[str, Decimal, bool]]:
    """(label, amount, bold) for each line of the certificate, top to bottom."""
    lines: list[tuple[str, Decimal, bool]] = []
    if c.receivables is not None:
        r = c.receivables
        lines.append((f"Gross receivables ({r.rows} invoices)", r.gross, True))
        lines += _less(r.buckets)
        lines.append(("Eligible receivables", r.eligible, True))
        if (advance := c.advance("receivables_advance")) is not None:
            lines.append(("Receivables advance", advance, False))
    if c.inventory is not None:
        i = c.inventory
        lines.append((f"Gross inventory ({i.rows} rows)", i.gross, True))
        lines += _less(i.buckets)
        lines += [(f"Eligible inventory, {b.reason}", b.amount, False) for b in i.eligible_by_class]
        if (advance := c.advance("inventory_advance")) is not None:
            lines.append(("Inventory advance", advance, False))
    lines.append(("Borrowing base", c.figure("borrowing_base"), True))
    lines.append(("Line cap", c.figure("line_cap"), False))
    if c.loans_known:
        lines.append(("Availability", c.figure("availability"), True))
    return lines


def print_certificates(run: CertificateRun, console: Console) -> None:
    """Each borrower's certificate in the standard line-by-line form."""
    for c in run.certificates:
        who = f"borrower {c.borrower_id}" if c.borrower_id else run.agreement
        table = Table(title=f"Borrowing base certificate, {who}, as of {run.as_of}", box=None)
        table.add_column("line")
        table.add_column("amount", justify="right")
        for label, amount, bold in certificate_lines(c):
            table.add_row(f"[bold]{label}[/]" if bold else label, display(amount, Unit.money))
        console.print(table)
        for warning in c.warnings:
            console.print(f"  [yellow]warning[/] {warning}")
