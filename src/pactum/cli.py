"""The `pactum` command line."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console

from pactum.dates import parse_iso_date
from pactum.errors import InputError, fail, option_problem, shown
from pactum.evaluate import check as evaluate_check
from pactum.facts.dated_snapshots import load_loans_by_borrower
from pactum.files.atomic import write_text_atomically
from pactum.files.table_files import write_csv, write_xlsx
from pactum.findings import Findings
from pactum.findings_json import serialise
from pactum.ical import DEFAULT_REMINDER_DAYS, write_ics
from pactum.kinds.lease.rent_roll_table import lease_rent_roll
from pactum.kinds.revolver.schema import RevolverTerms
from pactum.kinds.standstill.meeting import Meeting, meeting
from pactum.kinds.standstill.schema import StandstillTerms
from pactum.money import parse_decimal
from pactum.notices.request import notice_request
from pactum.obligations_calendar import ObligationCalendar, default_window, obligation_calendar
from pactum.portfolio import Agreement, Portfolio, load_portfolio
from pactum.terminal import (
    print_calendar,
    print_clause_types,
    print_findings,
    print_meeting,
    print_notice,
    print_table,
    print_verify,
)
from pactum.terms.registry import clause_types
from pactum.terms.sheet import load_term_sheet
from pactum.terms.sheet_schema import sheet_schema
from pactum.verify import Report, verify_portfolio

app = typer.Typer(
    help="Pactum: corporate agreements as source-cited, executable term sheets.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
# Tables need room: when output is not a terminal (a pipe, a CI log) use 140 columns.
out = Console(highlight=False, width=None if sys.stdout.isatty() else 140)
err = Console(stderr=True, highlight=False, soft_wrap=True)
T = TypeVar("T")

PortfolioArg = Annotated[Path, typer.Argument(help="the portfolio folder (with portfolio.yaml)")]
AsOf = Annotated[
    str | None, typer.Option("--as-of", help="YYYY-MM-DD; default: the portfolio's as_of, or today")
]
JsonFlag = Annotated[bool, typer.Option("--json", help="print JSON instead of tables")]
AgreementArg = Annotated[str, typer.Argument(help="an agreement id, e.g. ipof-standstill")]
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "innotrac"
MAX_REMINDER_DAYS = 366


def guarded(action: Callable[[], T]) -> T:
    """Run `action`; bad input prints one line per problem and exits 2, with no traceback."""
    try:
        return action()
    except InputError as exc:
        for problem in exc.problems:
            err.print(f"error: {problem}", markup=False)
        raise typer.Exit(2) from None


def _date_option(option: str, text: str, months: bool = False) -> date:
    """A date option: YYYY-MM-DD, or with `months` also YYYY-MM for the month's first day;
    anything else is bad input (exit 2)."""
    cleaned = text.strip()
    try:
        return parse_iso_date(cleaned + "-01" if months and len(cleaned) == 7 else cleaned)
    except ValueError:
        expected = "a date as YYYY-MM-DD" + (" or a month as YYYY-MM" if months else "")
        err.print(f"error: {option}: found {text!r}; expected {expected}", markup=False)
        raise typer.Exit(2) from None


def _as_of(text: str | None, portfolio: Portfolio) -> date:
    if text is None:
        return portfolio.config.as_of or date.today()
    return _date_option("--as-of", text)


def _print_json(document: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(document, indent=2) + "\n")


def _exit_on_citation_failures(report: Report) -> None:
    """A quote or value not in its document is bad input: one line each, exit 2."""
    for finding in report.citation_failures:
        err.print(f"error: {finding}", markup=False)
    if report.citation_failures:
        raise typer.Exit(2)


def load_checked(path: Path) -> Portfolio:
    """Load a portfolio and refuse it if any citation fails (its terms cannot be trusted)."""
    loaded = guarded(lambda: load_portfolio(path))
    _exit_on_citation_failures(verify_portfolio(loaded))
    return loaded


@app.command()
def check(portfolio: PortfolioArg, as_of: AsOf = None, as_json: JsonFlag = False) -> None:
    """Compute every agreement's values, tests, obligations and alerts as of a date."""
    loaded = load_checked(portfolio)
    when = _as_of(as_of, loaded)
    findings = guarded(lambda: evaluate_check(loaded, when))
    if as_json:
        _print_json(serialise(findings))
    else:
        print_findings(findings, out)


@app.command()
def verify(portfolio: PortfolioArg, as_json: JsonFlag = False) -> None:
    """Check every citation against its document and recompute every stated figure."""
    loaded = guarded(lambda: load_portfolio(portfolio))
    report = verify_portfolio(loaded)
    if as_json:
        _print_json(report.to_json())
    else:
        print_verify(report, out)
    _exit_on_citation_failures(report)
    if report.failures:
        raise typer.Exit(1)  # the documents' own figures disagree with their terms


@app.command()
def schema() -> None:
    """Print the JSON Schema of a term sheet with every registered clause type, for editors
    to validate against."""
    _print_json(sheet_schema())


@app.command()
def clauses() -> None:
    """List the registered clause types, each with what it holds."""
    print_clause_types(clause_types(), out)


def _agreement(
    portfolio: Portfolio, agreement_id: str, clause_type: str | None = None
) -> Agreement:
    """The agreement named on the command line (one with a clause of `clause_type`, when only
    such an agreement will do)."""
    candidates = {
        a.id: a
        for a in portfolio.agreements.values()
        if clause_type is None or a.clauses_of(clause_type)
    }
    found = candidates.get(agreement_id)
    if found is None:
        other = portfolio.agreements.get(agreement_id)
        types = ", ".join(c.type for c in other.clauses) if other else ""
        raise fail(
            portfolio.root / "portfolio.yaml",
            None,
            "agreement",
            shown(agreement_id) + (f" (clauses: {types or 'none'})" if other else ""),
            "one of the portfolio's agreements"
            + (f" with a {clause_type} clause: " if clause_type else ": ")
            + (", ".join(sorted(candidates)) or "none"),
        )
    return found


@app.command()
def vote(
    portfolio: PortfolioArg,
    agreement: AgreementArg,
    votes: Annotated[
        Path,
        typer.Option(
            "--votes",
            help="CSV: proposal,for,against,abstain,broker_non_votes,group_vote (other holders' votes)",
        ),
    ],
    as_of: AsOf = None,
    as_json: JsonFlag = False,
) -> None:
    """How a standstill holder must vote its shares: free shares, excess, and the excess's split."""
    loaded = load_checked(portfolio)
    on = _as_of(as_of, loaded)

    def run() -> Meeting:
        chosen = _agreement(loaded, agreement, "standstill")
        sheet = chosen.clauses_of("standstill")[0].terms_as(StandstillTerms)
        return meeting(chosen, sheet, loaded, votes, on)

    result = guarded(run)
    if as_json:
        _print_json(result.to_json())
    else:
        print_meeting(result, out)


@app.command()
def notice(
    portfolio: PortfolioArg,
    agreement: AgreementArg,
    method: Annotated[
        str, typer.Option("--method", help="a method of the notice clause, e.g. mail")
    ],
    sent: Annotated[
        str, typer.Option("--sent", help="when sent or deposited: YYYY-MM-DD or YYYY-MM-DDTHH:MM")
    ],
    acknowledged: Annotated[
        str | None,
        typer.Option("--acknowledged", help="when answered back or acknowledged (telex, fax)"),
    ] = None,
    to: Annotated[
        str | None, typer.Option("--to", help="a recipient id of the clause; default: all")
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """When a notice is deemed given under an agreement's notice clause, and to whom it goes."""
    loaded = load_checked(portfolio)
    result = guarded(
        lambda: notice_request(_agreement(loaded, agreement), method, sent, acknowledged, to)
    )
    if as_json:
        _print_json({"agreement": agreement, **serialise(result)})
    else:
        print_notice(result, out)


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
    _exit_on_citation_failures(report)
    when = _as_of(None, loaded)
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
) -> None:
    """Write the certificates and schedules as HTML, XLSX and PDF: the borrowing base and
    compliance certificates of each revolver, each lease's rent roll, and each standstill's
    ownership and voting report. All files are written, or none."""
    loaded = load_checked(portfolio)
    when = _as_of(as_of, loaded)
    findings = guarded(lambda: evaluate_check(loaded, when))
    _write_reports(output, loaded, findings)


def _write_reports(folder: Path, portfolio: Portfolio, findings: Findings) -> None:
    # imported here: rendering loads Jinja2, openpyxl and WeasyPrint, which `check` never needs
    from pactum.reports.report_set import write_reports

    written = guarded(lambda: write_reports(folder, portfolio, findings))
    out.print(f"\n{len(written)} files written to {folder}:")
    for path in written:
        out.print(f"  {path.name}")


@app.command()
def rent(
    portfolio: PortfolioArg,
    agreement: AgreementArg,
    start: Annotated[str | None, typer.Option("--from", help="first month, YYYY-MM[-DD]")] = None,
    end: Annotated[str | None, typer.Option("--to", help="last month, YYYY-MM[-DD]")] = None,
    csv_file: Annotated[Path | None, typer.Option("--csv", help="write the roll as CSV")] = None,
    xlsx_file: Annotated[Path | None, typer.Option("--xlsx", help="write the roll as XLSX")] = None,
    discount_rate: Annotated[
        str | None,
        typer.Option(
            "--discount-rate", help="annual rate, e.g. 0.06: adds the lease liability (ASC 842)"
        ),
    ] = None,
    as_of: AsOf = None,
) -> None:
    """Write a lease's rent roll: base rent, abatements, rent due, opex and straight-line rent.

    Defaults and cures recorded in events.yaml up to the as-of date apply; later months are
    as scheduled.
    """
    if csv_file is not None and xlsx_file is not None:
        err.print("error: --csv and --xlsx: found both; expected one output file", markup=False)
        raise typer.Exit(2)
    loaded = load_checked(portfolio)
    lease = guarded(lambda: _agreement(loaded, agreement, "lease"))
    when = _as_of(as_of, loaded)
    rate = _discount_rate(discount_rate)
    first = _date_option("--from", start, months=True) if start is not None else None
    last = _date_option("--to", end, months=True) if end is not None else None
    if first is not None and last is not None and first > last:
        err.print(
            f"error: --from: found {start} after --to {end}; expected a first month on or "
            "before the last",
            markup=False,
        )
        raise typer.Exit(2)
    table, liability = guarded(lambda: lease_rent_roll(loaded, lease, when, first, last, rate))
    if csv_file is not None:
        write_csv(csv_file, table)
        out.print(f"Rent roll written to {csv_file} ({len(table.rows)} months)")
    elif xlsx_file is not None:
        write_xlsx(xlsx_file, table)
        out.print(f"Rent roll written to {xlsx_file} ({len(table.rows)} months)")
    else:
        # the terminal has no room for the inputs of each line: the files carry them
        print_table(
            table, out, hide=frozenset({"due", "rate_per_sf", "area_sf", "annual_base_rent"})
        )
    if liability is not None:
        out.print(liability)


def _discount_rate(text: str | None) -> Decimal | None:
    if text is None:
        return None
    try:
        rate = parse_decimal(text)
    except ValueError:
        rate = Decimal(-1)
    if not 0 <= rate < 1:
        err.print(
            f"error: --discount-rate: found {text!r}; expected an annual rate as a fraction "
            "from 0 to 1, e.g. 0.06",
            markup=False,
        )
        raise typer.Exit(2)
    return rate


def revolver_sheet(path: Path) -> tuple[str, RevolverTerms]:
    """The sheet's id and its revolver clause's terms."""
    loaded = load_term_sheet(path)
    found = loaded.clauses_of("revolver")
    if not found:
        raise fail(
            path,
            loaded.source.line_of(("clauses",)),
            "clauses",
            "no revolver clause",
            "a term sheet with a revolver clause (its eligibility rules and advance rates)",
        )
    return loaded.sheet.id, found[0].terms_as(RevolverTerms)


@app.command()
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
    from pactum.terminal import print_certificates

    chosen = next((e for e in ENGINES if e == engine), None)
    if chosen is None:
        err.print(f"error: --engine: found {engine!r}; expected duckdb or spark", markup=False)
        raise typer.Exit(2)
    when = _date_option("--as-of", as_of)
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
        write_outputs(output, run)
    if as_json:
        _print_json(to_json(run))
    else:
        print_certificates(run, out)


def _window(start: str | None, end: str | None, as_of: date) -> tuple[date, date]:
    """--from and --to; a bound not given is the start or end of the year of the other bound,
    or of the as-of date when neither is given."""
    first = _date_option("--from", start) if start is not None else None
    last = _date_option("--to", end) if end is not None else None
    year_start, year_end = default_window(first or last or as_of)
    first, last = first or year_start, last or year_end
    if first > last:
        err.print(
            f"error: --from: found {start} after --to {end}; expected a first day on or "
            "before the last",
            markup=False,
        )
        raise typer.Exit(2)
    return first, last


def _reminder_days(text: str | None) -> int:
    if text is None:
        return DEFAULT_REMINDER_DAYS
    if not text.strip().isdigit() or int(text) > MAX_REMINDER_DAYS:
        err.print(
            f"error: --remind-days: found {text!r}; expected a whole number of days from 0 "
            f"to {MAX_REMINDER_DAYS}",
            markup=False,
        )
        raise typer.Exit(2)
    return int(text)


def _write_ics(path: Path, listing: ObligationCalendar, reminder_days: int) -> None:
    try:
        write_ics(path, listing, reminder_days)
    except OSError as exc:
        raise option_problem(
            "--ics",
            f"{str(path)!r} ({exc.strerror or exc})",
            "a file path in a folder that can be written",
        ) from None


@app.command()
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
            help=f"how many days ahead each .ics event reminds; default {DEFAULT_REMINDER_DAYS}",
        ),
    ] = None,
    as_of: AsOf = None,
    as_json: JsonFlag = False,
) -> None:
    """List every obligation of every agreement in a window: reports, fees, rent, covenant
    test dates, option deadlines, maturity and end dates.

    The window defaults to the calendar year of the portfolio's as_of date (or of --as-of).
    Facts known at the as-of date apply. Dates on a weekend or holiday are kept, with a note,
    unless the term sheet rolls them.
    """
    days = _reminder_days(remind_days)
    loaded = load_checked(portfolio)
    when = _as_of(as_of, loaded)
    first, last = _window(start, end, when)
    listing = guarded(lambda: obligation_calendar(loaded, when, first, last))
    if ics is not None:
        guarded(lambda: _write_ics(ics, listing, days))
    if as_json:
        _print_json(listing.to_json())
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
) -> None:
    """Serve the web dashboard: overview, agreements beside their documents, charts, and
    borrowing base certificates from an uploaded aging."""
    import os

    from pactum.web.server import serve as serve_dashboard  # FastAPI loads only here

    loaded = load_checked(portfolio)
    serve_dashboard(
        loaded, host, port, token, os.environ.get("PACTUM_TOKEN"), lambda line: out.print(line)
    )


def main() -> None:  # pragma: no cover
    app()
