"""A document as an XLSX workbook: the document on its first sheet (numbers as numbers, with
number formats; each total and subtotal a formula over the cells above it, `live_figures`), a
`Trace` sheet giving for each figure its cell, value, formula, inputs and sources, and, when the
document has them, the `Sources` of the terms its grids use. Every sheet keeps its header in
view and prints fitted to the page's width with its header on every page."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import TYPE_CHECKING

from pactum.document import Document, Figure, Grid, Lines, Role, Section
from pactum.files.sheet_cells import (
    DATE_FORMAT,
    EXACT_MONEY_FORMAT,
    MONEY_FORMAT,
    NUMBER_FORMAT,
    PERCENT_FORMAT,
    POINTS_FORMAT,
    RATIO_FORMAT,
    TEXT_FORMAT,
    WHOLE_FORMAT,
    lay_out,
    write_cell,
)
from pactum.files.stamps import stamped_xlsx
from pactum.files.table_files import add_sources_sheet, bold
from pactum.findings import Trace, Unit
from pactum.format import source_text
from pactum.reports.live_figures import live_figures

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

UNIT_FORMATS = {
    Unit.money: MONEY_FORMAT,
    Unit.percent: PERCENT_FORMAT,
    Unit.points: POINTS_FORMAT,
    Unit.ratio: RATIO_FORMAT,
    Unit.shares: WHOLE_FORMAT,
    Unit.number: NUMBER_FORMAT,
    Unit.date: DATE_FORMAT,
    Unit.text: TEXT_FORMAT,
}
HEADER_ROWS = 4  # company, title, agreement, as-of date
TRACE_SHEET = "Trace"
TRACE_COLUMNS = ("figure", "label", "section", "cell", "value", "formula", "inputs", "sources")


def workbook_bytes(document: Document) -> bytes:
    # imported here: openpyxl takes a fifth of the CLI's start-up
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = document.title[:31]
    cells = _write_document(sheet, document)
    for key, live in live_figures(document.sections, cells).items():
        live.write(sheet[cells[key]])
    lay_out(sheet, document.title, HEADER_ROWS, landscape=document.landscape)
    _write_trace(book.create_sheet(TRACE_SHEET), document, cells, sheet.title)
    add_sources_sheet(book, document.sources)
    stream = io.BytesIO()
    book.save(stream)
    return stamped_xlsx(stream.getvalue(), document.as_of)


def _put(sheet: Worksheet, row: int, column: int, figure: Figure) -> str:
    """Write a figure's value with its number format; returns the cell's coordinate."""
    cell = sheet.cell(row=row, column=column)
    exact = figure.unit is Unit.money and figure.exact
    amount = figure.amount
    if figure.unit is Unit.points and isinstance(amount, Decimal):
        amount = amount * 100  # POINTS_FORMAT writes the number as it is
    write_cell(cell, amount, EXACT_MONEY_FORMAT if exact else UNIT_FORMATS[figure.unit])
    return str(cell.coordinate)


def _write_document(sheet: Worksheet, document: Document) -> dict[str, str]:
    from openpyxl.styles import Alignment, Font

    sheet.append([document.company])
    sheet.append([document.title])
    sheet.append([f"{document.agreement_title} ({document.agreement_id})"])
    sheet.append(["As of", document.as_of])
    for label, value in document.particulars:
        sheet.append([label, value])
    sheet["A1"].font = Font(bold=True)
    sheet["A2"].font = Font(bold=True, size=14)
    sheet["B4"].number_format = DATE_FORMAT
    cells: dict[str, str] = {}
    row = 5 + len(document.particulars)
    for section in document.sections:
        row += 2
        sheet.cell(row=row, column=1, value=section.title).font = Font(bold=True, size=12)
        row = _write_section(sheet, section, row + 1, cells)
        for note in section.notes:
            sheet.cell(row=row, column=1, value=note).font = Font(italic=True)
            row += 1
    if document.notes:
        row += 1
        sheet.cell(row=row, column=1, value="Notes").font = Font(bold=True)
        for note in document.notes:
            row += 1
            sheet.cell(row=row, column=1, value=note)
        row += 1
    if document.signature is not None:
        row += 2
        sheet.cell(row=row, column=1, value="Certification").font = Font(bold=True)
        statement = sheet.cell(row=row + 1, column=1, value=document.signature.statement)
        statement.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.merge_cells(start_row=row + 1, start_column=1, end_row=row + 1, end_column=4)
        sheet.row_dimensions[row + 1].height = 90
        for certification in document.signature.certifications:
            row += 1
            cell = sheet.cell(row=row + 1, column=1, value=certification)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            sheet.merge_cells(start_row=row + 1, start_column=1, end_row=row + 1, end_column=4)
            sheet.row_dimensions[row + 1].height = 45
        lines = ("Signature:", "Name:", f"Title: {document.signature.signer_title}", "Date:")
        for offset, label in enumerate(lines, start=3):
            sheet.cell(row=row + offset, column=1, value=label)
    sheet.column_dimensions["A"].width = 48
    for letter in "BCDEFGHIJKLMNOP":
        sheet.column_dimensions[letter].width = 18
    return cells


def _write_section(sheet: Worksheet, section: Section, row: int, cells: dict[str, str]) -> int:
    """Write a section from `row`; returns the next free row."""
    from openpyxl.styles import Alignment, Font

    if isinstance(section, Lines):
        for figure in section.figures:
            label = sheet.cell(row=row, column=1, value=figure.label)
            cells[figure.key] = _put(sheet, row, 2, figure)
            if figure.note:
                sheet.cell(row=row, column=3, value=figure.note)
            if figure.role is Role.less:
                label.alignment = Alignment(indent=2)
            if figure.role in (Role.subtotal, Role.total):
                bold(sheet[row][:2])
            row += 1
        return row
    assert isinstance(section, Grid)
    for column, title in enumerate(section.columns, start=1):
        heading = sheet.cell(row=row, column=column, value=title)
        heading.font = Font(bold=True)
        heading.alignment = Alignment(wrap_text=True, vertical="bottom")
    row += 1
    for figures in (*section.rows, *([section.total] if section.total else [])):
        for column, figure in enumerate(figures, start=1):
            cells[figure.key] = _put(sheet, row, column, figure)
            if figure.unit is Unit.text:
                sheet.cell(row=row, column=column).alignment = Alignment(wrap_text=True)
        if figures is section.total:
            bold(sheet[row])
        row += 1
    return row


def _write_trace(sheet: Worksheet, document: Document, cells: dict[str, str], title: str) -> None:
    """One row per figure of the line sections and per traced figure of the grids."""
    from openpyxl.styles import Alignment

    sheet.append(list(TRACE_COLUMNS))
    bold(sheet[1])
    for section, figure in document.figures():
        if isinstance(section, Grid) and figure.trace is None:
            continue
        trace = figure.trace or Trace("")
        row = sheet.max_row + 1
        for column, value in enumerate(
            (figure.key, figure.label, section.title, f"'{title}'!{cells[figure.key]}"), start=1
        ):
            sheet.cell(row=row, column=column, value=value)
        _put(sheet, row, 5, figure)
        sheet.cell(row=row, column=6, value=trace.formula)
        sheet.cell(row=row, column=7, value="\n".join(f"{k} = {v}" for k, v in trace.inputs))
        sheet.cell(
            row=row, column=8, value="\n".join(dict.fromkeys(source_text(s) for s in trace.sources))
        )
        for cell in sheet[row][5:]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for letter, width in zip("ABCDEFGH", (34, 34, 24, 22, 18, 50, 50, 90), strict=True):
        sheet.column_dimensions[letter].width = width
    lay_out(sheet, f"{document.title}: how each figure was obtained", 1, landscape=True)
