"""`pactum collateral`: borrowing-base certificates from invoice- and SKU-level detail, one per
borrower, each ineligible dollar under its reason."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.markup import escape

from pactum.clauses.commands import (
    WRITABLE_FOLDER,
    BorrowerOpt,
    JsonFlag,
    agreement_with,
    bad_option,
    book_as_of,
    date_option,
    err,
    guarded,
    load_checked_book,
    out,
    print_json,
    written,
)
from pactum.collateral.detail_facts import DetailFiles
from pactum.errors import fail
from pactum.facts.dated_snapshots import DatedFacts, load_loans_by_borrower
from pactum.facts.events import AgreementEvents
from pactum.files.atomic import write_several_atomically
from pactum.findings import Unit
from pactum.format import display
from pactum.kinds.revolver.schema import RevolverTerms
from pactum.portfolio import Agreement, Book, Portfolio
from pactum.screen_table import Column
from pactum.screen_table import print_table as print_screen_table
from pactum.terms.sheet import load_term_sheet

if TYPE_CHECKING:  # the engine (Ibis, DuckDB) is imported only when a certificate is made
    from pactum.collateral.eligible import EligibleDetail
    from pactum.collateral.engines import Engine
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
    portfolio: Annotated[
        Path | None,
        typer.Argument(
            help="a portfolio folder: its revolver, detail files, loans and events, as check "
            "reads them"
        ),
    ] = None,
    agreement: Annotated[
        str | None,
        typer.Option(
            "--agreement",
            help="a revolver term sheet (YAML); with a portfolio, an agreement id (default: "
            "its one revolver with a borrowing base)",
        ),
    ] = None,
    as_of: Annotated[str | None, typer.Option("--as-of", help="YYYY-MM-DD")] = None,
    receivables: Annotated[
        Path | None,
        typer.Option("--receivables", help="the aging: CSV or Parquet, one row per invoice"),
    ] = None,
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
    ledger: Annotated[
        Path | None,
        typer.Option(
            "--ledger",
            help="write the per-invoice ledger here (Parquet): each invoice's dollars under "
            "the reason that took them; in a book, one file per borrower, <id>-FILE",
        ),
    ] = None,
    as_json: JsonFlag = False,
    borrower: BorrowerOpt = None,
) -> None:
    """Borrowing-base certificates from invoice-level receivables (and SKU-level inventory):
    one per borrower, each ineligible dollar under its reason. With a book of borrowers,
    each borrower's revolver on its own detail files (or one borrower's with --borrower)."""
    from pactum.collateral.engines import ENGINES
    from pactum.kinds.revolver.certificate import to_json
    from pactum.kinds.revolver.certificate_files import write_outputs

    chosen = next((e for e in ENGINES if e == engine), None)
    if chosen is None:
        raise bad_option("--engine", repr(engine), "duckdb or spark")
    if portfolio is not None:
        book = load_checked_book(portfolio, borrower)
        if book.is_book and len(book.borrowers) > 1:
            for option, named in (
                ("--receivables", receivables),
                ("--payables", payables),
                ("--inventory", inventory),
            ):
                if named is not None:  # one file is one borrower's: which, the book cannot say
                    raise bad_option(option, repr(str(named)), "--borrower with it in a book")
            _book_certificates(book, agreement, as_of, chosen, output, as_json, ledger)
            return
        inputs = portfolio_inputs(
            book.borrowers[0].portfolio,
            agreement,
            book_as_of(as_of, book),
            receivables,
            payables,
            inventory,
        )
    else:
        if borrower is not None:
            raise bad_option("--borrower", repr(borrower), "a book's folder before it")
        inputs = file_inputs(agreement, as_of, receivables, payables, inventory, loans)
    run = _run(inputs, chosen, ledger)
    for warning in run.warnings:
        err.print(f"warning: {warning}", markup=False)
    if output is not None:
        written("--out", output, lambda: write_outputs(output, run), WRITABLE_FOLDER)
    if as_json:
        print_json(to_json(run))
    else:
        print_certificates(run, out)


def _run(
    inputs: CollateralInputs,
    engine: Engine,
    ledger: Path | None = None,
    detail: EligibleDetail | None = None,
) -> CertificateRun:
    from pactum.kinds.revolver.certificate import run_certificates

    def certificates() -> CertificateRun:
        return guarded(
            lambda: run_certificates(
                inputs.sheet,
                inputs.as_of,
                inputs.receivables,
                inputs.payables,
                inputs.inventory,
                engine,
                inputs.loans,
                inputs.events,
                agreement_id=inputs.agreement_id,
                ledger=ledger,
                detail=detail,
            )
        )

    # the ledger is written whole or not at all; a system's refusal names the option
    return certificates() if ledger is None else written("--ledger", ledger, certificates)


def _book_certificates(
    book: Book,
    agreement: str | None,
    as_of: str | None,
    engine: Engine,
    output: Path | None,
    as_json: bool,
    ledger: Path | None = None,
) -> None:
    """Each borrower's certificates from its revolver and its detail files in force on the
    as-of date; a borrower without a revolver with a borrowing base (or of the id given with
    --agreement), or without an aging by then, has none. With --out, each borrower's files
    in a folder named after it; with --ledger FILE, each borrower's ledger in <id>-FILE."""
    from pactum.kinds.revolver.certificate import to_json
    from pactum.kinds.revolver.certificate_files import write_outputs

    when = book_as_of(as_of, book)
    if ledger is None:
        runs = _book_runs(book, agreement, when, engine, None)
    else:
        # every borrower's ledger staged, moved into place only when every borrower's run passed
        runs = written(
            "--ledger",
            ledger,
            lambda: write_several_atomically(
                ledger.parent,
                lambda staging: _book_runs(book, agreement, when, engine, staging / ledger.name),
            ),
        )
    for borrower_id, run in runs:
        for warning in run.warnings:
            err.print(f"warning: borrower {borrower_id}: {warning}", markup=False)
        if output is not None:
            folder = output / borrower_id
            written("--out", folder, partial(write_outputs, folder, run), WRITABLE_FOLDER)
    if as_json:
        print_json(
            {
                "book": book.name,
                "as_of": when.isoformat(),
                "certificates": [{"borrower": b, **to_json(run)} for b, run in runs],
            }
        )
        return
    for borrower_id, run in runs:
        named = book.borrower(borrower_id)
        out.print(f"[bold]Borrower {borrower_id}[/]: {named.name if named else ''}")
        print_certificates(run, out)


def _book_runs(
    book: Book, agreement: str | None, when: date, engine: Engine, ledger: Path | None
) -> list[tuple[str, CertificateRun]]:
    """Each borrower's certificate run; with `ledger`, each borrower's ledger in <id>-FILE."""
    from pactum.kinds.revolver.certificate import BookMember, details_together

    runs: list[tuple[str, CertificateRun]] = []
    found: list[tuple[str, CollateralInputs]] = []
    for one in book.borrowers:
        assert one.id is not None  # a book's borrowers have ids
        revolvers = revolvers_with_base(one.portfolio, when)
        if agreement is not None:
            revolvers = [a for a in revolvers if a.id == agreement]
        if not revolvers:
            continue
        if len(revolvers) > 1:
            raise bad_option(
                "--agreement",
                "nothing",
                f"the id of one of borrower {one.id}'s revolvers with a borrowing base: "
                + ", ".join(a.id for a in revolvers),
            )
        files = detail_files(one.portfolio)
        if file_in_force(None, files.receivables, when) is None:
            err.print(
                f"warning: borrower {one.id}: no aging dated on or before {when}; no certificate",
                markup=False,
            )
            continue
        inputs = portfolio_inputs(one.portfolio, revolvers[0].id, when, None, None, None)
        found.append((one.id, inputs))
    # on DuckDB and without ledgers: one engine pass for the borrowers whose rules have one
    # shape (the others, and any borrower of a pass that met a problem, run on their own)
    together = (
        details_together(
            [BookMember(i.sheet, i.receivables, i.payables, i.inventory) for _, i in found], when
        )
        if engine == "duckdb" and ledger is None
        else {}
    )
    for index, (borrower_id, inputs) in enumerate(found):
        own_ledger = None if ledger is None else ledger.with_name(f"{borrower_id}-{ledger.name}")
        runs.append((borrower_id, _run(inputs, engine, own_ledger, together.get(index))))
    return runs


@dataclass(frozen=True)
class CollateralInputs:
    """What a certificate run reads: the revolver's terms, the files, loans and events."""

    agreement_id: str
    sheet: RevolverTerms
    as_of: date
    receivables: Path
    payables: Path | None
    inventory: Path | None
    loans: dict[str, DatedFacts] | None
    events: AgreementEvents | None  # None: a sheet alone, without its portfolio's events


def file_inputs(
    agreement: str | None,
    as_of: str | None,
    receivables: Path | None,
    payables: Path | None,
    inventory: Path | None,
    loans: Path | None,
) -> CollateralInputs:
    """A sheet and files named one by one (an uploaded aging, a lender's book)."""
    if agreement is None:
        raise bad_option("--agreement", "nothing", "a revolver term sheet, or a portfolio folder")
    if as_of is None:
        raise bad_option("--as-of", "nothing", "YYYY-MM-DD")
    if receivables is None:
        raise bad_option("--receivables", "nothing", "the aging file, or a portfolio folder")
    when = date_option("--as-of", as_of)
    agreement_id, sheet = guarded(lambda: revolver_sheet(Path(agreement)))
    loan_facts = guarded(lambda: load_loans_by_borrower(loans)) if loans is not None else None
    return CollateralInputs(
        agreement_id, sheet, when, receivables, payables, inventory, loan_facts, None
    )


def revolvers_with_base(loaded: Portfolio, when: date) -> list[Agreement]:
    """The agreements with a revolver that has a borrowing base, as in force on `when`."""
    return [
        a
        for a in (x.at(when) for x in loaded.agreements.values())
        if any(c.terms_as(RevolverTerms).borrowing_base for c in a.clauses_of("revolver"))
    ]


def detail_files(loaded: Portfolio) -> DetailFiles:
    detail = loaded.facts.of_type("revolver")
    return detail if isinstance(detail, DetailFiles) else DetailFiles()


def file_in_force(named: Path | None, by_date: dict[date, Path], when: date) -> Path | None:
    if named is not None:
        return named
    dates = [d for d in by_date if d <= when]
    return by_date[max(dates)] if dates else None


def portfolio_inputs(
    loaded: Portfolio,
    agreement: str | None,
    when: date,
    receivables: Path | None,
    payables: Path | None,
    inventory: Path | None,
) -> CollateralInputs:
    """A portfolio (one borrower's) as `pactum check` reads it: its revolver, the detail
    files in force on the as-of date (unless named), its loans and its events (a consent that
    changes a rate)."""
    folder = loaded.root
    found = revolvers_with_base(loaded, when)
    if agreement is not None:
        chosen = agreement_with(loaded, agreement, "revolver", when)
    elif len(found) == 1:
        chosen = found[0]
    else:
        raise bad_option(
            "--agreement",
            "nothing",
            "the id of one of the portfolio's revolvers with a borrowing base: "
            + (", ".join(a.id for a in found) or "none"),
        )
    with_base = [
        c.terms_as(RevolverTerms)
        for c in chosen.clauses_of("revolver")
        if c.terms_as(RevolverTerms).borrowing_base is not None
    ]
    if not with_base:
        raise bad_option("--agreement", repr(chosen.id), "a revolver with a borrowing base")
    files = detail_files(loaded)
    aging = file_in_force(receivables, files.receivables, when)
    if aging is None:
        raise bad_option(
            "--receivables",
            f"no file in {folder / loaded.config.facts / 'receivables'} dated on or before "
            f"{when.isoformat()}",
            "an aging there (facts/receivables/<as_of>.csv), or --receivables",
        )
    return CollateralInputs(
        chosen.id,
        with_base[0],
        when,
        aging,
        file_in_force(payables, files.payables, when),
        file_in_force(inventory, files.inventory, when),
        {"": loaded.facts.loans},
        loaded.facts.events.for_agreement(chosen.id),
    )


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
        capped = c.optional("borrowing_base_cap")
        if capped is not None:  # a named debtor capped relative to the borrowing base
            lines.append(("  less borrowing base cap", -capped, False))
        if (advance := c.advance("receivables_advance")) is not None:
            lines.append(("Receivables advance", advance, False))
    if c.inventory is not None:
        i = c.inventory
        lines.append((f"Gross inventory ({i.rows} rows)", i.gross, True))
        lines += _less(i.buckets)
        if len(i.eligible_by_class) > 1:  # the total, then what it is made of
            lines.append(("Eligible inventory", i.eligible, True))
        lines += [(c.class_title(b.reason), b.amount, False) for b in i.eligible_by_class]
        if (advance := c.advance("inventory_advance")) is not None:
            lines.append(("Inventory advance", advance, False))
    lines.append(("Borrowing base", c.figure("borrowing_base"), True))
    lines.append(("Line cap", c.figure("line_cap"), False))
    if c.loans_known:
        lines.append(("Availability", c.figure("availability"), True))
    return lines


def print_certificates(run: CertificateRun, console: Console) -> None:
    """Each borrower's certificate in the standard line-by-line form."""
    columns = (Column("line", whole=False), Column("amount", justify="right"))
    for c in run.certificates:
        who = f"borrower {c.borrower_id}" if c.borrower_id else run.agreement
        rows = [
            [f"[bold]{escape(label)}[/]" if bold else escape(label), display(amount, Unit.money)]
            for label, amount, bold in certificate_lines(c)
        ]
        # the screen's table: an amount is never cut on a narrow terminal
        print_screen_table(
            console, columns, rows, title=f"Borrowing base certificate, {who}, as of {run.as_of}"
        )
        for warning in c.warnings:
            console.print(f"  [yellow]warning[/] {warning}")
