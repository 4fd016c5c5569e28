"""Reading and checking detail files (CSV or Parquet) in DuckDB, before any rule runs.

Every check is a query: nothing loops over rows in Python. A problem stops the run with the
file, the row (CSV: the line, header = row 1; Parquet: the record, first = row 1), the field,
what was found and what was expected. A file that passes becomes a typed DuckDB view, money
as integer cents.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb

from pactum.collateral.rules import FLAGS
from pactum.errors import InputError, Problem, fail, shown

BOOLEANS = {"true": True, "1": True, "yes": True, "false": False, "0": False, "no": False}
MONEY_PATTERN = r"-?[0-9]+(\.[0-9]{1,2})?"
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


AGING = Layout(
    "aging",
    required=("invoice_id", "debtor_id", "invoice_date", "due_date", "open_balance"),
    optional=(
        "borrower_id",
        "debtor_name",
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
    texts=("sku", "class", "status"),
)


def _source(path: Path) -> str:
    """The table function that reads `path`, every column as text, with its row number."""
    quoted = str(path).replace("'", "''")
    if path.suffix.lower() == ".parquet":
        return f"(SELECT *, file_row_number + 1 AS _row FROM read_parquet('{quoted}', file_row_number = true))"
    # a CSV's row numbers are its lines, the header being row 1; DuckDB keeps the file's order
    return (
        f"(SELECT *, row_number() OVER () + 1 AS _row FROM read_csv('{quoted}', header = true, "
        "all_varchar = true, auto_detect = true))"
    )


def _columns(con: duckdb.DuckDBPyConnection, path: Path) -> list[str]:
    quoted = str(path).replace("'", "''")
    reader = "read_parquet" if path.suffix.lower() == ".parquet" else "read_csv"
    extra = "" if reader == "read_parquet" else ", header = true, all_varchar = true"
    try:
        described = con.execute(f"DESCRIBE SELECT * FROM {reader}('{quoted}'{extra})").fetchall()
    except duckdb.Error as exc:
        raise fail(
            path, None, "file", f"unreadable ({str(exc).splitlines()[0]})", "a CSV or Parquet file"
        ) from None
    return [row[0] for row in described]


def is_empty(path: Path) -> bool:
    """A file with nothing in it, or only a header: a certificate of zeros, with a warning."""
    if path.suffix.lower() == ".parquet":
        return False
    text = path.read_text(encoding="utf-8-sig").strip()
    return len(text.splitlines()) <= 1


def load_detail(
    con: duckdb.DuckDBPyConnection, path: Path, layout: Layout, view: str, as_of: date | None = None
) -> int:
    """Check `path` and create the typed view `view` from it; return its number of rows."""
    if not path.is_file():
        raise fail(path, None, "file", "no such file", f"a CSV or Parquet {layout.name} file")
    if is_empty(path):
        _empty_view(con, layout, view)
        return 0
    columns = _columns(con, path)
    unit = "row"
    for name in layout.required:
        if name not in columns:
            raise fail(
                path, 1, name, "no such column", "columns " + ",".join(layout.required), unit
            )
    unknown = [c for c in columns if c not in layout.required + layout.optional]
    if unknown:
        raise fail(
            path,
            1,
            unknown[0],
            "an unknown column",
            "columns from " + ",".join(layout.required + layout.optional),
            unit,
        )
    con.execute(f"CREATE OR REPLACE TEMP VIEW {view}_raw AS SELECT * FROM {_source(path)}")
    _check_cells(con, path, layout, view, columns)
    _typed_view(con, layout, view, columns)
    if layout is AGING:
        _check_aging(con, path, view, as_of)
    count = con.execute(f"SELECT count(*) FROM {view}").fetchone()
    return int(count[0]) if count else 0


def _first_bad(
    con: duckdb.DuckDBPyConnection, view: str, column: str, bad: str
) -> tuple[int, str] | None:
    found = con.execute(
        f'SELECT _row, CAST("{column}" AS VARCHAR) FROM {view}_raw WHERE {bad} ORDER BY _row LIMIT 1'
    ).fetchone()
    return (int(found[0]), found[1]) if found else None


def _check_cells(
    con: duckdb.DuckDBPyConnection, path: Path, layout: Layout, view: str, columns: list[str]
) -> None:
    checks: list[tuple[str, str, str]] = []  # column, condition for a bad cell, expected
    for name in layout.texts:
        checks.append((name, f"coalesce(trim(CAST(\"{name}\" AS VARCHAR)), '') = ''", "a value"))
    for name in layout.dates:
        checks.append(
            (
                name,
                f"NOT coalesce(regexp_full_match(CAST(\"{name}\" AS VARCHAR), '{DATE_PATTERN}') "
                f"AND try_strptime(CAST(\"{name}\" AS VARCHAR), '%Y-%m-%d') IS NOT NULL, false)",
                "a date as YYYY-MM-DD",
            )
        )
    for name in layout.money:
        checks.append(
            (
                name,
                f"NOT coalesce(regexp_full_match(trim(CAST(\"{name}\" AS VARCHAR)), '{MONEY_PATTERN}'), false)",
                "a plain decimal amount with at most two decimals, such as 1234.56",
            )
        )
    for name in layout.booleans:
        if name in columns:
            allowed = ", ".join(f"'{k}'" for k in ("", *BOOLEANS))
            checks.append(
                (
                    name,
                    f"lower(trim(coalesce(CAST(\"{name}\" AS VARCHAR), ''))) NOT IN ({allowed})",
                    "true or false (also 1/0, yes/no, or empty for false)",
                )
            )
    for column, bad, expected in checks:
        found = _first_bad(con, view, column, bad)
        if found is not None:
            row, value = found
            raise InputError(
                [Problem(path, row, column, shown(value) if value else "nothing", expected, "row")]
            )
    if layout.name in ("payables", "inventory"):
        name = layout.money[0]
        found = _first_bad(
            con, view, name, f'CAST(trim(CAST("{name}" AS VARCHAR)) AS DECIMAL(18, 2)) < 0'
        )
        if found is not None:
            raise InputError(
                [Problem(path, found[0], name, found[1], "an amount of zero or more", "row")]
            )


def _boolean(name: str, columns: list[str]) -> str:
    if name not in columns:
        return f"false AS {name}"
    truthy = ", ".join(f"'{k}'" for k, v in BOOLEANS.items() if v)
    return f"lower(trim(coalesce(CAST(\"{name}\" AS VARCHAR), ''))) IN ({truthy}) AS {name}"


def _cents(name: str) -> str:
    # exact: the text has at most two decimals, so DECIMAL(18, 2) holds it without rounding
    return f'CAST(CAST(trim(CAST("{name}" AS VARCHAR)) AS DECIMAL(18, 2)) * 100 AS BIGINT)'


def _typed_view(
    con: duckdb.DuckDBPyConnection, layout: Layout, view: str, columns: list[str]
) -> None:
    borrower = (
        "coalesce(trim(CAST(borrower_id AS VARCHAR)), '')" if "borrower_id" in columns else "''"
    )
    select = [f"{borrower} AS borrower_id", "_row"]
    for name in layout.texts:
        select.append(f'trim(CAST("{name}" AS VARCHAR)) AS "{name}"')
    if layout is AGING:
        select += [
            "CAST(CAST(invoice_date AS VARCHAR) AS DATE) AS invoice_date",
            "CAST(CAST(due_date AS VARCHAR) AS DATE) AS due_date",
            f"{_cents('open_balance')} AS balance_cents",
            (
                "upper(trim(coalesce(CAST(country AS VARCHAR), '')))"
                if "country" in columns
                else "''"
            )
            + " AS country",
        ]
        select += [
            _boolean(name, columns) for name in ("foreign", "affiliate", "government", *FLAGS)
        ]
    elif layout is PAYABLES:
        select.append(f"{_cents('payable_balance')} AS payable_cents")
    else:
        select.append(f"{_cents('cost')} AS cost_cents")
        select.append('trim(CAST("location" AS VARCHAR)) AS "location"')
    con.execute(f"CREATE OR REPLACE TEMP VIEW {view} AS SELECT {', '.join(select)} FROM {view}_raw")


def _empty_view(con: duckdb.DuckDBPyConnection, layout: Layout, view: str) -> None:
    """A typed view with no rows, for a header-only or empty file."""
    if layout is AGING:
        flags = ", ".join(
            f"false AS {name}" for name in ("foreign", "affiliate", "government", *FLAGS)
        )
        body = (
            "'' AS borrower_id, 0 AS _row, '' AS invoice_id, '' AS debtor_id, DATE '2000-01-01' AS "
            "invoice_date, DATE '2000-01-01' AS due_date, CAST(0 AS BIGINT) AS balance_cents, "
            f"'' AS country, {flags}"
        )
    elif layout is PAYABLES:
        body = "'' AS borrower_id, 0 AS _row, '' AS debtor_id, CAST(0 AS BIGINT) AS payable_cents"
    else:
        body = (
            "'' AS borrower_id, 0 AS _row, '' AS sku, '' AS class, '' AS status, "
            "CAST(0 AS BIGINT) AS cost_cents, '' AS location"
        )
    con.execute(f"CREATE OR REPLACE TEMP VIEW {view} AS SELECT {body} WHERE false")


def _check_aging(con: duckdb.DuckDBPyConnection, path: Path, view: str, as_of: date | None) -> None:
    duplicate = con.execute(
        f"SELECT borrower_id, invoice_id, min(_row), max(_row) FROM {view} "
        "GROUP BY borrower_id, invoice_id HAVING count(*) > 1 ORDER BY 4 LIMIT 1"
    ).fetchone()
    if duplicate:
        borrower, invoice, first, second = duplicate
        whose = f" of borrower {borrower!r}" if borrower else ""
        raise InputError(
            [
                Problem(
                    path,
                    second,
                    "invoice_id",
                    f"{invoice!r}{whose}, a duplicate of row {first}",
                    "one row per invoice",
                    "row",
                )
            ]
        )
    if as_of is not None:
        late = con.execute(
            f"SELECT _row, invoice_date FROM {view} WHERE invoice_date > DATE '{as_of.isoformat()}' "
            "ORDER BY _row LIMIT 1"
        ).fetchone()
        if late:
            raise InputError(
                [
                    Problem(
                        path,
                        late[0],
                        "invoice_date",
                        f"{late[1].isoformat()}, after the as-of date",
                        f"an invoice dated on or before {as_of.isoformat()}",
                        "row",
                    )
                ]
            )
    early = con.execute(
        f"SELECT _row, due_date, invoice_date FROM {view} WHERE due_date < invoice_date "
        "ORDER BY _row LIMIT 1"
    ).fetchone()
    if early:
        raise InputError(
            [
                Problem(
                    path,
                    early[0],
                    "due_date",
                    f"{early[1].isoformat()}, before the invoice date {early[2].isoformat()}",
                    "a due date on or after the invoice date",
                    "row",
                )
            ]
        )
