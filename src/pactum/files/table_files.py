"""A table of typed columns written as CSV (plain decimals, ISO dates) or XLSX (numbers as
numbers with formats, a frozen header, and a sheet of the sources behind the figures)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pactum.files.atomic import write_atomically
from pactum.files.stamps import stamped_xlsx
from pactum.money import money_str

if TYPE_CHECKING:
    from openpyxl import Workbook

Cell = Decimal | date | str | int | None


class Format(StrEnum):
    text = "text"
    date = "date"
    money = "money"
    percent = "percent"  # a fraction, shown as a percent
    number = "number"


XLSX_FORMATS = {
    Format.money: "#,##0.00",
    Format.percent: "0.00%",
    Format.number: "#,##0.####",
    Format.date: "yyyy-mm-dd",
    Format.text: "@",
}


@dataclass(frozen=True)
class Column:
    name: str
    format: Format = Format.text
    # a terminal too narrow for every column may leave this one out, saying so (the files
    # always have it)
    optional_on_screen: bool = False


@dataclass(frozen=True)
class Table:
    title: str
    columns: tuple[Column, ...]
    rows: list[tuple[Cell, ...]]
    total: tuple[Cell, ...] | None = None  # a totals row, written after the rows
    sources: list[tuple[str, str]] = field(default_factory=list)  # (term, citation or reason)


def _csv_cell(value: Cell, fmt: Format) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if fmt is Format.money and isinstance(value, Decimal):
        return money_str(value)  # always two decimals: 0.00, not 0
    return str(value)


def csv_bytes(table: Table) -> bytes:
    """The table as CSV in UTF-8 (rows end in CRLF, as the csv module writes them)."""
    stream = io.StringIO(newline="")
    writer = csv.writer(stream)
    writer.writerow([c.name for c in table.columns])
    for row in [*table.rows, *([table.total] if table.total else [])]:
        writer.writerow([_csv_cell(v, c.format) for v, c in zip(row, table.columns, strict=True)])
    return stream.getvalue().encode("utf-8")


def write_csv(path: Path, table: Table) -> None:
    content = csv_bytes(table)

    def write(temporary: Path) -> None:
        temporary.write_bytes(content)

    write_atomically(path, write)


def write_xlsx(path: Path, table: Table, as_of: date) -> None:
    """The table as a workbook whose only timestamp is the as-of date (`files.stamps`)."""
    # imported here: openpyxl takes a fifth of the CLI's start-up, and only this needs it
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = table.title[:31]
    sheet.append([c.name for c in table.columns])
    bold(sheet[1])
    rows: Sequence[tuple[Cell, ...]] = [*table.rows, *([table.total] if table.total else [])]
    for row in rows:
        sheet.append(list(row))  # openpyxl writes a Decimal's digits as they are
    for index, column in enumerate(table.columns, start=1):
        letter = get_column_letter(index)
        for cell in sheet[letter][1:]:
            cell.number_format = XLSX_FORMATS[column.format]
        sheet.column_dimensions[letter].width = max(12, len(column.name) + 2)
    if table.total:
        bold(sheet[sheet.max_row])
    sheet.freeze_panes = "A2"
    add_sources_sheet(book, table.sources)
    stream = io.BytesIO()
    book.save(stream)
    content = stamped_xlsx(stream.getvalue(), as_of)

    def write(temporary: Path) -> None:
        temporary.write_bytes(content)

    write_atomically(path, write)


def bold(cells: Iterable[Any]) -> None:
    from openpyxl.styles import Font

    for cell in cells:
        cell.font = Font(bold=True)


def add_sources_sheet(book: Workbook, sources: Sequence[tuple[str, str]]) -> None:
    """A `Sources` sheet: each term used and its citation or the reason it is assumed."""
    if not sources:
        return
    sheet = book.create_sheet("Sources")
    sheet.append(["term", "source"])
    bold(sheet[1])
    for term, source in sources:
        sheet.append([term, source])
    sheet.column_dimensions["A"].width = 40
    sheet.column_dimensions["B"].width = 120
