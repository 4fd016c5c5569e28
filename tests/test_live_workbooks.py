"""Issue 17, live workbooks: every total and subtotal of each XLSX Pactum writes is a formula
over the cells above it that recomputes to the figure of `check --json`, to the cent; numbers
are numbers with formats Excel and LibreOffice show as meant; months are dates; each sheet has
its header frozen and a page set up for printing.

The formulas are recomputed by a small evaluator over openpyxl's cells
(`workbook_formula_support`: the forms Pactum writes, SUM over ranges and lists, +, -, *, MIN,
ROUND), in exact decimals; no spreadsheet engine (`formulas`, `pycel`, LibreOffice) is needed
to run the suite.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.worksheet.worksheet import Worksheet
from typer.testing import CliRunner

from pactum.cli import app
from report_support import EXAMPLE, agreement_json, check_json, to_cents, xlsx_cells
from workbook_formula_support import cell_value

AS_OF = "2003-11-30"
CERTIFICATE = f"borrowing-base-certificate-southtrust-abl-{AS_OF}.xlsx"
RENT_ROLL = f"rent-roll-windham-lease-{AS_OF}.xlsx"


def formulas_of(sheet: Worksheet) -> dict[str, str]:
    return {
        c.coordinate: c.value
        for row in sheet.iter_rows()
        for c in row
        if isinstance(c.value, str) and c.value.startswith("=")
    }


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("live") / "out"
    result = CliRunner().invoke(app, ["report", str(EXAMPLE), "--as-of", AS_OF, "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def findings() -> dict[str, Any]:
    return check_json(AS_OF)


def test_the_certificate_adds_up_with_formulas_to_the_cents_of_check(
    folder: Path, findings: dict[str, Any]
) -> None:
    cells = xlsx_cells(folder / CERTIFICATE)
    sheet = cells["availability"].parent
    values = agreement_json(findings, "southtrust-abl")["values"]
    live = {key for key, cell in cells.items() if str(cell.value).startswith("=")}
    assert live == {
        "receivables_eligible",  # gross less the eleven ineligible lines
        "inventory_eligible_total",  # gross inventory less its four deductions
        "receivables_advance",  # eligible x 85%
        "inventory_advance:general",  # each class's eligible x its rate
        "inventory_advance:bellsouth",
        "inventory_advance_before_cap",
        "inventory_advance",  # the lesser of the advances and the $20,000,000 cap
        "borrowing_base",
        "line_cap",
        "availability",
    }
    compared = live & set(values)
    assert len(compared) == 5
    for key in compared:
        assert to_cents(cell_value(sheet, cells[key].coordinate)) == values[key], key
    # by hand (README): 37,364,542.59 less 14,710,263.67 of ineligibles = 22,654,278.92;
    # x 0.85 = 19,256,137.082 -> 19,256,137.08; + inventory 13,933,333.17 = 33,189,470.25;
    # lesser of it and the 40,000,000 commitment; less 29,500,000 + 500,000 + 250,000
    hand = {
        "receivables_eligible": "22654278.92",
        "receivables_advance": "19256137.08",
        "inventory_advance": "13933333.17",
        "borrowing_base": "33189470.25",
        "line_cap": "33189470.25",
        "availability": "2939470.25",
    }
    for key, amount in hand.items():
        assert to_cents(cell_value(sheet, cells[key].coordinate)) == amount, key
    # each class advance is shown to the cent, 17,101,184.41 x 0.50 = 8,550,592.205 -> .21, and
    # a rounding line of -0.01 brings the two to the total the letter rounds once
    assert cell_value(sheet, cells["inventory_advance:general"].coordinate) == Decimal("8550592.21")
    # a controller's edit flows through: 1,000,000 more of concentration ineligibles (a
    # deduction is the positive amount taken off)
    concentration = cells["receivables_less_concentration"]
    concentration.value = float(cell_value(sheet, concentration.coordinate) + 1_000_000)
    assert to_cents(cell_value(sheet, cells["availability"].coordinate)) == "2089470.25"


def test_every_formula_of_every_workbook_gives_its_figure(folder: Path) -> None:
    checked = 0
    for path in sorted(folder.glob("*.xlsx")):
        cells = xlsx_cells(path)
        book = load_workbook(path)
        sheet = book.worksheets[0]
        by_coordinate = {c.coordinate: key for key, c in cells.items() if c.parent is sheet}
        trace = book["Trace"]
        traced = {row[0]: row[4] for row in trace.iter_rows(min_row=2, values_only=True)}
        for coordinate in formulas_of(sheet):
            computed = cell_value(sheet, coordinate)
            key = by_coordinate.get(coordinate)
            if key in traced:  # the value the engine computed, as the Trace sheet records it
                assert computed == Decimal(repr(traced[key])), (path.name, key)
            checked += 1
    assert checked >= 11  # the certificate's 9 and the rent roll's 5 column totals at least


def test_the_rent_roll_totals_are_sums_of_every_month(folder: Path) -> None:
    book = load_workbook(folder / RENT_ROLL)
    sheet = book.worksheets[0]
    totals = {c: f for c, f in formulas_of(sheet).items() if f.startswith("=SUM(")}
    # base rent, abatement, rent due, opex estimate and straight-line rent: April 2003 (the
    # commencement) to March 2009, 72 months, each a row of the grid
    assert len(totals) == 5
    for formula in totals.values():
        low_column, low_row, high_column, high_row = range_boundaries(formula[5:-1])
        assert low_row is not None and high_row is not None
        assert high_row - low_row + 1 == 72 and low_column == high_column
    # straight-line rent spreads the scheduled payments over the term: it totals what the
    # base rent due does, to the cent (no default in the example loses an abatement)
    heading_row = next(r for r in range(1, sheet.max_row) if sheet.cell(r, 1).value == "month")
    names = {
        sheet.cell(heading_row, c).value: get_column_letter(c)
        for c in range(1, sheet.max_column + 1)
    }
    total_row = heading_row + 73
    due = cell_value(sheet, f"{names['base rent due']}{total_row}")
    straight = cell_value(sheet, f"{names['straight line rent']}{total_row}")
    assert due == straight


def test_months_are_dates_and_numbers_show_as_meant(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "rent.xlsx"
    result = CliRunner().invoke(
        app, ["rent", str(EXAMPLE), "windham-lease", "--xlsx", str(out), "--as-of", AS_OF]
    )
    assert result.exit_code == 0, result.output
    sheet = load_workbook(out).worksheets[0]
    header = [c.value for c in sheet[1]]
    first: dict[Any, Any] = {name: sheet.cell(2, i) for i, name in enumerate(header, start=1)}
    assert first["month"].is_date and first["month"].number_format == "yyyy-mm"
    assert first["month"].value.date().isoformat() == "2003-04-01"
    assert first["due"].number_format == "yyyy-mm-dd"
    assert first["area_sf"].value == 204307 and first["area_sf"].number_format == "#,##0"
    assert first["rate_per_sf"].number_format == "#,##0.00"  # $3.59 a square foot
    assert first["base_rent"].number_format == "#,##0.00"
    assert first["proportionate_share"].number_format == "0.00%"
    last = sheet.max_row
    assert sheet.cell(last, 1).value == "total"
    base_rent = header.index("base_rent") + 1
    total = sheet.cell(last, base_rent)
    letter = get_column_letter(base_rent)
    assert total.value == f"=SUM({letter}2:{letter}{last - 1})"
    csv = CliRunner().invoke(
        app,
        [
            "rent",
            str(EXAMPLE),
            "windham-lease",
            "--as-of",
            AS_OF,
            "--csv",
            str(tmp_path / "rent.csv"),
        ],
    )
    assert csv.exit_code == 0
    csv_total = (tmp_path / "rent.csv").read_text().splitlines()[-1].split(",")
    assert to_cents(cell_value(sheet, total.coordinate)) == csv_total[header.index("base_rent")]
    assert sheet.freeze_panes == "B2"
    assert sheet.print_title_rows == "$1:$1"
    assert sheet.page_setup.orientation == "landscape"
    for path in folder.glob("*.xlsx"):
        for page in load_workbook(path).worksheets:
            formats = {c.number_format for row in page.iter_rows() for c in row}
            assert not any(f.endswith(".####") or f.endswith(".") for f in formats), path.name
            assert page.freeze_panes in ("A5", "A2"), (path.name, page.title)
            fit = page.sheet_properties.pageSetUpPr
            assert fit is not None and fit.fitToPage, (path.name, page.title)
            assert page.page_setup.fitToWidth == 1 and page.page_setup.fitToHeight == 0
            assert page.print_title_rows in ("$1:$4", "$1:$1"), (path.name, page.title)


def test_source_date_epoch_stamps_the_workbook(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "rent.xlsx"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14T22:13:20Z
    result = CliRunner().invoke(
        app, ["rent", str(EXAMPLE), "windham-lease", "--xlsx", str(out), "--as-of", AS_OF]
    )
    assert result.exit_code == 0, result.output
    properties = load_workbook(out).properties
    assert properties.created is not None
    assert properties.created.isoformat().startswith("2023-11-14T22:13:20")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")  # not seconds: the as-of date stands
    result = CliRunner().invoke(
        app, ["rent", str(EXAMPLE), "windham-lease", "--xlsx", str(out), "--as-of", AS_OF]
    )
    assert result.exit_code == 0, result.output
    created = load_workbook(out).properties.created
    assert created is not None and created.isoformat().startswith("2003-11-30T00:00:00")
