"""A table of typed columns written as CSV (plain decimals, ISO dates) or XLSX (numbers as
numbers with formats, a frozen header, and a sheet of the sources behind the figures)."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from pathlib import Path

from pactum.money import money_str
from pactum.reports.atomic import write_atomically

Cell = Decimal | date | str | int | None


class Format(StrEnum):
    text = "text"
    date = "date"
    money = "money"
    percent = "percent"  # a fraction, shown as a percent
    number = "number"


_XLSX_FORMATS = {
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


def write_csv(path: Path, table: Table) -> None:
    def write(temporary: Path) -> None:
        with temporary.open("w", newline="", encoding="utf-8") as stream:
            writer = csv.writer(stream)
            writer.writerow([c.name for c in table.columns])
            for row in [*table.rows, *([table.total] if table.total else [])]:
                writer.writerow(
                    [_csv_cell(v, c.format) for v, c in zip(row, table.columns, strict=True)]
                )

    write_atomically(path, write)


def write_xlsx(path: Path, table: Table) -> None:
    # imported here: openpyxl takes a fifth of the CLI's start-up, and only this needs it
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = table.title[:31]
    sheet.append([c.name for c in table.columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    rows: Sequence[tuple[Cell, ...]] = [*table.rows, *([table.total] if table.total else [])]
    for row in rows:
        sheet.append(list(row))  # openpyxl writes a Decimal's digits as they are
    for index, column in enumerate(table.columns, start=1):
        letter = get_column_letter(index)
        for cell in sheet[letter][1:]:
            cell.number_format = _XLSX_FORMATS[column.format]
        sheet.column_dimensions[letter].width = max(12, len(column.name) + 2)
    if table.total:
        for cell in sheet[sheet.max_row]:
            cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    if table.sources:
        sources = book.create_sheet("Sources")
        sources.append(["term", "source"])
        for cell in sources[1]:
            cell.font = Font(bold=True)
        for term, source in table.sources:
            sources.append([term, source])
        sources.column_dimensions["A"].width = 40
        sources.column_dimensions["B"].width = 120
    write_atomically(path, lambda temporary: book.save(temporary))
