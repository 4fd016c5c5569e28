"""What a clause family's own commands need from the command line, in one place: the consoles,
bad input as one line per problem and exit 2, date options, the portfolio loaded with its
citations checked, the agreement named on the command line, JSON and tables on screen.

A clause type contributes commands as a `typer.Typer` (`ClauseType.commands`); `pactum`'s
command line mounts each beside its own, so `pactum rent`, `pactum vote`, `pactum notice` and
`pactum collateral` live with their families and the command line names none of them.
"""

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
from rich.markup import escape

from pactum.dates import DATE_RANGE_EXPECTED, parse_iso_date, within_range
from pactum.errors import InputError, fail, option_problem, shown
from pactum.files.table_files import Cell, Format
from pactum.files.table_files import Table as DataTable
from pactum.findings import Unit
from pactum.format import display
from pactum.portfolio import Agreement, Book, Portfolio, book_outline, load_book, load_portfolio
from pactum.screen_table import Column
from pactum.screen_table import print_table as print_screen_table
from pactum.verify import Report, verify_portfolio

# Tables need room: when output is not a terminal (a pipe, a CI log) use 140 columns.
# emoji codes off: a name between colons in an agreement's text ("Section 2:a:1") is not an emoji
out = Console(highlight=False, emoji=False, width=None if sys.stdout.isatty() else 140)
err = Console(stderr=True, highlight=False, emoji=False, soft_wrap=True)
T = TypeVar("T")

PortfolioArg = Annotated[Path, typer.Argument(help="the portfolio folder (with portfolio.yaml)")]
AsOf = Annotated[
    str | None, typer.Option("--as-of", help="YYYY-MM-DD; default: the portfolio's as_of, or today")
]
JsonFlag = Annotated[bool, typer.Option("--json", help="print JSON instead of tables")]
# any agreement (`history`); a family's command names an agreement of its own kind instead
AgreementArg = Annotated[
    str | None,
    typer.Argument(
        help="an agreement id, e.g. southtrust-abl, windham-lease (default: the portfolio's "
        "one agreement)"
    ),
]
BorrowerOpt = Annotated[
    str | None,
    typer.Option("--borrower", help="in a book of borrowers, one borrower's id; default: all"),
]


def bad_option(option: str, found: str, expected: str) -> typer.Exit:
    """Print a bad option's one line; `raise` the exit (status 2) it returns."""
    [problem] = option_problem(option, found, expected).problems
    err.print(f"error: {problem}", markup=False)
    return typer.Exit(2)


def guarded(action: Callable[[], T]) -> T:
    """Run `action`; bad input prints one line per problem and exits 2, with no traceback."""
    try:
        return action()
    except InputError as exc:
        for problem in exc.problems:
            err.print(f"error: {problem}", markup=False)
        raise typer.Exit(2) from None


WRITABLE_FILE = "a file path in a folder that can be written"
WRITABLE_FOLDER = "a folder that can be created and written to"


def written(option: str, path: Path, write: Callable[[], T], expected: str = WRITABLE_FILE) -> T:
    """Run `write`, which writes `path` whole or not at all; a refusal of the system (a folder
    in the way, a file where a folder should be, no permission, a full disk) is one line
    naming the option, exit 2."""
    try:
        return write()
    except OSError as exc:
        reason = exc.strerror or str(exc)
        if exc.filename and Path(exc.filename) != path:  # the file inside the folder
            reason += f": {exc.filename}"
        raise bad_option(option, f"{str(path)!r} ({reason})", expected) from None


def date_option(option: str, text: str, months: bool = False) -> date:
    """A date option: YYYY-MM-DD, or with `months` also YYYY-MM for the month's first day;
    anything else is bad input (exit 2)."""
    cleaned = text.strip()
    try:
        parsed = parse_iso_date(cleaned + "-01" if months and len(cleaned) == 7 else cleaned)
    except ValueError:
        expected = "a date as YYYY-MM-DD" + (" or a month as YYYY-MM" if months else "")
        raise bad_option(option, repr(text), expected) from None
    if not within_range(parsed):
        raise bad_option(option, repr(text), DATE_RANGE_EXPECTED)
    return parsed


def valid_date(text: str) -> date | None:
    """The date `date_option` reads from `text` (YYYY-MM-DD), or None where it would refuse it."""
    try:
        parsed = parse_iso_date(text.strip())
    except ValueError:
        return None
    return parsed if within_range(parsed) else None


def as_of_date(text: str | None, portfolio: Portfolio) -> date:
    if text is None:
        return portfolio.config.as_of or date.today()
    return date_option("--as-of", text)


def print_json(document: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(document, indent=2) + "\n")


def exit_on_citation_failures(report: Report) -> None:
    """A quote or value not in its document is bad input: one line each, exit 2."""
    for finding in report.citation_failures:
        err.print(f"error: {finding}", markup=False)
    if report.citation_failures:
        raise typer.Exit(2)


def load_checked_book(path: Path, borrower: str | None = None) -> Book:
    """Load a book (or a one-company portfolio, as a book of one), refuse it if any citation
    fails, and keep only the borrower named with --borrower (an id of the book's). With
    --borrower, the book is checked whole (its portfolio.yaml, its fact files' borrower ids)
    but only that borrower's sheets and facts are loaded: one facility of a thousand is read
    as one, and another borrower's bad sheet does not stop it."""
    outline = book_outline(path) if borrower is not None else None
    if outline is not None and borrower not in outline.borrowers:
        ids = ", ".join(outline.borrowers)
        raise bad_option("--borrower", repr(borrower), f"one of the book's borrowers: {ids}")
    part = frozenset({borrower}) if outline is not None and borrower is not None else None
    book = guarded(lambda: load_book(path, part))
    if borrower is not None:
        if not book.is_book:
            raise bad_option(
                "--borrower",
                repr(borrower),
                "no borrower: the portfolio is one company's (a book lists borrowers: in "
                "portfolio.yaml)",
            )
        if book.borrower(borrower) is None:
            ids = ", ".join(b.id for b in book.borrowers if b.id is not None)
            raise bad_option("--borrower", repr(borrower), f"one of the book's borrowers: {ids}")
        book = book.only(borrower)
    for one in book.borrowers:
        exit_on_citation_failures(verify_portfolio(one.portfolio))
    return book


def book_as_of(text: str | None, book: Book) -> date:
    if text is None:
        return book.as_of or date.today()
    return date_option("--as-of", text)


def load_checked(path: Path) -> Portfolio:
    """Load a portfolio and refuse it if any citation fails (its terms cannot be trusted)."""
    loaded = guarded(lambda: load_portfolio(path))
    exit_on_citation_failures(verify_portfolio(loaded))
    return loaded


def agreement_with(
    portfolio: Portfolio, agreement_id: str | None, clause_type: str | None, on: date
) -> Agreement:
    """The agreement named on the command line (one with a clause of `clause_type`, when only
    such an agreement will do; none named: the portfolio's one such agreement) as its
    instruments stand `on` the command's date: each clause the version in force then, as
    `pactum check` reads it."""
    candidates = {
        a.id: a
        for a in (x.at(on) for x in portfolio.agreements.values())
        if clause_type is None or a.clauses_of(clause_type)
    }
    if agreement_id is None:
        if len(candidates) == 1:
            return next(iter(candidates.values()))
        raise fail(
            portfolio.root / "portfolio.yaml",
            None,
            "agreement",
            "none named",
            "an agreement id, as the portfolio has "
            + (f"{len(candidates)}" if candidates else "no")
            + (f" agreements with {_a(clause_type)} clause" if clause_type else " agreements")
            + (": " + ", ".join(sorted(candidates)) if candidates else ""),
        )
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
            + (f" with {_a(clause_type)} clause: " if clause_type else ": ")
            + (", ".join(sorted(candidates)) or "none"),
        )
    return found


def _a(name: str) -> str:
    """A clause type's name with its article: "a standstill", "an interest"."""
    return f"{'an' if name[:1] in 'aeiou' else 'a'} {name}"


def _cell(value: Cell, fmt: Format) -> str:
    if value is None:
        return ""
    if fmt is Format.money and isinstance(value, Decimal):
        return display(value, Unit.money)
    if fmt is Format.percent and isinstance(value, Decimal):
        return display(value, Unit.percent)
    if fmt is Format.number and isinstance(value, Decimal):
        return f"{value:,}"
    return str(value) if not isinstance(value, date) else value.isoformat()


def print_table(table: DataTable, console: Console, hide: frozenset[str] = frozenset()) -> None:
    """A data table (e.g. a rent roll) for the terminal, less the `hide` columns (the files
    have them all) and less the columns with nothing in them; numbers right-aligned and never
    cut (screen_table)."""
    every_row = [*table.rows, *([table.total] if table.total else [])]
    keep = [
        i
        for i, c in enumerate(table.columns)
        if c.name not in hide and any(row[i] not in (None, "") for row in every_row)
    ]
    columns = [
        Column(
            table.columns[i].name.replace("_", "\n"),  # one word a line keeps columns narrow
            whole=table.columns[i].format is not Format.text,
            justify="left" if table.columns[i].format is Format.text else "right",
            optional=table.columns[i].optional_on_screen,
        )
        for i in keep
    ]
    rows = [[escape(_cell(row[i], table.columns[i].format)) for i in keep] for row in every_row]
    print_screen_table(console, columns, rows, title=table.title)
