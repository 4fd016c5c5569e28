"""The `pactum` command line."""

from __future__ import annotations

import gc
import inspect
import json
import tempfile
from collections.abc import Callable
from datetime import date
from functools import cache, partial, wraps
from importlib.metadata import EntryPoint, entry_points, version
from pathlib import Path
from typing import Annotated, Any, ParamSpec, TypeVar

import typer
import typer.main
from typer.core import TyperGroup

from pactum.book_workers import (
    Stopped,
    calendar_text,
    findings_json,
    findings_text,
    joined_calendar,
    joined_json,
    run_shares,
    workers_for,
)
from pactum.clauses.commands import (
    AgreementArg,
    AsOf,
    BorrowerOpt,
    JsonFlag,
    PortfolioArg,
    as_of_date,
    bad_option,
    book_as_of,
    date_option,
    err,
    exit_on_citation_failures,
    guarded,
    load_checked_book,
    out,
    print_json,
    valid_date,
)
from pactum.contributions import documents as clause_documents
from pactum.contributions import recorded_tables as clause_tables
from pactum.desk import COLUMN_NAMES, desk_json, facilities, parse_filter, sorted_by
from pactum.errors import option_problem
from pactum.evaluate import check as evaluate_check
from pactum.evaluate import check_book
from pactum.facts.recorded import DocumentRun, record_runs, recorded_runs
from pactum.files.atomic import write_text_atomically
from pactum.findings import Findings
from pactum.findings_json import serialise
from pactum.ical import write_ics
from pactum.obligations_calendar import (
    ObligationCalendar,
    book_calendar,
    calendar_filter,
    default_window,
    filtered,
)
from pactum.portfolio import (
    Agreement,
    Book,
    BookOutline,
    Portfolio,
    book_outline,
    load_portfolio,
)
from pactum.reminders import MAX_REMINDER_DAYS, Reminders
from pactum.term_history import (
    history_json,
    in_force,
    instruments_of,
    instruments_on,
    term_histories,
)
from pactum.terminal import (
    print_calendar,
    print_calendar_heading,
    print_calendar_total,
    print_clause_types,
    print_desk,
    print_findings,
    print_findings_heading,
    print_history,
    print_recorded,
    print_verify,
)
from pactum.terms.registry import RegistryError, clause_types
from pactum.terms.sheet_schema import sheet_schema
from pactum.verify import verify_portfolio

FAMILY_COMMANDS = "pactum.commands"  # the entry-point group of the clause families' commands


@cache
def family_commands() -> dict[str, EntryPoint]:
    """The clause families' own commands (`pactum rent`, `vote`, `notice`, `interest`,
    `collateral`, or another package's), by name, from their entry points."""
    return {e.name: e for e in sorted(entry_points(group=FAMILY_COMMANDS), key=lambda e: e.name)}


class Commands(TyperGroup):
    """`pactum`'s commands: its own, and the clause families', each family's loaded only when
    it is run or its help is shown, so that `pactum check` imports no family's command code."""

    # `ctx` and the commands are Typer's own copy of Click's types (typer._click), private
    def list_commands(self, ctx: Any) -> list[str]:
        own = super().list_commands(ctx)
        return [*own, *(name for name in family_commands() if name not in own)]

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        found = super().get_command(ctx, cmd_name)
        if found is None and cmd_name in family_commands():
            contributed = typer.main.get_command(family_commands()[cmd_name].load())
            if isinstance(contributed, TyperGroup):  # a family with several commands
                found = contributed.get_command(ctx, cmd_name)
            elif contributed.name == cmd_name:
                found = contributed
            if found is None:
                raise RegistryError(
                    f"entry point {cmd_name!r} ({FAMILY_COMMANDS}) has no command {cmd_name!r}"
                )
            self.commands[cmd_name] = found
        if found is not None and found.help:
            found.help = unwrapped(found.help)
        return found


def unwrapped(help_text: str) -> str:
    """A docstring's paragraphs each on one line: Typer's rich help keeps a docstring's single
    line breaks, which at 80 columns leave a ragged line ("later" / "months are") in every
    wrapped paragraph; the terminal wraps the paragraph itself."""
    paragraphs = inspect.cleandoc(help_text).split("\n\n")
    return "\n\n".join(" ".join(p.split("\n")) for p in paragraphs)


T = TypeVar("T")
P = ParamSpec("P")


app = typer.Typer(
    cls=Commands,
    help="Pactum: corporate agreements as source-cited, executable term sheets.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _bundled_example() -> Path:
    """The Innotrac example: inside the installed package (a wheel carries it, see setup.py),
    or in the source tree's examples/ folder (an editable install, a checkout)."""
    packaged = Path(__file__).resolve().parent / "examples" / "innotrac"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "examples" / "innotrac"


EXAMPLE = _bundled_example()


def _print_version(wanted: bool) -> None:
    if wanted:
        out.print(f"pactum {version('pactum')}", highlight=False)
        raise typer.Exit()


@app.callback()
def _options(
    show_version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_print_version, is_eager=True, help="print the version and exit"
        ),
    ] = False,
) -> None:
    """Pactum: corporate agreements as source-cited, executable term sheets."""


def _cycle_collection_paused(command: Callable[P, None]) -> Callable[P, None]:
    """`command` run with Python's cycle collector paused, and resumed after. A book's check or
    calendar builds hundreds of thousands of long-lived objects (its sheets' models, facts,
    findings) and frees few cycles; the collector rescanned them over and over, about a
    seventh of the command's time. Resumed after, since a test runs many commands in one
    process."""

    @wraps(command)
    def run(*args: P.args, **kwargs: P.kwargs) -> None:
        enabled = gc.isenabled()
        gc.disable()
        try:
            command(*args, **kwargs)
        finally:
            if enabled:
                gc.enable()

    return run


@app.command()
@_cycle_collection_paused
def check(
    portfolio: PortfolioArg,
    as_of: AsOf = None,
    as_json: JsonFlag = False,
    borrower: BorrowerOpt = None,
) -> None:
    """Compute every agreement's values, tests, obligations and alerts as of a date (in a
    book, every borrower's, or one's with --borrower)."""
    given = date_option("--as-of", as_of) if as_of is not None else None
    outline = book_outline(portfolio) if borrower is None else None
    workers = guarded(lambda: workers_for(len(outline.borrowers))) if outline else 1
    if outline is not None and workers > 1:
        # a large book: its borrowers computed and printed in shares, one per worker
        when = given or outline.as_of or date.today()
        if as_json:
            documents = _in_workers(portfolio, outline, partial(findings_json, when), workers)
            print_json(joined_json(documents))
            return
        texts = _in_workers(portfolio, outline, partial(findings_text, out, when), workers)
        print_findings_heading(outline.name, when, out)
        _write(texts)
        return
    book = load_checked_book(portfolio, borrower)
    when = given or book_as_of(None, book)
    findings = guarded(lambda: check_book(book, when))
    if as_json:
        print_json(serialise(findings))
    else:
        print_findings(findings, out)


@app.command()
def desk(
    portfolio: PortfolioArg,
    as_of: AsOf = None,
    as_json: JsonFlag = False,
    borrower: BorrowerOpt = None,
    sort: Annotated[
        str | None, typer.Option("--sort", help=f"order by a column: {COLUMN_NAMES}")
    ] = None,
    descending: Annotated[
        bool, typer.Option("--descending", help="with --sort: largest (latest, Z) first")
    ] = False,
    filters: Annotated[
        list[str] | None,
        typer.Option(
            "--filter",
            help="only facilities where COLUMN OP VALUE holds (repeatable; OP = != < <= > >=), "
            "e.g. 'availability_pct<10', 'breaches>0', 'reporting=weekly'",
        ),
    ] = None,
) -> None:
    """Every facility of the book in one table: availability and its share of the line cap,
    the reporting cadence, each covenant's headroom, breaches and projected breaches, and the
    next deadline; sortable and filterable."""
    chosen = [guarded(partial(parse_filter, text)) for text in filters or []]
    if sort is not None:
        guarded(partial(sorted_by, [], sort))  # an unknown column before any work
    book = load_checked_book(portfolio, borrower)
    when = book_as_of(as_of, book)
    findings = guarded(lambda: check_book(book, when))
    rows = [r for r in facilities(findings) if all(f.holds(r) for f in chosen)]
    if sort is not None:
        rows = sorted_by(rows, sort, descending)
    if as_json:
        print_json(desk_json(rows, findings))
    else:
        print_desk(rows, findings, out)


@app.command()
def record(
    portfolio: PortfolioArg,
    as_of: AsOf = None,
    borrower: BorrowerOpt = None,
) -> None:
    """Record the run on a date in the book's database (default <book>/pactum.duckdb): per
    borrower, the findings, the certificates and other documents, their figures, and the
    clauses' tables (a revolver's per-invoice ledger). A date recorded again is replaced; a
    run is recorded whole or not at all."""
    book = load_checked_book(portfolio, borrower)
    when = book_as_of(as_of, book)
    database = book.database
    assert database is not None  # load_book gives every book its database
    findings = guarded(lambda: check_book(book, when))
    # the clauses' tables are files until recorded: gone with the folder, recorded or not
    with tempfile.TemporaryDirectory(prefix="pactum-record-") as staging:
        runs = []
        for index, b in enumerate(book.borrowers):
            own = findings.of_borrower(b.id)
            folder = Path(staging) / str(index)  # each borrower's files apart
            folder.mkdir()
            runs.append(
                DocumentRun(
                    b.id,
                    b.name,
                    serialise(own),
                    tuple(guarded(partial(clause_documents, b.portfolio, own))),
                    tuple(guarded(partial(clause_tables, b.portfolio, own, folder))),
                )
            )
        guarded(lambda: record_runs(database, when, runs))
    for run in runs:
        who = f"{run.borrower_id} ({run.borrower_name})" if run.borrower_id else run.borrower_name
        tables = "".join(f", {table}" for table in dict.fromkeys(t for t, _, _ in run.tables))
        out.print(f"Recorded {when.isoformat()} for {who}: {len(run.documents)} documents{tables}")
    out.print(f"in {database}")


@app.command()
def recorded(
    portfolio: PortfolioArg,
    borrower: BorrowerOpt = None,
    as_json: JsonFlag = False,
) -> None:
    """List the runs recorded in the book's database, by borrower and date."""
    book = load_checked_book(portfolio, borrower)
    assert book.database is not None
    database = book.database
    runs = guarded(lambda: recorded_runs(database, borrower))
    if as_json:
        print_json(
            {
                "database": str(database),
                "runs": [
                    {
                        "borrower": r.borrower_id or None,
                        "borrower_name": r.borrower_name,
                        "as_of": r.as_of.isoformat(),
                        "agreements": r.agreements,
                        "documents": r.documents,
                        "figures": r.figures,
                        "table_rows": dict(r.table_rows),
                    }
                    for r in runs
                ],
            }
        )
    else:
        print_recorded(runs, database, out)


@app.command()
def verify(portfolio: PortfolioArg, as_json: JsonFlag = False) -> None:
    """Check every citation against its document and recompute every stated figure."""
    loaded = guarded(lambda: load_portfolio(portfolio))
    report = verify_portfolio(loaded)
    if as_json:
        print_json(report.to_json())
    else:
        print_verify(report, out)
    exit_on_citation_failures(report)
    if report.failures:
        raise typer.Exit(1)  # the documents' own figures disagree with their terms


@app.command()
def history(
    portfolio: PortfolioArg,
    agreement: AgreementArg = None,
    term: Annotated[
        str | None,
        typer.Option("--term", help="a term or the start of its name, e.g. covenants.tests"),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            help="YYYY-MM-DD: only the terms in force on that date, each with its one change",
        ),
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """List an agreement's instruments and each term's value over time, with the instrument
    and the quote behind each change (with --as-of, the terms in force on a date)."""
    loaded = guarded(lambda: load_portfolio(portfolio))
    found: Agreement | None = None
    if agreement is None and len(loaded.agreements) == 1:  # the portfolio's one agreement
        found = next(iter(loaded.agreements.values()))
    elif agreement is not None:
        found = loaded.agreements.get(agreement)
    if found is None:
        raise bad_option(
            "AGREEMENT", agreement or "none named", "one of " + ", ".join(loaded.agreements)
        )
    on = date_option("--as-of", as_of) if as_of is not None else None
    histories = term_histories(found, term or "")
    if term and not histories:
        names = sorted({h.name.split(".", 1)[0] for h in term_histories(found)})
        raise bad_option("--term", term, "a term of the agreement, e.g. under " + ", ".join(names))
    instruments = instruments_of(found)
    if on is not None:
        histories, instruments = in_force(histories, on), instruments_on(instruments, on)
    if as_json:
        print_json(history_json(found, instruments, histories, on))
    else:
        print_history(found.sheet.title, instruments, histories, out)


@app.command()
def schema() -> None:
    """Print the JSON Schema of a term sheet with every registered clause type, for editors
    to validate against."""
    print_json(sheet_schema())


@app.command()
def clauses() -> None:
    """List the registered clause types, each with what it holds."""
    print_clause_types(clause_types(), out)


@app.command()
def demo(
    portfolio: Annotated[Path, typer.Option(help="the example portfolio")] = EXAMPLE,
    output: Annotated[Path, typer.Option("--out", help="where to write the JSON findings")] = Path(
        "out/innotrac-findings.json"
    ),
) -> None:
    """Run `check` on the bundled Innotrac example and write its JSON findings to a file."""
    loaded = guarded(lambda: load_portfolio(portfolio))
    report = verify_portfolio(loaded)
    print_verify(report, out)
    exit_on_citation_failures(report)
    when = as_of_date(None, loaded)
    findings = guarded(lambda: evaluate_check(loaded, when))
    print_findings(findings, out)
    write_text_atomically(output, json.dumps(serialise(findings), indent=2) + "\n")
    out.print(f"\nJSON findings written to {output}")
    _write_reports(output.parent, loaded, findings)


@app.command()
def report(
    portfolio: PortfolioArg,
    output: Annotated[Path, typer.Option("--out", help="the folder to write the documents into")],
    as_of: AsOf = None,
    borrower: BorrowerOpt = None,
) -> None:
    """Write every document the agreements' clauses give on a date (certificates, schedules,
    reports) as HTML, XLSX and PDF. All files are written, or none. In a book, each
    borrower's files are named after it (<borrower>-<file>)."""
    book = load_checked_book(portfolio, borrower)
    when = book_as_of(as_of, book)
    findings = guarded(lambda: check_book(book, when))
    _write_book_reports(output, book, findings)


def _write_reports(folder: Path, portfolio: Portfolio, findings: Findings) -> None:
    # imported here: rendering loads Jinja2, openpyxl and WeasyPrint, which `check` never needs
    from pactum.reports.report_set import write_reports

    _list_written(folder, guarded(lambda: write_reports(folder, portfolio, findings)))


def _write_book_reports(folder: Path, book: Book, findings: Findings) -> None:
    from pactum.reports.report_set import write_book_reports

    parts = [
        (f"{b.id}-" if b.id is not None else "", b.portfolio, findings.of_borrower(b.id))
        for b in book.borrowers
    ]
    _list_written(folder, guarded(lambda: write_book_reports(folder, parts)))


def _list_written(folder: Path, written: list[Path]) -> None:
    if not written:
        # a trailing colon with nothing under it reads as a failure to list them
        out.print(f"\nNo files written to {folder}: no clause of the portfolio gives a document")
        return
    out.print(f"\n{len(written)} files written to {folder}:")
    for path in written:
        out.print(f"  {path.name}")


def _in_workers(
    root: Path, outline: BookOutline, job: Callable[[Book], T], workers: int
) -> list[T]:
    """`job` over the book's borrowers in shares, one per worker process; bad input is
    the one line (or the citations) the run in one process would print, exit 2."""
    try:
        return run_shares(root, outline.borrowers, job, workers)
    except Stopped as stopped:
        for line in stopped.lines:
            err.print(line, markup=False)
        raise typer.Exit(2) from None


def _write(texts: list[str]) -> None:
    """Text the shares rendered as `out` renders it, in order."""
    for text in texts:
        out.file.write(text)
    out.file.flush()


def _window(start: str | None, end: str | None, as_of: date) -> tuple[date, date]:
    """--from and --to; a bound not given is the start or end of the year of the other bound,
    or of the as-of date when neither is given."""
    first = date_option("--from", start) if start is not None else None
    last = date_option("--to", end) if end is not None else None
    first, last = _bounds(first, last, as_of)
    if first > last:
        raise bad_option("--from", f"{start} after --to {end}", "a first day on or before the last")
    return first, last


def _bounds(first: date | None, last: date | None, as_of: date) -> tuple[date, date]:
    year_start, year_end = default_window(first or last or as_of)
    return first or year_start, last or year_end


def _valid_window(start: str | None, end: str | None, as_of: date) -> tuple[date, date] | None:
    """The window `_window` reads, or None where it would refuse --from or --to (which the
    run in one process then reports, after loading the book, as it always has)."""
    first = valid_date(start) if start is not None else None
    last = valid_date(end) if end is not None else None
    if (start is not None and first is None) or (end is not None and last is None):
        return None
    first, last = _bounds(first, last, as_of)
    return (first, last) if first <= last else None


def _reminder_days(text: str | None) -> int | None:
    if text is None:
        return None
    if not text.strip().isdigit() or int(text) > MAX_REMINDER_DAYS:
        raise bad_option(
            "--remind-days", repr(text), f"a whole number of days from 0 to {MAX_REMINDER_DAYS}"
        )
    return int(text)


def _write_ics(path: Path, listing: ObligationCalendar, reminders: Reminders) -> None:
    try:
        write_ics(path, listing, reminders)
    except OSError as exc:
        raise option_problem(
            "--ics",
            f"{str(path)!r} ({exc.strerror or exc})",
            "a file path in a folder that can be written",
        ) from None


@app.command()
@_cycle_collection_paused
def calendar(
    portfolio: PortfolioArg,
    start: Annotated[
        str | None,
        typer.Option(
            "--from",
            help="first day, YYYY-MM-DD; default: January 1 of the as-of year "
            "(of --to's year when only --to is given)",
        ),
    ] = None,
    end: Annotated[
        str | None,
        typer.Option(
            "--to",
            help="last day, YYYY-MM-DD; default: December 31 of the as-of year "
            "(of --from's year when only --from is given)",
        ),
    ] = None,
    ics: Annotated[
        Path | None,
        typer.Option("--ics", help="write the obligations to this iCalendar (.ics) file"),
    ] = None,
    remind_days: Annotated[
        str | None,
        typer.Option(
            "--remind-days",
            help="one reminder this many days before every .ics event, instead of the "
            "portfolio's reminders (by category and amount; see portfolio.yaml)",
        ),
    ] = None,
    agreements: Annotated[
        list[str] | None,
        typer.Option("--agreement", help="only this agreement's obligations (repeatable)"),
    ] = None,
    categories: Annotated[
        list[str] | None,
        typer.Option(
            "--category",
            help="only obligations of this category (repeatable): report, fee, rent, payment, "
            "covenant_test, option_deadline, deadline, end, other",
        ),
    ] = None,
    as_of: AsOf = None,
    as_json: JsonFlag = False,
    borrower: BorrowerOpt = None,
) -> None:
    """List every obligation of every agreement in a window: reports, fees, rent, covenant
    test dates, option deadlines, maturity and end dates (in a book, every borrower's, or
    one's with --borrower).

    The window defaults to the calendar year of the portfolio's as_of date (or of --as-of).
    Facts known at the as-of date apply. Dates on a weekend or holiday are kept, with a note,
    unless the term sheet rolls them.
    """
    days = _reminder_days(remind_days)
    given = date_option("--as-of", as_of) if as_of is not None else None
    outline = book_outline(portfolio) if borrower is None else None
    whole = not (ics or as_json or agreements or categories)  # the book's calendar as tables
    workers = guarded(lambda: workers_for(len(outline.borrowers))) if outline and whole else 1
    if outline is not None and workers > 1:
        when = given or outline.as_of or date.today()
        window = _valid_window(start, end, when)
        if window is not None:
            # a large book: its borrowers' tables made in shares, one per worker
            first, last = window
            job = partial(calendar_text, out, when, first, last)
            count, tables = joined_calendar(_in_workers(portfolio, outline, job, workers))
            print_calendar_heading(ObligationCalendar(outline.name, when, first, last, ()), out)
            _write(tables)
            print_calendar_total(count, out)
            return
    book = load_checked_book(portfolio, borrower)
    known = [a for b in book.borrowers for a in b.portfolio.agreements]
    only = guarded(lambda: calendar_filter(known, agreements or [], categories or []))
    when = given or book_as_of(None, book)
    first, last = _window(start, end, when)
    listing = guarded(lambda: filtered(book_calendar(book, when, first, last), only))
    reminders = Reminders.every(days) if days is not None else book.reminders
    if ics is not None:
        guarded(lambda: _write_ics(ics, listing, reminders))
    if as_json:
        print_json(listing.to_json())
    elif ics is not None:
        out.print(f"Calendar written to {ics} ({len(listing.entries)} events)")
    else:
        print_calendar(listing, out)


@app.command()
def serve(
    portfolio: PortfolioArg,
    host: Annotated[
        str, typer.Option("--host", help="address to bind; any but loopback needs a token")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="port to listen on")] = 8000,
    token: Annotated[
        str | None,
        typer.Option(
            "--token",
            help="the token pages ask for; default off loopback: $PACTUM_TOKEN, else generated",
        ),
    ] = None,
    allow_host: Annotated[
        list[str] | None,
        typer.Option(
            "--allow-host",
            help="another name the dashboard answers in the Host header (repeatable; '*': any)",
        ),
    ] = None,
    max_upload_mb: Annotated[
        int, typer.Option("--max-upload-mb", min=1, help="the largest upload read, in MB")
    ] = 100,
    borrower: BorrowerOpt = None,
) -> None:
    """Serve the web dashboard: overview, agreements beside their documents, charts, and
    borrowing base certificates from an uploaded aging. A book of several borrowers: the
    desk (every facility in one table), a page per borrower with its trends from the recorded
    runs, and the book's calendar; one borrower's pages alone with --borrower."""
    import os

    from pactum.web.server import serve as serve_dashboard  # FastAPI loads only here

    loaded = load_checked_book(portfolio, borrower)
    serve_dashboard(
        loaded,
        host,
        port,
        token,
        os.environ.get("PACTUM_TOKEN"),
        lambda line: out.print(line),
        allow_hosts=allow_host or (),
        max_upload_bytes=max_upload_mb * 1024 * 1024,
    )


def main() -> None:  # pragma: no cover
    app()
