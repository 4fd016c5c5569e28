"""Reading a CSV fact table: required columns, typed fields, and errors that name the row.

Row numbers are file lines as a spreadsheet shows them (the header is row 1).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Hashable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cached_property, partial
from pathlib import Path
from typing import Any, TypeVar

from pactum.dates import parse_iso_date
from pactum.errors import InputError, Problem, fail, shown
from pactum.files.reading import read_utf8
from pactum.money import parse_decimal

T = TypeVar("T")

# The fact tables (loans, financials, ownership, ...) are a row a period: kilobytes. 64 MiB is
# thousands of times that and still reads into memory at once without strain.
MAX_CSV_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class Row:
    file: Path
    number: int
    cells: dict[str, str]

    def problem(self, field: str, found: str, expected: str) -> Problem:
        return Problem(self.file, self.number, field, found, expected, unit="row")

    def _parse(self, field: str, parse: Callable[[str], T], expected: str) -> T:
        text = self.cells.get(field) or ""
        try:
            return parse(text)
        except ValueError:
            raise InputError(
                [self.problem(field, shown(text) if text else "nothing", expected)]
            ) from None

    def date(self, field: str) -> date:
        return self._parse(field, parse_iso_date, "a date as YYYY-MM-DD")

    def amount(self, field: str) -> Decimal:
        return self._parse(
            field, parse_decimal, "a plain decimal amount such as 1234.56, less than 10^15 in size"
        )

    def money(self, field: str) -> Decimal:
        """An amount that cannot be negative (a loan balance, eligible collateral)."""
        amount = self.amount(field)
        if amount < 0:
            raise InputError(
                [self.problem(field, shown(self.cells[field]), "an amount, 0 or more")]
            )
        return amount

    def integer(self, field: str) -> int:
        return self._parse(field, _whole_number, "a whole number such as 2003")

    def optional_amount(self, field: str) -> Decimal | None:
        return self.amount(field) if (self.cells.get(field) or "").strip() else None

    def count(self, field: str) -> int:
        """A whole number of shares or votes, 0 or more."""
        return self._parse(field, _whole_number, "a whole number, 0 or more, such as 2362788")

    def text(self, field: str) -> str:
        return self._parse(field, _non_empty, "a value")

    def choice(self, field: str, allowed: tuple[str, ...], default: str) -> str:
        text = (self.cells.get(field) or "").strip() or default
        if text not in allowed:
            raise InputError([self.problem(field, shown(text), "one of " + ", ".join(allowed))])
        return text


def _whole_number(text: str) -> int:
    cleaned = text.strip()
    if not cleaned.isdigit() or not cleaned.isascii():
        raise ValueError(text)  # no sign, separator or decimals: a typo is not a count
    return int(cleaned)


def _non_empty(text: str) -> str:
    if not text.strip():
        raise ValueError(text)
    return text.strip()


BORROWER_COLUMN = "borrower_id"


@dataclass(frozen=True)
class BorrowerScope:
    """A book's fact files read for one borrower: each row names its borrower in a
    `borrower_id` column (events a `borrower_id` key); the borrower's rows are kept, the
    others skipped, and a row naming a borrower the book does not have is refused."""

    borrower: str
    # the book's borrowers whose facts are read from the book's fact files
    readers: tuple[str, ...]
    # the book's borrowers whose facts are in their own folders (a row for one is refused:
    # it would be read by no one)
    own_folders: tuple[str, ...] = ()
    # what the book's fact files hold, read once for all its borrowers (each borrower reading
    # every file whole again made a book's load grow with the square of its borrowers)
    shared: dict[Hashable, Any] = field(default_factory=dict, compare=False, repr=False)

    def once(self, key: Hashable, build: Callable[[], T]) -> T:
        """`build()`, the first time any borrower of the book asks for `key`."""
        if key not in self.shared:
            self.shared[key] = build()
        found: T = self.shared[key]
        return found

    @cached_property
    def _readers(self) -> frozenset[str]:
        # asked of every row of a book's fact files: a tuple of a thousand borrowers, looked
        # through row by row, was most of a large book's time reading its facts
        return frozenset(self.readers)

    @cached_property
    def _own_folders(self) -> frozenset[str]:
        return frozenset(self.own_folders)

    def strangers(self, grouped: dict[str | None, list[T]]) -> list[list[T]]:
        """The groups of `grouped` (by the borrower they name) that name none of the book's
        borrowers reading its fact files."""
        return [group for found, group in grouped.items() if found not in self._readers]

    def keeps(self, found: str, problem: Callable[[str, str], Problem]) -> bool:
        """Whether a row (or event) naming `found` is the borrower's; `problem(found,
        expected)` builds the refusal of a borrower the book's fact files cannot hold."""
        if found in self._readers:
            return found == self.borrower
        if found in self._own_folders:
            expected = "a borrower whose facts are in the book's fact files: " + ", ".join(
                self.readers
            )
            raise InputError(
                [problem(f"{shown(found)} (its facts are in its own folder)", expected)]
            )
        expected = "one of the book's borrowers: " + ", ".join(self.readers + self.own_folders)
        raise InputError([problem(shown(found) if found else "nothing", expected)])


# set while a book loads one borrower's facts from the book's fact files (pactum.portfolio):
# every fact table and events.yaml is then read through it, whichever loader reads it
_SCOPE: ContextVar[BorrowerScope | None] = ContextVar("borrower_scope", default=None)


@contextmanager
def borrower_scope(scope: BorrowerScope) -> Iterator[None]:
    token = _SCOPE.set(scope)
    try:
        yield
    finally:
        _SCOPE.reset(token)


def current_scope() -> BorrowerScope | None:
    return _SCOPE.get()


def read_rows(
    path: Path, required: tuple[str, ...], optional: tuple[str, ...] = ()
) -> Iterator[Row]:
    """Yield the data rows of `path`; a missing or unknown column stops with row 1 named.
    Within a borrower's scope (a book's fact files), only that borrower's rows."""
    scope = _SCOPE.get()
    if scope is None:
        yield from _read_rows(path, required, optional)
        return
    by_borrower = scope.once(
        ("rows", path, required, optional),
        lambda: _by_borrower(_read_rows(path, required, optional)),
    )
    # the borrower's own rows, and those naming no borrower of the book (which are refused);
    # the latter found once for the book, not by looking through every borrower's group again
    # for each borrower
    unknown = scope.once(
        ("unknown rows", path, required, optional), lambda: scope.strangers(by_borrower)
    )
    mine = sorted(
        (row for rows in (by_borrower.get(scope.borrower, []), *unknown) for row in rows),
        key=lambda row: row.number,
    )
    for row in mine:
        if BORROWER_COLUMN not in row.cells:
            if len(scope.readers) > 1 or scope.own_folders:
                raise fail(
                    path,
                    1,
                    BORROWER_COLUMN,
                    "no such column",
                    "a borrower_id column naming each row's borrower (the file is the book's)",
                    "row",
                )
            yield row  # a book whose one borrower reads its files: every row is its
            continue
        found = row.cells[BORROWER_COLUMN].strip()
        if scope.keeps(found, partial(row.problem, BORROWER_COLUMN)):
            # the column is the book's, not the loader's (unless the loader reads it too)
            asked = BORROWER_COLUMN in required + optional
            cells = {k: v for k, v in row.cells.items() if asked or k != BORROWER_COLUMN}
            yield Row(row.file, row.number, cells)


def _by_borrower(rows: Iterator[Row]) -> dict[str | None, list[Row]]:
    """A book's fact file's rows by the borrower each names (None: the file has no
    borrower_id column), in file order."""
    grouped: dict[str | None, list[Row]] = {}
    for row in rows:
        found = row.cells[BORROWER_COLUMN].strip() if BORROWER_COLUMN in row.cells else None
        grouped.setdefault(found, []).append(row)
    return grouped


def _read_rows(
    path: Path, required: tuple[str, ...], optional: tuple[str, ...] = ()
) -> Iterator[Row]:
    text = read_utf8(path, "a readable CSV file", MAX_CSV_BYTES, unit="row")
    reader = csv.reader(io.StringIO(text, newline=""))
    header = _next_record(reader, path, 1)
    if header is None:
        raise fail(path, 1, "header", "an empty file", "a header row: " + ",".join(required), "row")
    columns = [name.strip() for name in header]
    for index, name in enumerate(columns):
        if name in columns[:index]:
            # a row's cells are read by name: the second column would silently win
            raise fail(path, 1, name, "a column named twice", "each column once", "row")
    missing = [name for name in required if name not in columns]
    if missing:
        raise fail(path, 1, missing[0], "no such column", "columns " + ",".join(required), "row")
    if _SCOPE.get() is not None:
        optional = (*optional, BORROWER_COLUMN)
    unknown = [name for name in columns if name not in required + optional]
    if unknown:
        raise fail(
            path,
            1,
            unknown[0],
            "an unknown column",
            "columns " + ",".join(required + optional),
            "row",
        )
    while True:
        # a quoted cell may span lines: a record's row is the line it starts on
        start = reader.line_num + 1
        cells = _next_record(reader, path, start)
        if cells is None:
            return
        if not any(cell.strip() for cell in cells):
            continue  # a blank line is not a row
        if len(cells) != len(columns):
            found = f"{len(cells)} cells"
            if reader.line_num > start:
                found += f" (a quote on row {start} runs on to row {reader.line_num})"
            raise fail(
                path, start, "row", found, f"{len(columns)} cells ({','.join(columns)})", "row"
            )
        yield Row(path, start, dict(zip(columns, cells, strict=True)))


def _next_record(reader: Iterator[list[str]], path: Path, start: int) -> list[str] | None:
    """The next record of `reader`, None at the end; a malformed one stops at its row."""
    try:
        return next(reader, None)
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            limit = csv.field_size_limit()
            found, expected = (
                f"a cell of more than {limit:,} characters",
                f"cells of at most {limit:,}",
            )
        else:
            found, expected = f"malformed CSV ({exc})", "a well-formed CSV row"
        raise fail(path, start, "row", found, expected, "row") from None


def unique_by(rows: Sequence[tuple[Row, tuple[object, ...]]], what: str) -> None:
    """Stop on the first key seen twice, naming both rows."""
    seen: dict[tuple[object, ...], Row] = {}
    for row, key in rows:
        if key in seen:
            first = seen[key]
            shown_key = ",".join(str(k) for k in key)
            raise InputError(
                [
                    row.problem(
                        what,
                        f"a duplicate of row {first.number} ({shown_key})",
                        "one row per " + what,
                    )
                ]
            )
        seen[key] = row
