"""A book's recorded runs: `pactum record BOOK --as-of DATE` keeps, per borrower and date, the
findings (the `pactum.findings` JSON of `findings_json.serialise`), every document the clauses
gave (the certificates) and each document's figures a row apiece (the borrowing base lines), in
a database: by default the embedded DuckDB file `<book>/pactum.duckdb`, or the one
portfolio.yaml names in `database:` (a path relative to the book, or `duckdb://PATH`; the URL
form leaves room for a server database later).

Three tables, one row per (borrower, date) in `runs` and the rows of that run in the others:

    runs(borrower_id, as_of, borrower_name, findings)            findings: JSON text
    documents(borrower_id, as_of, agreement_id, kind, document)  document: JSON text
    figures(borrower_id, as_of, agreement_id, kind, position, section, key, label, unit, value)

and, for each table a clause type gives for the run (`ClauseType.recorded_tables`: the
revolver's per-invoice `ledger` on a date its borrowing base has invoice detail), a table of
its name, created on first use: `borrower_id`, `as_of` and `agreement_id`, then the columns of
the Parquet file the clause wrote (a column of the file with one of those three names gives
way to the run's).

`borrower_id` is '' for a one-company portfolio. A value is text as the document shows it
(money to the cent, ratios and percentages exact), so nothing is lost to floating point; SQL
reads it with `CAST(value AS DECIMAL(18, 2))`.

Recording replaces the borrower's run of that date, in every table, in one transaction: a failure at any point
(a full disk, an exception while writing) rolls back, leaving the database as it was. Reading
opens the file read-only and only when it is there: a book never recorded reads nothing and
creates nothing.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pactum.document import Document, Figure, Lines
from pactum.errors import InputError, Problem
from pactum.findings import Unit

if TYPE_CHECKING:
    import duckdb

DEFAULT_FILE = "pactum.duckdb"
SCHEME = "duckdb://"
DATABASE_EXPECTED = (
    "a DuckDB database file: a path relative to the book's folder, or duckdb://PATH "
    "(duckdb:///srv/desk.duckdb for an absolute path)"
)

_SCHEMA = (
    """CREATE TABLE IF NOT EXISTS runs (
        borrower_id VARCHAR NOT NULL, as_of DATE NOT NULL, borrower_name VARCHAR NOT NULL,
        findings VARCHAR NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS documents (
        borrower_id VARCHAR NOT NULL, as_of DATE NOT NULL, agreement_id VARCHAR NOT NULL,
        kind VARCHAR NOT NULL, document VARCHAR NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS figures (
        borrower_id VARCHAR NOT NULL, as_of DATE NOT NULL, agreement_id VARCHAR NOT NULL,
        kind VARCHAR NOT NULL, position INTEGER NOT NULL, section VARCHAR NOT NULL,
        key VARCHAR NOT NULL, label VARCHAR NOT NULL, unit VARCHAR NOT NULL, value VARCHAR)""",
)
TABLES = ("runs", "documents", "figures")
# the columns a clause's table gets before its own, saying whose run its rows are of
RUN_COLUMNS = ("borrower_id", "as_of", "agreement_id")
# a clause's table name goes into SQL as it is: only plain lower-case identifiers
TABLE_NAME = re.compile(r"[a-z][a-z0-9_]*")


def database_problem(setting: str) -> str | None:
    """Why `database:` is not one this version can use (None: it can)."""
    text = setting.strip()
    if not text:
        return "an empty setting"
    if "://" in text and not text.startswith(SCHEME):
        return f"{text!r} (only DuckDB databases are supported)"
    if text.startswith(SCHEME) and not text[len(SCHEME) :]:
        return f"{text!r} (no path after duckdb://)"
    return None


def database_path(root: Path, setting: str | None) -> Path:
    """The database file of a book at `root` (its `database:` checked by `database_problem`)."""
    if setting is None:
        return root / DEFAULT_FILE
    text = setting.strip()
    if text.startswith(SCHEME):
        text = text[len(SCHEME) :]
    return root / text  # an absolute path stays itself


@dataclass(frozen=True)
class DocumentRun:
    """What one borrower's run on a date gives to be recorded."""

    borrower_id: str | None  # None: a one-company portfolio
    borrower_name: str
    findings: dict[str, Any]  # findings_json.serialise of the borrower's findings
    documents: tuple[Document, ...]
    # (table, agreement id, Parquet file) of the clauses' tables (`ClauseType.recorded_tables`)
    tables: tuple[tuple[str, str, Path], ...] = ()


@dataclass(frozen=True)
class RecordedRun:
    """A row of `runs`, with how many documents and figures it holds."""

    borrower_id: str
    borrower_name: str
    as_of: date
    agreements: int
    documents: int
    figures: int
    table_rows: Mapping[str, int] = field(default_factory=dict)  # rows in each clause table


def _connect(path: Path, read_only: bool) -> duckdb.DuckDBPyConnection:
    import duckdb  # only when a database is read or written: `check` without one never loads it

    try:
        return duckdb.connect(str(path), read_only=read_only)
    except (duckdb.Error, OSError) as exc:
        found = f"{str(path)!r} ({str(exc).splitlines()[0]})"
        raise InputError([Problem(path, None, "database", found, DATABASE_EXPECTED)]) from None


@contextmanager
def _reading(path: Path) -> Iterator[duckdb.DuckDBPyConnection | None]:
    """A read-only connection, or None when nothing was ever recorded there."""
    if not path.is_file():
        yield None
        return
    connection = _connect(path, read_only=True)
    try:
        tables = connection.execute(
            "SELECT COUNT(*) FROM information_schema.tables WHERE table_name IN ('runs', "
            "'documents', 'figures')"
        ).fetchone()
        # a file that no run was ever recorded in (made by hand, or empty) holds nothing
        yield connection if tables is not None and tables[0] == len(TABLES) else None
    finally:
        connection.close()


def _figure_json(figure: Figure) -> dict[str, Any]:
    amount = figure.amount
    if isinstance(amount, Decimal):
        kind, value = "decimal", str(amount)
    elif isinstance(amount, date):
        kind, value = "date", amount.isoformat()
    elif amount is None:
        kind, value = "none", None
    else:
        kind, value = "text", str(amount)
    return {
        "key": figure.key,
        "label": figure.label,
        "unit": figure.unit.value,
        "type": kind,
        "value": value,
    }


def document_json(document: Document) -> dict[str, Any]:
    """A document's heading and figures, section by section (the traces stay in the findings
    recorded beside it)."""
    sections = []
    for section in document.sections:
        if isinstance(section, Lines):
            figures = list(section.figures)
        else:
            totals = [section.total] if section.total else []
            figures = [f for row in (*section.rows, *totals) for f in row]
        sections.append({"title": section.title, "figures": [_figure_json(f) for f in figures]})
    return {
        "kind": document.kind,
        "title": document.title,
        "company": document.company,
        "agreement_id": document.agreement_id,
        "agreement_title": document.agreement_title,
        "as_of": document.as_of.isoformat(),
        "sections": sections,
    }


def _figure_value(item: dict[str, Any]) -> Decimal | date | str | None:
    kind, value = item["type"], item["value"]
    if kind == "decimal":
        return Decimal(value)
    if kind == "date":
        return date.fromisoformat(value)
    return None if kind == "none" else str(value)


def document_from_json(data: dict[str, Any]) -> Document:
    """A recorded document: its sections as lines of figures (enough to read any figure)."""
    sections = tuple(
        Lines(
            s["title"],
            tuple(
                # money recorded to the cent stays as recorded
                Figure(f["key"], f["label"], _figure_value(f), Unit(f["unit"]), exact=True)
                for f in s["figures"]
            ),
        )
        for s in data["sections"]
    )
    return Document(
        data["kind"],
        data["title"],
        data["company"],
        data["agreement_id"],
        data["agreement_title"],
        date.fromisoformat(data["as_of"]),
        sections,
    )


def record_runs(path: Path, as_of: date, runs: Sequence[DocumentRun]) -> None:
    """Record each borrower's run on `as_of`, replacing what was recorded for that borrower
    and date, in one transaction: all of it or, on any failure, none."""
    import duckdb

    connection = _connect(path, read_only=False)
    try:
        for statement in _SCHEMA:
            connection.execute(statement)
        connection.execute("BEGIN TRANSACTION")
        try:
            for run in runs:
                _write_run(connection, as_of, run)
                _write_tables(connection, as_of, run)
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise
    except (duckdb.Error, OSError) as exc:
        # the database refused the write (a full disk, a file that is not a database)
        found = f"{str(path)!r} ({str(exc).splitlines()[0]})"
        expected = "a DuckDB database file that can be written"
        raise InputError([Problem(path, None, "database", found, expected)]) from None
    finally:
        connection.close()


def _sql_text(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _clause_tables(connection: duckdb.DuckDBPyConnection) -> list[str]:
    """The clauses' tables in the database: every one with the run's columns, but ours."""
    rows = connection.execute(
        """SELECT table_name FROM information_schema.columns
           WHERE table_schema = 'main' AND column_name IN ('borrower_id', 'as_of', 'agreement_id')
           GROUP BY table_name HAVING COUNT(*) = 3 ORDER BY table_name"""
    ).fetchall()
    return [str(name) for (name,) in rows if name not in TABLES]


def _write_tables(connection: duckdb.DuckDBPyConnection, as_of: date, run: DocumentRun) -> None:
    """The clauses' tables of the run: the borrower's rows of the date replaced in each (a
    table the run no longer gives keeps none of them), each file's rows added."""
    borrower = run.borrower_id or ""
    for table in _clause_tables(connection):
        connection.execute(
            f"DELETE FROM {table} WHERE borrower_id = ? AND as_of = ?", [borrower, as_of]
        )
    for table, agreement_id, path in run.tables:
        if TABLE_NAME.fullmatch(table) is None or table in TABLES:
            # a clause type's mistake, not the user's input
            raise ValueError(f"a recorded table named {table!r}: not a plain name of its own")
        source = f"read_parquet({_sql_text(str(path))})"
        own = [c[0] for c in connection.execute(f"SELECT * FROM {source} LIMIT 0").description]
        # the run's columns first; the file's own of those names give way to them
        kept = ", ".join(f'"{c}"' for c in own if c not in RUN_COLUMNS) or "NULL AS no_columns"
        select = (
            f"SELECT CAST(? AS VARCHAR) AS borrower_id, CAST(? AS DATE) AS as_of, "
            f"CAST(? AS VARCHAR) AS agreement_id, {kept} FROM {source}"
        )
        parameters = [borrower, as_of, agreement_id]
        if table not in _clause_tables(connection):
            connection.execute(f"CREATE TABLE {table} AS {select} LIMIT 0", parameters)
        connection.execute(f"INSERT INTO {table} BY NAME {select}", parameters)


def _write_run(connection: duckdb.DuckDBPyConnection, as_of: date, run: DocumentRun) -> None:
    borrower = run.borrower_id or ""
    for table in TABLES:
        connection.execute(
            f"DELETE FROM {table} WHERE borrower_id = ? AND as_of = ?", [borrower, as_of]
        )
    connection.execute(
        "INSERT INTO runs VALUES (?, ?, ?, ?)",
        [borrower, as_of, run.borrower_name, json.dumps(run.findings, sort_keys=True)],
    )
    for document in run.documents:
        data = document_json(document)
        connection.execute(
            "INSERT INTO documents VALUES (?, ?, ?, ?, ?)",
            [borrower, as_of, document.agreement_id, document.kind, json.dumps(data)],
        )
        rows = [
            [
                borrower,
                as_of,
                document.agreement_id,
                document.kind,
                position,
                section["title"],
                figure["key"],
                figure["label"],
                figure["unit"],
                figure["value"],
            ]
            for position, (section, figure) in enumerate(
                (s, f) for s in data["sections"] for f in s["figures"]
            )
        ]
        if rows:
            connection.executemany(
                "INSERT INTO figures VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows
            )


def recorded_runs(path: Path, borrower_id: str | None = None) -> list[RecordedRun]:
    """What is recorded, by borrower and date (one borrower's with `borrower_id`)."""
    with _reading(path) as connection:
        if connection is None:
            return []
        where, parameters = ("WHERE r.borrower_id = ?", [borrower_id]) if borrower_id else ("", [])
        counted: dict[tuple[str, date], dict[str, int]] = {}
        for table in _clause_tables(connection):
            for who, day, count in connection.execute(
                f"SELECT borrower_id, as_of, COUNT(*) FROM {table} GROUP BY borrower_id, as_of"
            ).fetchall():
                counted.setdefault((who, day), {})[table] = int(count)
        rows = connection.execute(
            f"""SELECT r.borrower_id, r.borrower_name, r.as_of,
                   CAST(json_array_length(json_extract(r.findings, '$.agreements')) AS INTEGER),
                   (SELECT COUNT(*) FROM documents d
                     WHERE d.borrower_id = r.borrower_id AND d.as_of = r.as_of),
                   (SELECT COUNT(*) FROM figures f
                     WHERE f.borrower_id = r.borrower_id AND f.as_of = r.as_of)
                FROM runs r {where} ORDER BY r.borrower_id, r.as_of""",
            parameters,
        ).fetchall()
    return [
        RecordedRun(b, n, d, int(a or 0), int(docs), int(figs), counted.get((b, d), {}))
        for b, n, d, a, docs, figs in rows
    ]


@dataclass(frozen=True)
class Recorded:
    """One borrower's recorded runs, as its agreements' clauses read them (the previous
    certificate). Nothing is opened until asked."""

    path: Path
    borrower_id: str | None

    def document_before(self, agreement_id: str, kind: str, day: date) -> Document | None:
        """The latest recorded document of the kind for the agreement dated before `day`."""
        with _reading(self.path) as connection:
            if connection is None:
                return None
            found = connection.execute(
                """SELECT document FROM documents
                   WHERE borrower_id = ? AND agreement_id = ? AND kind = ? AND as_of < ?
                   ORDER BY as_of DESC LIMIT 1""",
                [self.borrower_id or "", agreement_id, kind, day],
            ).fetchone()
        return document_from_json(json.loads(found[0])) if found is not None else None


def recorded_findings(path: Path, borrower_id: str | None) -> list[tuple[date, dict[str, Any]]]:
    """One borrower's recorded findings (the JSON `pactum record` kept), by date, earliest
    first; [] when nothing is recorded."""
    with _reading(path) as connection:
        if connection is None:
            return []
        rows = connection.execute(
            "SELECT as_of, findings FROM runs WHERE borrower_id = ? ORDER BY as_of",
            [borrower_id or ""],
        ).fetchall()
    return [(day, json.loads(text)) for day, text in rows]
