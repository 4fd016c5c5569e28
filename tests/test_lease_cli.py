"""`pactum rent`: the Windham rent roll in the terminal, as CSV and as XLSX.

April to August 2003, by hand (installment 3.59 x 204,307 / 12 = 61,121.84):

    month    abatement   rent due
    2003-04  16,185.81   44,936.03
    2003-05   8,092.91   53,028.93
    2003-06   8,092.91   53,028.93
    2003-07   8,092.91   53,028.93
    2003-08       0.00   61,121.84
    total    40,464.54  265,144.66   (base rent 5 x 61,121.84 = 305,609.20)
"""

from __future__ import annotations

import csv
import re
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from typer.testing import CliRunner, Result

from bad_input_support import one_error
from conftest import lease_events
from pactum.cli import app
from workbook_formula_support import cell_value

COLUMNS = [
    "month",
    "due",
    "lease_year",
    "rate_per_sf",
    "area_sf",
    "annual_base_rent",
    "base_rent",
    "abatement",
    "base_rent_due",
    "abatement_lost",
    "abated_by",
    "proportionate_share",
    "opex_estimate",
    "straight_line_rent",
    "deferred_rent_balance",
]
NUMERIC = [
    "rate_per_sf",
    "area_sf",
    "annual_base_rent",
    "base_rent",
    "abatement",
    "base_rent_due",
    "proportionate_share",
    "opex_estimate",
    "straight_line_rent",
    "deferred_rent_balance",
]
WINDOW = ["--from", "2003-04", "--to", "2003-08"]


def rent(example: Path, *args: str) -> Result:
    return CliRunner().invoke(app, ["rent", str(example), *args])


def read_csv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(newline="", encoding="utf-8") as stream:
        reader = csv.DictReader(stream)
        rows = list(reader)
        return list(reader.fieldnames or []), rows


# ---- CSV -----------------------------------------------------------------------------------


def test_csv_april_to_august_2003(example: Path, tmp_path: Path) -> None:
    out = tmp_path / "roll.csv"
    result = rent(example, "windham-lease", *WINDOW, "--csv", str(out))
    assert result.exit_code == 0, result.output
    header, rows = read_csv(out)
    assert header == COLUMNS
    months, total = rows[:-1], rows[-1]
    assert [r["month"] for r in months] == ["2003-04", "2003-05", "2003-06", "2003-07", "2003-08"]
    assert [r["due"] for r in months] == [f"2003-0{m}-01" for m in range(4, 9)]
    assert {r["lease_year"] for r in months} == {"year_1"}
    assert {Decimal(r["rate_per_sf"]) for r in months} == {Decimal("3.59")}
    assert {Decimal(r["area_sf"]) for r in months} == {Decimal(204307)}
    assert {Decimal(r["annual_base_rent"]) for r in months} == {Decimal("733462.13")}
    assert [Decimal(r["abatement"]) for r in months] == [
        Decimal("16185.81"),
        Decimal("8092.91"),
        Decimal("8092.91"),
        Decimal("8092.91"),
        Decimal("0.00"),
    ]
    assert [r["base_rent_due"] for r in months] == [
        "44936.03",  # 61,121.84 - 16,185.81
        "53028.93",  # 61,121.84 - 8,092.91
        "53028.93",
        "53028.93",
        "61121.84",
    ]
    assert [r["abatement_lost"] for r in months] == [""] * 5
    assert {Decimal(r["proportionate_share"]) for r in months} == {Decimal("0.4530")}
    assert {r["opex_estimate"] for r in months} == {"43035.00"}  # 95,000 x 0.4530
    # deferred rent: 65,327.00 - 44,936.03 = 20,390.97, then + 65,327.00 - 53,028.93 each
    # month: 32,689.04, 44,987.11, 57,285.18; August: + 65,327.00 - 61,121.84 = 61,490.34
    assert [r["deferred_rent_balance"] for r in months] == [
        "20390.97",
        "32689.04",
        "44987.11",
        "57285.18",
        "61490.34",
    ]
    assert total["month"] == "total"
    assert total["base_rent"] == "305609.20"  # 5 x 61,121.84
    assert total["abatement"] == "40464.54"  # 16,185.81 + 3 x 8,092.91
    assert total["base_rent_due"] == "265144.66"  # 44,936.03 + 3 x 53,028.93 + 61,121.84
    assert total["opex_estimate"] == "215175.00"  # 5 x 43,035.00
    assert total["straight_line_rent"] == "326635.00"  # 5 x 65,327.00
    # a balance and a rate do not add up
    assert total["deferred_rent_balance"] == ""
    assert total["rate_per_sf"] == "" and total["proportionate_share"] == ""
    # written whole: no temporary file is left beside it (the example copy shares tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([out.name, example.name])


def test_csv_window_by_days(example: Path, tmp_path: Path) -> None:
    # any day of a month brings in its month
    out = tmp_path / "roll.csv"
    result = rent(
        example, "windham-lease", "--from", "2003-04-15", "--to", "2003-08-31", "--csv", str(out)
    )
    assert result.exit_code == 0, result.output
    _, rows = read_csv(out)
    assert [r["month"] for r in rows[:-1]] == [
        "2003-04",
        "2003-05",
        "2003-06",
        "2003-07",
        "2003-08",
    ]
    assert rows[-1]["month"] == "total"


def test_whole_term_by_default(example: Path, tmp_path: Path) -> None:
    out = tmp_path / "roll.csv"
    assert rent(example, "windham-lease", "--csv", str(out)).exit_code == 0
    _, rows = read_csv(out)
    months, total = rows[:-1], rows[-1]
    assert len(months) == 72  # April 2003 to March 2009
    assert (months[0]["month"], months[-1]["month"]) == ("2003-04", "2009-03")
    # 12 x (61,121.84 + 62,994.66 + 64,867.47 + 66,740.29 + 68,783.36 + 70,826.43) - 40,464.54
    assert total["base_rent_due"] == "4703544.06"
    assert total["straight_line_rent"] == "4703544.06"  # 71 x 65,327.00 + 65,327.06
    assert months[-1]["straight_line_rent"] == "65327.06"
    assert months[-1]["deferred_rent_balance"] == "0.00"


def test_default_in_june_in_the_csv(example: Path, tmp_path: Path) -> None:
    events = lease_events("2003-06-10 default", "2003-06-20 cure")
    (example / "facts" / "events.yaml").write_text(events, encoding="utf-8")
    out = tmp_path / "roll.csv"
    result = rent(example, "windham-lease", *WINDOW, "--csv", str(out))
    assert result.exit_code == 0, result.output
    _, rows = read_csv(out)
    by_month = {r["month"]: r for r in rows}
    june = by_month["2003-06"]
    assert Decimal(june["abatement"]) == 0
    assert june["base_rent_due"] == "61121.84"  # the whole installment
    assert "default" in june["abatement_lost"] and "2003-06-10" in june["abatement_lost"]
    for month in ("2003-04", "2003-05", "2003-07", "2003-08"):
        assert by_month[month]["abatement_lost"] == ""
    # 16,185.81 + 2 x 8,092.91 = 32,371.63 abated; 305,609.20 - 32,371.63 = 273,237.57 due
    assert by_month["total"]["abatement"] == "32371.63"
    assert by_month["total"]["base_rent_due"] == "273237.57"


def test_a_default_after_the_as_of_date_does_not_apply(example: Path, tmp_path: Path) -> None:
    events = lease_events("2003-06-10 default", "2003-06-20 cure")
    (example / "facts" / "events.yaml").write_text(events, encoding="utf-8")
    out = tmp_path / "roll.csv"
    result = rent(example, "windham-lease", *WINDOW, "--as-of", "2003-06-05", "--csv", str(out))
    assert result.exit_code == 0, result.output
    _, rows = read_csv(out)
    june = next(r for r in rows if r["month"] == "2003-06")
    assert (june["abatement"], june["base_rent_due"]) == ("8092.91", "53028.93")


def test_lease_liability_column(example: Path, tmp_path: Path) -> None:
    out = tmp_path / "roll.csv"
    result = rent(
        example,
        "windham-lease",
        "--from",
        "2009-02",
        "--to",
        "2009-03",
        "--discount-rate",
        "0.12",
        "--as-of",
        "2009-02-01",
        "--csv",
        str(out),
    )
    assert result.exit_code == 0, result.output
    header, rows = read_csv(out)
    assert header == [*COLUMNS, "lease_liability"]
    # before February's payment: 70,826.43 + 70,826.43 / 1.01 = 140,951.61; before March's:
    # 70,826.43
    assert [r["lease_liability"] for r in rows] == ["140951.61", "70826.43", ""]
    # the liability at the as-of date, 2/1/09: the same two payments
    assert "$140,951.61" in result.stdout
    assert "2 remaining payments" in result.stdout
    assert "$141,652.86" in result.stdout  # undiscounted, 2 x 70,826.43


def test_terminal_table(example: Path) -> None:
    result = rent(example, "windham-lease", *WINDOW)
    assert result.exit_code == 0, result.output
    assert "265,144.66" in result.stdout
    assert "40,464.54" in result.stdout
    # the lease year in words on screen (the CSV keeps the sheet's id, year_1, for machines)
    assert "year_1" not in result.stdout
    april = next(line for line in result.stdout.splitlines() if line.startswith("2003-04"))
    assert "Lease year 1" in april


def test_csv_money_cells_have_two_decimals(example: Path, tmp_path: Path) -> None:
    out = tmp_path / "roll.csv"
    assert rent(example, "windham-lease", *WINDOW, "--csv", str(out)).exit_code == 0
    _, rows = read_csv(out)
    money = [
        "annual_base_rent",
        "base_rent",
        "abatement",
        "base_rent_due",
        "opex_estimate",
        "straight_line_rent",
        "deferred_rent_balance",
    ]
    for row in rows:
        for name in money:
            assert row[name] == "" or re.fullmatch(r"-?\d+\.\d\d", row[name]), (row["month"], name)
    # August 2003 has no abatement: 0.00
    assert rows[4]["abatement"] == "0.00"


# ---- XLSX ----------------------------------------------------------------------------------


def test_xlsx_matches_the_csv(example: Path, tmp_path: Path) -> None:
    csv_out, xlsx_out = tmp_path / "roll.csv", tmp_path / "roll.xlsx"
    assert rent(example, "windham-lease", *WINDOW, "--csv", str(csv_out)).exit_code == 0
    result = rent(example, "windham-lease", *WINDOW, "--xlsx", str(xlsx_out))
    assert result.exit_code == 0, result.output
    _, csv_rows = read_csv(csv_out)

    book = load_workbook(xlsx_out)
    assert "Sources" in book.sheetnames
    sheet = book.worksheets[0]
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert values[0] == COLUMNS
    assert len(values) == 1 + 5 + 1  # header, five months, total
    for number, (cells, expected) in enumerate(zip(values[1:], csv_rows, strict=True), start=2):
        row = dict(zip(COLUMNS, cells, strict=True))
        # a month is a date cell shown yyyy-mm; the totals row's figures are live formulas
        month = row["month"]
        assert (month.strftime("%Y-%m") if isinstance(month, datetime) else month) == expected[
            "month"
        ]
        for name in NUMERIC:
            cell = row[name]
            if expected[name] == "":
                assert cell is None, (expected["month"], name)
                continue
            coordinate = f"{get_column_letter(COLUMNS.index(name) + 1)}{number}"
            assert not isinstance(cell, str) or cell.startswith("="), (expected["month"], name)
            assert cell_value(sheet, coordinate).quantize(Decimal("0.01")) == Decimal(
                expected[name]
            ).quantize(Decimal("0.01")), (expected["month"], name)
        if expected["due"]:
            assert isinstance(row["due"], datetime)
            assert row["due"].date().isoformat() == expected["due"]
    total = f"{get_column_letter(COLUMNS.index('base_rent_due') + 1)}{len(values)}"
    assert cell_value(sheet, total) == Decimal("265144.66")

    sources = [list(row) for row in book["Sources"].iter_rows(values_only=True)]
    assert sources[0] == ["term", "source"]
    cited = {str(term): str(source) for term, source in sources[1:]}
    assert "1st Lease Year $3.59 per square foot" in cited["year_1 rate 3.59 per sf"]


# ---- bad usage -----------------------------------------------------------------------------


def test_both_csv_and_xlsx(example: Path, tmp_path: Path) -> None:
    csv_out, xlsx_out = tmp_path / "roll.csv", tmp_path / "roll.xlsx"
    result = rent(example, "windham-lease", "--csv", str(csv_out), "--xlsx", str(xlsx_out))
    line = one_error(result)
    assert "--csv" in line and "--xlsx" in line
    assert not csv_out.exists() and not xlsx_out.exists()


@pytest.mark.parametrize(("agreement", "kind"), [("southtrust-abl", "revolver"), ("nosuch", "")])
def test_not_a_lease(example: Path, agreement: str, kind: str) -> None:
    line = one_error(rent(example, agreement))
    assert agreement in line and kind in line
    assert "windham-lease" in line  # what it could have been


@pytest.mark.parametrize("option", ["--from", "--to"])
@pytest.mark.parametrize("written", ["April", "2003-13", "2003-04-31", "03/2003", "20030401"])
def test_bad_month(example: Path, tmp_path: Path, option: str, written: str) -> None:
    out = tmp_path / "roll.csv"
    line = one_error(rent(example, "windham-lease", option, written, "--csv", str(out)))
    assert option in line and written in line and "YYYY-MM" in line
    assert not out.exists()


@pytest.mark.parametrize("written", ["abc", "6%", "1.5", "-0.01"])
def test_bad_discount_rate(example: Path, tmp_path: Path, written: str) -> None:
    out = tmp_path / "roll.csv"
    line = one_error(rent(example, "windham-lease", "--discount-rate", written, "--csv", str(out)))
    assert "--discount-rate" in line and written in line
    assert not out.exists()


def test_bad_as_of(example: Path) -> None:
    line = one_error(rent(example, "windham-lease", "--as-of", "2003-02-30"))
    assert "--as-of" in line and "2003-02-30" in line


def test_from_after_to(example: Path, tmp_path: Path) -> None:
    out = tmp_path / "roll.csv"
    line = one_error(
        rent(example, "windham-lease", "--from", "2004-05", "--to", "2004-04", "--csv", str(out))
    )
    assert "--from" in line and "2004-05" in line and "2004-04" in line
    assert not out.exists()
