"""A table of typed columns written as CSV (plain decimals, ISO dates) or XLSX (numbers as
numbers with formats, the totals as SUM formulas over the rows, a frozen header, a page set up
for printing, and a sheet of the sources behind the figures)."""

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
from pactum.files.sheet_cells import (
    DATE_FORMAT,
    MONEY_FORMAT,
    NUMBER_FORMAT,
    PERCENT_FORMAT,
    TEXT_FORMAT,
    column_sum,
    lay_out,
    write_cell,
)
from pactum.files.stamps import stamped_xlsx
from pactum.money import money_str

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

Cell = Decimal | date | str | int | None


class Format(StrEnum):
    text = "text"
    date = "date"
    money = "money"
    percent = "percent"  # a fraction, shown as a percent
    number = "number"


XLSX_FORMATS = {
    Format.money: MONEY_FORMAT,
    Format.percent: PERCENT_FORMAT,
    Format.number: NUMBER_FORMAT,  # the decimals each value has
    Format.date: DATE_FORMAT,
    Format.text: TEXT_FORMAT,
}
# a table wider than this prints across the page
PORTRAIT_COLUMNS = 6


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
    content = xlsx_bytes(table, as_of)

    def write(temporary: Path) -> None:
        temporary.write_bytes(content)

    write_atomically(path, write)


def xlsx_bytes(table: Table, as_of: date) -> bytes:
    """The table's workbook: a header row, a row per table row, and the totals row, whose every
    sum is a SUM formula over the rows above it."""
    # imported here: openpyxl takes a fifth of the CLI's start-up, and only this needs it
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = table.title[:31]
    sheet.append([c.name for c in table.columns])
    bold(sheet[1])
    for row_number, row in enumerate(table.rows, start=2):
        for index, (value, column) in enumerate(zip(row, table.columns, strict=True), start=1):
            write_cell(sheet.cell(row_number, index), value, XLSX_FORMATS[column.format])
    if table.total:
        _write_totals(sheet, table, len(table.rows) + 2)
    for index, column in enumerate(table.columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(12, len(column.name) + 2)
    # the first column keys each row (the month): kept in view when scrolling right
    lay_out(
        sheet,
        table.title,
        header_rows=1,
        landscape=len(table.columns) > PORTRAIT_COLUMNS,
        freeze_columns=1,
    )
    add_sources_sheet(book, table.sources)
    stream = io.BytesIO()
    book.save(stream)
    return stamped_xlsx(stream.getvalue(), as_of)


def _write_totals(sheet: Worksheet, table: Table, row_number: int) -> None:
    """The totals row: each sum as a SUM over its column's rows when that gives the table's own
    total (it always should: a total the rows do not add up to is written as the value)."""
    from openpyxl.utils import get_column_letter

    assert table.total is not None
    for index, (total, column) in enumerate(zip(table.total, table.columns, strict=True), 1):
        cell = sheet.cell(row_number, index)
        write_cell(cell, total, XLSX_FORMATS[column.format])
        if not isinstance(total, Decimal) or not table.rows:
            continue
        letter = get_column_letter(index)
        above = [
            (f"{letter}{number}", value if isinstance(value, Decimal) else None)
            for number, value in enumerate((r[index - 1] for r in table.rows), start=2)
        ]
        live = column_sum(above)
        if live.value == total:
            live.write(cell)
    bold(sheet[row_number])


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
    lay_out(sheet, "Sources", header_rows=1, landscape=True)
