"""How Pactum writes a cell of a workbook, and lays a sheet out for the screen and for paper.

Shared by the table files (`files.table_files`) and the documents (`reports.workbook`), so that
every XLSX Pactum writes shows its figures the same way in Excel and LibreOffice:

- numbers as numbers: a Decimal's digits are written as they are (openpyxl writes `str(value)`),
  never through a float;
- a month ("2003-04", as the rent roll keys its lines) as the date of its first day shown
  `yyyy-mm`, so that it sorts and filters as a date; other dates shown `yyyy-mm-dd`;
- number formats that both programs show as meant: money `#,##0.00`, percentages `0.00%`,
  ratios `0.0000`, other numbers with exactly the decimals they have (`#,##0.####` would show
  204307 as "204,307." with a stray point);
- a total as a formula over the cells it adds up (`Live`), so that the workbook stays live when
  a controller edits a line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from openpyxl.cell.cell import Cell, MergedCell
    from openpyxl.worksheet.worksheet import Worksheet

    SheetCell = Cell | MergedCell

MONEY_FORMAT = "#,##0.00"
# a part of a total the contract rounds only once (a class's advance before the inventory cap):
# its fractions of a cent shown, the cents always
EXACT_MONEY_FORMAT = "#,##0.00##"
PERCENT_FORMAT = "0.00%"
# percentage points: the cell holds the fraction times 100 (a format's % would write "%")
POINTS_FORMAT = '0.00" pts"'
RATIO_FORMAT = "0.0000"
WHOLE_FORMAT = "#,##0"
DATE_FORMAT = "yyyy-mm-dd"
MONTH_FORMAT = "yyyy-mm"
TEXT_FORMAT = "@"
NUMBER_FORMAT = "number"  # stands for "the decimals the value has" (`number_format_of`)
MOST_DECIMALS = 10  # beyond this a number is shown rounded; the cell keeps every digit

_MONTH_TEXT = re.compile(r"(?P<year>\d{4})-(?P<month>0[1-9]|1[0-2])")

Written = Decimal | date | str | None


def month_of(text: str) -> date | None:
    """The first day of the month a text like "2003-04" names; None for any other text."""
    found = _MONTH_TEXT.fullmatch(text)
    if found is None:
        return None
    return date(int(found["year"]), int(found["month"]), 1)


def number_format_of(value: Decimal) -> str:
    """A plain number shown with the decimals it has: 204307 as 204,307 and 3.59 as 3.59."""
    exponent = value.normalize().as_tuple().exponent
    decimals = min(-exponent, MOST_DECIMALS) if isinstance(exponent, int) and exponent < 0 else 0
    return WHOLE_FORMAT if decimals == 0 else f"{WHOLE_FORMAT}.{'0' * decimals}"


def write_cell(cell: SheetCell, value: Written | int, number_format: str) -> None:
    """Write `value` into `cell` as a number, date or text, with `number_format`
    (`NUMBER_FORMAT`: the decimals the value has). A text is never read as a formula."""
    if isinstance(value, str) and (month := month_of(value)) is not None:
        cell.value = month
        cell.number_format = MONTH_FORMAT
        return
    cell.value = value
    if isinstance(value, str):
        # a text starting with "=" is a label, not a spreadsheet formula
        cell.data_type = "s"
        cell.number_format = TEXT_FORMAT
        return
    if isinstance(value, date):
        cell.number_format = DATE_FORMAT
        return
    if number_format == NUMBER_FORMAT:
        number_format = number_format_of(value) if isinstance(value, Decimal) else WHOLE_FORMAT
    cell.number_format = number_format


@dataclass(frozen=True)
class Live:
    """A figure as a spreadsheet formula, with the value the formula gives on the cells as
    written (computed exactly, so that a formula is written only when it gives the figure)."""

    formula: str  # without the leading "="
    value: Decimal
    inputs: tuple[str, ...] = ()  # the coordinates of the cells it reads

    def write(self, cell: SheetCell) -> None:
        cell.value = f"={self.formula}"


def column_sum(cells: Sequence[tuple[str, Decimal | None]]) -> Live:
    """SUM over cells of one column, by their coordinates, as one range when they are
    consecutive rows (blanks count as zero, as in the spreadsheet)."""
    coordinates = [c for c, _ in cells]
    rows = [int(re.sub(r"^[A-Z]+", "", c)) for c in coordinates]
    letters = {re.sub(r"\d+$", "", c) for c in coordinates}
    consecutive = len(letters) == 1 and rows == list(range(rows[0], rows[0] + len(rows)))
    if len(coordinates) > 1 and consecutive:
        spans = f"{coordinates[0]}:{coordinates[-1]}"
    else:
        spans = ",".join(coordinates)
    total = sum((v for _, v in cells if v is not None), Decimal(0))
    return Live(f"SUM({spans})", total, tuple(coordinates))


def lay_out(
    sheet: Worksheet,
    title: str,
    header_rows: int,
    *,
    landscape: bool,
    freeze_columns: int = 0,
) -> None:
    """Freeze the panes under the header (and left of `freeze_columns`), and set the page up:
    fit to the page's width, the header rows repeated on every page, the title and the page
    number in the page's header and footer."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.properties import PageSetupProperties

    sheet.freeze_panes = f"{get_column_letter(freeze_columns + 1)}{header_rows + 1}"
    sheet.print_title_rows = f"1:{header_rows}"
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages down as it takes
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_options.gridLines = False
    # "&" starts a code in a page header: a title's own ampersands are doubled
    header, footer = sheet.oddHeader, sheet.oddFooter
    assert header is not None and footer is not None  # a new sheet has both
    header.center.text = title.replace("&", "&&")
    footer.center.text = "Page &P of &N"
