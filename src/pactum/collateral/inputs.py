"""Reading and checking detail files (CSV or Parquet) in DuckDB, before any rule runs.

Every check is a query: nothing loops over rows in Python. A problem stops the run with the
file, the row (CSV: the line, header = row 1; Parquet: the record, first = row 1), the field,
what was found and what was expected. A file that passes becomes a typed DuckDB view, money
as integer cents.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

import duckdb

from pactum.collateral.parquet_statistics import Proof, proven_columns
from pactum.collateral.rules import FLAGS
from pactum.errors import InputError, Problem, fail, shown
from pactum.files.reading import check_utf8_start, require_readable

BOOLEANS = {"true": True, "1": True, "yes": True, "false": False, "0": False, "no": False}
MONEY_PATTERN = r"-?[0-9]{1,16}(\.[0-9]{1,2})?"  # 16 digits: the cents fit a BIGINT
DATE_PATTERN = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"


@dataclass(frozen=True)
class Layout:
    """The columns of one kind of detail file."""

    name: str
    required: tuple[str, ...]
    optional: tuple[str, ...]
    dates: tuple[str, ...] = ()
    money: tuple[str, ...] = ()
    booleans: tuple[str, ...] = ()
    texts: tuple[str, ...] = ()  # required non-empty text

    def kinds(self) -> list[tuple[str, str]]:
        """Each checked column and what it must hold: text, date, money or flag."""
        return [
            *((n, "text") for n in self.texts),
            *((n, "date") for n in self.dates),
            *((n, "money") for n in self.money),
            *((n, "flag") for n in self.booleans),
        ]


AGING = Layout(
    "aging",
    required=("invoice_id", "debtor_id", "invoice_date", "due_date", "open_balance"),
    optional=(
        "borrower_id",
        "debtor_name",
        "account_class",
        "country",
        "foreign",
        "affiliate",
        "government",
        *FLAGS,
    ),
    dates=("invoice_date", "due_date"),
    money=("open_balance",),
    booleans=("foreign", "affiliate", "government", *FLAGS),
    texts=("invoice_id", "debtor_id"),
)
PAYABLES = Layout(
    "payables",
    required=("debtor_id", "payable_balance"),
    optional=("borrower_id",),
    money=("payable_balance",),
    texts=("debtor_id",),
)
INVENTORY = Layout(
    "inventory",
    required=("sku", "location", "class", "status", "cost"),
    optional=("borrower_id",),
    money=("cost",),
    texts=("sku", "location", "class", "status"),
)


def _source(path: Path, columns: list[str]) -> str:
    """The table function that reads `path`, with its row number."""
    quoted = str(path).replace("'", "''")
    if path.suffix.lower() == ".parquet":
        return (
            f"(SELECT *, file_row_number + 1 AS _row FROM read_parquet('{quoted}', "
            "file_row_number = true))"
        )
    # a CSV is read as text with the columns of its header, nothing guessed: a row with too
    # many or too few fields is then an error on its own line, not a different header. Its
    # row numbers are its lines (the header is row 1); DuckDB keeps the file's order.
    names = ", ".join("'{}': 'VARCHAR'".format(c.replace("'", "''")) for c in columns)
    return (
        f"(SELECT *, row_number() OVER () + 1 AS _row FROM read_csv('{quoted}', header = true, "
        f"auto_detect = false, columns = {{{names}}}, delim = ',', quote = '\"', escape = '\"'))"
    )


def _columns(con: duckdb.DuckDBPyConnection, path: Path) -> dict[str, str]:
    """The file's columns and their types (a CSV's are all text, named by its header)."""
    if path.suffix.lower() != ".parquet":
        with path.open(newline="", encoding="utf-8-sig") as stream:
            header = next(csv.reader(stream), [])
        return {name.strip(): "VARCHAR" for name in header}
    quoted = str(path).replace("'", "''")
    try:
        described = con.execute(f"DESCRIBE SELECT * FROM read_parquet('{quoted}')").fetchall()
    except duckdb.Error as exc:
        found = f"unreadable ({str(exc).splitlines()[0]})"
        raise fail(path, None, "file", found, "a CSV or Parquet file") from None
    return {str(row[0]): str(row[1]).upper() for row in described}


def has_column(con: duckdb.DuckDBPyConnection, path: Path, name: str) -> bool:
    """Whether the (non-empty) file has a column of that name."""
    return is_empty(path) or name in _columns(con, path)


def same_borrower_columns(con: duckdb.DuckDBPyConnection, first: Path, second: Path) -> None:
    """Two files of one run either both name borrowers or neither: otherwise every row of the
    one without would silently match no borrower (a contra of 0, a borrower '' of its own)."""
    for path in (first, second):
        require_readable(path, "a CSV or Parquet file")
    if is_empty(first) or is_empty(second):
        return
    has = ["borrower_id" in _columns(con, p) for p in (first, second)]
    if has[0] != has[1]:
        with_it, without = (first, second) if has[0] else (second, first)
        raise fail(
            without,
            1,
            "borrower_id",
            "no such column",
            f"a borrower_id column, as {with_it.name} has",
            "row",
        )


def is_empty(path: Path) -> bool:
    """A file with nothing in it, or only a header: a certificate of zeros, with a warning."""
    if path.suffix.lower() == ".parquet":
        return False
    try:
        with path.open(encoding="utf-8-sig") as stream:
            header = stream.readline()
            # the first line with something on it after the header, if any (blank lines skipped)
            data = next((line for line in stream if line.strip()), None)
    except UnicodeDecodeError as exc:
        # the same one line as for any CSV: the row of the first byte that is not UTF-8
        with path.open("rb") as stream:
            check_utf8_start(path, stream.read(_HEAD_BYTES), "row")
        # beyond the bytes checked (a first row longer than them): the file, without a row
        raise fail(
            path,
            None,
            "file",
            f"a byte that is not UTF-8 text (0x{exc.object[exc.start]:02x})",
            "a CSV file in UTF-8, or a Parquet file named .parquet",
        ) from None
    return not header.strip() or data is None


@contextmanager
def _csv_errors(path: Path, columns: list[str]) -> Iterator[None]:
    """DuckDB's complaint about a malformed CSV line, as a problem at that row."""
    try:
        yield
    except duckdb.Error as exc:
        message = str(exc)
        line = re.search(r"CSV Error on Line: (\d+)", message)
        counts = re.search(r"Expected Number of Columns: (\d+) Found: (\d+)", message)
        if line and counts:
            raise InputError(
                [
                    Problem(
                        path,
                        int(line[1]),
                        "row",
                        f"{counts[2]} fields",
                        f"{counts[1]} fields ({','.join(columns)}); quote a value that has a comma",
                        "row",
                    )
                ]
            ) from None
        found = f"unreadable ({message.splitlines()[0]})"
        raise InputError(
            [
                Problem(
                    path,
                    int(line[1]) if line else None,
                    "row",
                    found,
                    "a well-formed CSV row",
                    "row",
                )
            ]
        ) from None


# a detail file up to this size is read into memory once (a few thousand invoices: the
# example's 257-invoice aging is 30 kB); a larger one is read from the file by each query
SMALL_FILE_BYTES = 4 * 1024 * 1024

# what DuckDB's file readers take for a pattern rather than a character of the name
GLOB_CHARACTERS = frozenset("*?[]{}")


def load_detail(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    layout: Layout,
    view: str,
    as_of: date | None = None,
    checks: Sequence[Check] = (),
    threaded: bool = True,
) -> Loaded:
    """Check `path` and create the typed view `view` from it. `checks`: the caller's own
    checks of the rows, after the file's (`Check`). `threaded`: whether the connection's
    database may run a query on several threads (False: one already, nothing to set)."""
    if GLOB_CHARACTERS & set(str(path)):
        # DuckDB reads a path as a pattern: `aging*.csv` would read every file it matches
        raise fail(
            path,
            None,
            "file",
            "a path with a pattern character (" + " ".join(sorted(GLOB_CHARACTERS)) + ")",
            "the path of one file: input files are paths, never patterns (rename the file)",
        )
    require_readable(path, f"a CSV or Parquet {layout.name} file")
    if is_empty(path):
        return Loaded(0, _empty_view(con, layout, view))
    types = _columns(con, path)
    for name in layout.required:
        if name not in types:
            expected = "columns " + ",".join(layout.required)
            raise fail(path, 1, name, "no such column", expected, "row")
    unknown = [c for c in types if c not in layout.required + layout.optional]
    if unknown:
        expected = "columns from " + ",".join(layout.required + layout.optional)
        raise fail(path, 1, unknown[0], "an unknown column", expected, "row")
    source = _source(path, list(types))
    # a small file is read once into memory: every check and every step of the rules reads
    # it again, and parsing a CSV each time is most of a small aging's run; a large one is
    # read where it lies, each time, so that ten million invoices never sit in memory whole
    kept = "TABLE" if path.stat().st_size <= SMALL_FILE_BYTES else "VIEW"
    with _csv_errors(path, list(types)), _one_thread(con, threaded and kept == "TABLE"):
        # a table reads the whole file here
        con.execute(f"CREATE OR REPLACE TEMP {kept} {view}_raw AS SELECT * FROM {source}")
    is_csv = path.suffix.lower() != ".parquet"
    cells = [
        _cell(name, kind, types[name], is_csv) for name, kind in layout.kinds() if name in types
    ]
    proven = proven_columns(con, path) if not is_csv else {}
    unsettled = [
        c for c in cells if c.bad != "false" and c.proof not in proven.get(c.column, set())
    ]
    typed = {"borrower_id": _borrower(types, is_csv), **{c.column: c.typed for c in cells}}
    # the later checks see a cell that does not parse as its `safe` value: converting it fails
    guarded = {**typed, **{c.column: c.safe for c in unsettled if c.safe is not None}}
    rows = Rows(con, path, f"{view}_raw", typed, guarded, large=kept == "VIEW")
    later = [*_own_checks(layout, as_of), *checks]
    with _csv_errors(path, list(types)):  # the first query reads the whole file
        count = _check_rows(rows, unsettled, later)
    return Loaded(count, _typed_view(con, layout, view, types, cells, is_csv, kept))


@contextmanager
def _one_thread(con: duckdb.DuckDBPyConnection, small: bool) -> Iterator[None]:
    """A small file is read on one thread, whatever the database's: handing a few thousand
    rows to a second thread costs more than reading them (a 1 MB Parquet payables file of a
    thousand row groups took three times as long on two threads). The database's own number
    of threads is set again after."""
    found = con.execute("SELECT current_setting('threads')").fetchone() if small else None
    threads = int(found[0]) if found else 1
    if threads == 1:
        yield
        return
    con.execute("SET threads = 1")
    try:
        yield
    finally:
        con.execute(f"SET threads = {threads}")


@dataclass(frozen=True)
class Loaded:
    """A detail file checked into its typed view: its number of rows, and the statement that
    made the view (its columns and their types follow from that statement alone: the engine
    describes a view once per such statement, `Tables.schemas`)."""

    rows: int
    made_by: str


@dataclass(frozen=True)
class Rows:
    """A detail file's rows being checked: as read (`raw`, a DuckDB table or view, each row
    numbered `_row`), and each column's typed value as SQL over them: `typed` for a file
    whose every cell parses, `guarded` the same but NULL in a cell that does not (the one
    pass computes every check before it knows whether the cells parse)."""

    con: duckdb.DuckDBPyConnection
    path: Path
    raw: str
    typed: Mapping[str, str]
    guarded: Mapping[str, str]
    large: bool = False  # read from the file by each query (`SMALL_FILE_BYTES`)

    def at(self, row: int, *values: str) -> tuple[Any, ...] | None:
        """The `values` (SQL over the raw row) of the row numbered `row`."""
        found: tuple[Any, ...] | None = self.con.execute(
            f"SELECT {', '.join(values)} FROM {self.raw} WHERE _row = {int(row)}"
        ).fetchone()
        return found


@dataclass(frozen=True)
class Check:
    """A check of a detail file's rows run in its one pass with the cells' own checks, and
    reported only when every cell parses. `found`: an SQL aggregate over the rows (their
    `Rows.guarded` values) that is NULL when the file passes, such as the first bad row;
    `report`: the problem for what it found (a query of the bad file for what the line
    names), or None when a closer look finds nothing wrong after all."""

    found: Callable[[Rows], str]
    report: Callable[[Rows, Any], Problem | None]
    # for a large file, what finds the same as `found` by a query of its own, run only when
    # no check before it found a problem (None: `found` in the pass, whatever the size)
    apart: Callable[[Rows], Any] | None = None

    def apart_for(self, rows: Rows) -> Callable[[Rows], Any] | None:
        """The query of its own this check runs on `rows`; None when the file's one pass
        finds what it looks for."""
        return self.apart if rows.large else None


def _check_rows(rows: Rows, cells: list[Cell], later: Sequence[Check]) -> int:
    """One pass over the file for every check (but a large file's checks that run apart,
    `Check.apart`); return its number of rows. What is reported:
    the earliest bad cell (cells of one row: in the order of the columns' checks), else the
    first of the `later` checks, in order, to find a problem."""
    found = [f"min(_row) FILTER (WHERE {c.bad})" for c in cells]
    found += [check.found(rows) for check in later if check.apart_for(rows) is None]
    result = rows.con.execute(f"SELECT {', '.join(['count(*)', *found])} FROM {rows.raw}")
    count, *firsts = result.fetchone() or (0,)
    own = firsts[: len(cells)]
    bad = [(row, cell) for row, cell in zip(own, cells, strict=True) if row is not None]
    if bad:
        row, cell = min(bad, key=lambda item: int(item[0]))
        raise InputError([_cell_problem(rows, int(row), cell.column, cell.expected)])
    from_pass = iter(firsts[len(cells) :])
    for check in later:
        apart = check.apart_for(rows)
        value = next(from_pass) if apart is None else apart(rows)
        problem = check.report(rows, value) if value is not None else None
        if problem is not None:
            raise InputError([problem])
    return int(count)


def _cell_problem(rows: Rows, row: int, column: str, expected: str) -> Problem:
    """A bad cell, shown as the file writes it."""
    value = rows.at(row, f'CAST("{column}" AS VARCHAR)')
    text = value[0] if value else None
    found_text = shown(text) if text not in (None, "") else "nothing"
    return Problem(rows.path, row, column, found_text, expected, "row")


def _own_checks(layout: Layout, as_of: date | None) -> list[Check]:
    """The file's own checks beyond its cells: an aging's dates in order and no invoice
    twice; otherwise, once every amount parses, that what is owed or held is not negative."""
    if layout is AGING:
        return [*([_invoiced_after(as_of)] if as_of is not None else []), _due_early, _repeated]
    money = layout.money[0]
    return [
        Check(
            lambda rows: f"min(_row) FILTER (WHERE {rows.guarded[money]} < 0)",
            lambda rows, row: _cell_problem(rows, int(row), money, "an amount of zero or more"),
        )
    ]


def _invoiced_after(as_of: date) -> Check:
    """No invoice dated after the as-of date."""

    def report(rows: Rows, row: Any) -> Problem:
        # as text: DuckDB gives a date past Python's year 9999 (a Parquet date in year 50000)
        # as a string, not a date
        when = rows.at(row, f"CAST({rows.typed['invoice_date']} AS VARCHAR)")
        return Problem(
            rows.path,
            int(row),
            "invoice_date",
            f"{when[0] if when else '?'}, after the as-of date",
            f"an invoice dated on or before {as_of.isoformat()}",
            "row",
        )

    return Check(
        lambda rows: (
            f"min(_row) FILTER (WHERE {rows.guarded['invoice_date']} > DATE '{as_of.isoformat()}')"
        ),
        report,
    )


def _due_early_report(rows: Rows, row: Any) -> Problem:
    dates = rows.at(
        row,
        f"CAST({rows.typed['due_date']} AS VARCHAR)",
        f"CAST({rows.typed['invoice_date']} AS VARCHAR)",
    )
    due, invoiced = dates if dates else ("?", "?")
    return Problem(
        rows.path,
        int(row),
        "due_date",
        f"{due}, before the invoice date {invoiced}",
        "a due date on or after the invoice date",
        "row",
    )


# no invoice due before it is dated
_due_early = Check(
    lambda rows: (
        f"min(_row) FILTER (WHERE {rows.guarded['due_date']} < {rows.guarded['invoice_date']})"
    ),
    _due_early_report,
)


def _repeated_report(rows: Rows, found: Any) -> Problem | None:
    """The exact query, which names the rows (or finds a mere collision: nothing to report)."""
    borrower_id, invoice_id = rows.typed["borrower_id"], rows.typed["invoice_id"]
    duplicate = rows.con.execute(
        f"SELECT {borrower_id}, {invoice_id}, min(_row), max(_row) FROM {rows.raw} "
        "GROUP BY 1, 2 HAVING count(*) > 1 ORDER BY 4 LIMIT 1"
    ).fetchone()
    if not duplicate:
        return None
    borrower, invoice, first, second = duplicate
    whose = f" of borrower {borrower!r}" if borrower else ""
    return Problem(
        rows.path,
        second,
        "invoice_id",
        f"{invoice!r}{whose}, a duplicate of row {first}",
        "one row per invoice",
        "row",
    )


def _invoice_hash(rows: Rows) -> str:
    return f"hash({rows.guarded['borrower_id']}, {rows.guarded['invoice_id']})"


def _hash_repeated(rows: Rows) -> bool | None:
    """Whether a (borrower, invoice) hash is seen twice (None: no), in a large file: the
    hashes sorted in memory (8 bytes a row) and each compared with the next. A hash table
    of ten million distinct keys, as the pass's query builds, costs about three times as
    much as hashing, sorting and comparing them."""
    hashes = rows.con.execute(f"SELECT {_invoice_hash(rows)} AS h FROM {rows.raw}")
    found = hashes.fetchnumpy()["h"]
    found.sort()
    return True if bool((found[1:] == found[:-1]).any()) else None


# no invoice twice: no (borrower, invoice) hash seen twice proves every invoice distinct; a
# hash seen twice sends us to the exact query
_repeated = Check(
    lambda rows: (
        f"(SELECT true FROM {rows.raw} GROUP BY {_invoice_hash(rows)} HAVING count(*) > 1 LIMIT 1)"
    ),
    _repeated_report,
    apart=_hash_repeated,
)


@dataclass(frozen=True)
class Cell:
    """How one column is checked (`bad`: SQL true for a bad cell) and typed (`typed`); `proof`:
    what a Parquet file's statistics must show for the check to pass unread."""

    column: str
    bad: str
    typed: str
    expected: str
    proof: Proof | None = None
    # the typed value where converting a bad cell fails (None: `typed` never fails): NULL or
    # some value for a bad cell, the same as `typed` for a good one
    safe: str | None = None


MONEY_EXPECTED = (
    "a plain decimal amount with at most two decimals and 16 digits before the point, "
    "such as 1234.56"
)


def _cell(name: str, kind: str, source: str, csv: bool) -> Cell:
    """Checks and conversions by the column's type in the file: a Parquet DATE or DECIMAL
    needs no parsing, a CSV's text does."""
    col = f'"{name}"'
    if kind == "text":
        # a typed (Parquet) column is taken as written: trimming ten million ids costs seconds
        value = f"trim({col})" if csv else f"CAST({col} AS VARCHAR)"
        proof = None if csv else Proof.no_nulls_or_empty
        return Cell(name, f"coalesce({value}, '') = ''", value, "a value", proof)
    if kind == "date":
        if source == "DATE":
            return Cell(name, f"{col} IS NULL", col, "a date", Proof.no_nulls)
        parsed = f"try_strptime(CAST({col} AS VARCHAR), '%Y-%m-%d')"
        bad = (
            f"NOT coalesce(regexp_full_match(CAST({col} AS VARCHAR), '{DATE_PATTERN}') "
            f"AND {parsed} IS NOT NULL, false)"
        )
        typed = f"CAST(CAST({col} AS VARCHAR) AS DATE)"
        safe = f"TRY_CAST(CAST({col} AS VARCHAR) AS DATE)"
        return Cell(name, bad, typed, "a date as YYYY-MM-DD", safe=safe)
    if kind == "money":
        if _whole_cents(source):
            # an exact type with at most two decimals: times 100 is exact, nothing to round;
            # a wide type could hold more cents than a BIGINT, which is then bad input
            if _narrow(source):
                typed = f"CAST({col} * 100 AS BIGINT)"
                return Cell(name, f"{col} IS NULL", typed, MONEY_EXPECTED, Proof.no_nulls)
            bad = f"{col} IS NULL OR abs({col}) >= {_LIMIT}"
            return _guarded(Cell(name, bad, f"CAST({col} * 100 AS BIGINT)", MONEY_EXPECTED))
        if source.startswith("DECIMAL"):
            # finer decimals: more than two of them is wrong, and so is a size past the limit
            bad = f"{col} IS NULL OR {col} <> round({col}, 2) OR abs({col}) >= {_LIMIT}"
            return _guarded(Cell(name, bad, f"CAST(round({col} * 100) AS BIGINT)", MONEY_EXPECTED))
        if source in ("DOUBLE", "FLOAT"):
            # a binary float holds cents only approximately: allow its own rounding error
            bad = (
                f"{col} IS NULL OR NOT isfinite({col}) OR abs({col}) >= {_LIMIT} OR "
                f"abs({col} - round({col}, 2)) > 1e-9 * greatest(1, abs({col}))"
            )
            return _guarded(Cell(name, bad, f"CAST(round({col} * 100) AS BIGINT)", MONEY_EXPECTED))
        value = f"trim(CAST({col} AS VARCHAR))"
        bad = f"NOT coalesce(regexp_full_match({value}, '{MONEY_PATTERN}'), false)"
        typed = f"CAST(CAST({value} AS DECIMAL(18, 2)) * 100 AS BIGINT)"
        # a text that is not an amount is NULL; any decimal(18, 2) times 100 fits a BIGINT
        safe = f"CAST(TRY_CAST({value} AS DECIMAL(18, 2)) * 100 AS BIGINT)"
        return Cell(name, bad, typed, MONEY_EXPECTED, safe=safe)
    # a flag: true or false
    if source == "BOOLEAN":
        return Cell(name, "false", f"coalesce({col}, false)", "true or false")
    value = f"lower(trim(coalesce(CAST({col} AS VARCHAR), '')))"
    allowed = ", ".join(f"'{k}'" for k in ("", *BOOLEANS))
    truthy = ", ".join(f"'{k}'" for k, v in BOOLEANS.items() if v)
    return Cell(
        name,
        f"{value} NOT IN ({allowed})",
        f"{value} IN ({truthy})",
        "true or false (also 1/0, yes/no, or empty for false)",
    )


def _guarded(cell: Cell) -> Cell:
    """The cell with a `safe` value that is NULL where it is bad (its check is cheap)."""
    return replace(cell, safe=f"CASE WHEN {cell.bad} THEN NULL ELSE {cell.typed} END")


_HEAD_BYTES = 1024 * 1024  # where a header and a first row that fail to decode are looked for
_LIMIT = 10**16  # dollars: 10^18 cents still fit a BIGINT
_DIGITS = {"TINYINT": 3, "SMALLINT": 5, "INTEGER": 10, "BIGINT": 19, "HUGEINT": 39}


def _whole_cents(source: str) -> bool:
    """An integer type, or a DECIMAL of scale two or less (DuckDB writes `DECIMAL(18,2)`)."""
    if source in _DIGITS:
        return True
    scale = re.fullmatch(r"DECIMAL\(\d+,\s*(\d+)\)", source)
    return scale is not None and int(scale[1]) <= 2


def _narrow(source: str) -> bool:
    """Whether every value of the type is under the limit (at most 16 digits before the point)."""
    if source in _DIGITS:
        return _DIGITS[source] <= 16
    found = re.fullmatch(r"DECIMAL\((\d+),\s*(\d+)\)", source)
    return found is not None and int(found[1]) - int(found[2]) <= 16


def _borrower(types: dict[str, str], is_csv: bool) -> str:
    """The row's borrower as SQL ('' for a file without the column)."""
    borrower = "coalesce(CAST(borrower_id AS VARCHAR), '')" if "borrower_id" in types else "''"
    return f"trim({borrower})" if is_csv and "borrower_id" in types else borrower


def _typed_view(
    con: duckdb.DuckDBPyConnection,
    layout: Layout,
    view: str,
    types: dict[str, str],
    cells: list[Cell],
    is_csv: bool,
    kept: str = "VIEW",
) -> str:
    """Make the typed view; return the statement that made it."""
    typed = {c.column: c.typed for c in cells}
    select = [f"{_borrower(types, is_csv)} AS borrower_id", "_row"]
    select += [f'{typed[name]} AS "{name}"' for name in layout.texts]
    if layout is AGING:
        country = "coalesce(CAST(country AS VARCHAR), '')" if "country" in types else "''"
        # names the sheet's debtor limits and exemptions match, as written less spaces
        select += [
            f"coalesce(trim(CAST({name} AS VARCHAR)), '') AS {name}"
            if name in types
            else f"'' AS {name}"
            for name in ("debtor_name", "account_class")
        ]
        select += [
            f"{typed['invoice_date']} AS invoice_date",
            f"{typed['due_date']} AS due_date",
            f"{typed['open_balance']} AS balance_cents",
            f"{country} AS country",
        ]
        select += [
            f"{typed[name]} AS {name}" if name in typed else f"false AS {name}"
            for name in ("foreign", "affiliate", "government", *FLAGS)
        ]
    elif layout is PAYABLES:
        select.append(f"{typed['payable_balance']} AS payable_cents")
    else:
        select.append(f"{typed['cost']} AS cost_cents")
        select.append('CAST("location" AS VARCHAR) AS "location"')
    made_by = f"CREATE OR REPLACE TEMP {kept} {view} AS SELECT {', '.join(select)} FROM {view}_raw"
    con.execute(made_by)
    return made_by


def _empty_view(con: duckdb.DuckDBPyConnection, layout: Layout, view: str) -> str:
    """A typed view with no rows, for a header-only or empty file."""
    if layout is AGING:
        flags = ", ".join(
            f"false AS {name}" for name in ("foreign", "affiliate", "government", *FLAGS)
        )
        body = (
            "'' AS borrower_id, 0 AS _row, '' AS invoice_id, '' AS debtor_id, DATE '2000-01-01' AS "
            "invoice_date, DATE '2000-01-01' AS due_date, CAST(0 AS BIGINT) AS balance_cents, "
            f"'' AS country, '' AS debtor_name, '' AS account_class, {flags}"
        )
    elif layout is PAYABLES:
        body = "'' AS borrower_id, 0 AS _row, '' AS debtor_id, CAST(0 AS BIGINT) AS payable_cents"
    else:
        body = (
            "'' AS borrower_id, 0 AS _row, '' AS sku, '' AS class, '' AS status, "
            "CAST(0 AS BIGINT) AS cost_cents, '' AS location"
        )
    made_by = f"CREATE OR REPLACE TEMP VIEW {view} AS SELECT {body} WHERE false"
    con.execute(made_by)
    return made_by
