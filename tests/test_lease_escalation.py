"""Rent escalated by a published index: the Bank of South Carolina lease (2014), "the lesser
of: i. CPI, or ii. Three (3%) percent", the Monthly Base Rent for the prior year x Current Index
/ Beginning Index, each index "for the period ending nearest three (3) months prior to" the
commencement of the new and of the prior Lease Year, and only "If the Current Index is
increased over the Beginning Index".

The CPI-U series below is ILLUSTRATIVE, made up for the test (not the Bureau of Labor
Statistics' figures). Lease years from April 2015 (an assumed Rent Commencement Date), so each
new year's Current Index is for January and its Beginning Index for the January before.
Worked by hand, the new monthly rent rounded half-up to the cent, the fraction unrounded:

    year 1  2015-04  33.00 x 7,000 / 12                              = 19,250.00
    year 2  2016-04  244.800 / 240.000 = 1.02 (+2.0%)   19,250.00 x 1.02 = 19,635.00
    year 3  2017-04  253.368 / 244.800 = 1.035 (+3.5%), capped at 3%:
                                                        19,635.00 x 1.03 = 20,224.05
    year 4  2018-04  257.421 / 253.368 = 1.0159965 (+1.59965%):
                     20,224.05 x 257.421 / 253.368 = 20,547.5639     -> 20,547.56
    year 5  2019-04  256.000 / 257.421 < 1: no increase (floor 0)     = 20,547.56
    year 6  2020-04  no index for 2020-01: the escalation cannot be computed
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest

from bad_input_support import assert_error, check, line_number, run
from test_minimal_clauses import check_json, make_portfolio

SHEET = """\
id: bank-lease
title: Bank of South Carolina lease, Ingleside Boulevard
document: documents/bank-of-south-carolina-lease-2014.txt
dated: {value: 2014-01-28, assumed: the lease's date}
parties: [Weber USA Corporation (Landlord), The Bank of South Carolina (Tenant)]
calendar: {country: US, subdiv: SC}
clauses:
  - id: lease
    type: lease
    spaces:
      - id: suite_100
        area: {value: 7000, cite: "based upon 7,000 rentable square"}
        in_premises_from: {value: 2015-04-01, assumed: a Rent Commencement Date on a 1st}
    increase_on: {value: monthly, cite: "multiplying the Monthly Base Rent for the prior year by a fraction"}
    index_escalation:
      series: {value: CPI-U, cite: "Consumer Price Index for All Urban Consumers (CPI-U)"}
      lag_months: {value: 3, cite: "for the period ending nearest three (3) months prior to the date"}
      base_period: {value: prior_period, cite: "prior to the commencement of the prior Lease Year"}
      cap: {value: 0.03, cite: "the lesser of three (3%) percent or the CPI increase"}
      floor: {value: 0, assumed: "rent changes only 'If the Current Index is increased'"}
    lease_years:
@YEARS@    rent_due_day: {value: 1, cite: "monthly on the first day of each month"}
"""

INDEX = """\
series,month,value
CPI-U,2015-01,240.000
CPI-U,2016-01,244.800
CPI-U,2017-01,253.368
CPI-U,2018-01,257.421
CPI-U,2019-01,256.000
"""


def _years() -> str:
    lines = []
    for n in range(1, 7):
        lines.append(
            f"      - id: year_{n}\n"
            f"        start: {{value: {2014 + n}-04-01, assumed: Lease Years from April 2015}}\n"
            f"        end: {{value: {2015 + n}-03-31, assumed: Lease Years from April 2015}}\n"
        )
        if n == 1:
            lines.append(
                '        rate: {value: 33.00, cite: "Thirty-Three and No/100 ($33.00) Dollars"}\n'
            )
        else:
            lines.append(
                '        indexed: {value: true, cite: "Monthly Base Rent shall increase annually"}\n'
            )
    return "".join(lines)


def bank(root: Path, index: str = INDEX, edit: tuple[str, str] | None = None) -> tuple[Path, str]:
    sheet = SHEET.replace("@YEARS@", _years())
    if edit is not None:
        assert sheet.count(edit[0]) == 1
        sheet = sheet.replace(*edit)
    folder = make_portfolio(
        root,
        "The Bank of South Carolina",
        "2016-06-30",
        "bank-of-south-carolina-lease-2014.txt",
        sheet,
        {"index.csv": index},
    )
    return folder, sheet


@pytest.mark.parametrize(
    ("as_of", "installment"),
    [
        ("2015-04-01", "19250.00"),
        ("2016-03-31", "19250.00"),  # the last day of year 1
        ("2016-04-01", "19635.00"),  # +2%
        ("2017-04-01", "20224.05"),  # +3.5% capped at 3%
        ("2018-04-01", "20547.56"),  # +1.59965%, rounded at the new monthly rent
        ("2019-04-01", "20547.56"),  # the index fell: no decrease
    ],
)
def test_bank_cpi_escalation_capped_at_three_percent(
    tmp_path: Path, as_of: str, installment: str
) -> None:
    folder, _ = bank(tmp_path / "bank")
    found = check_json(folder, "--as-of", as_of)
    assert found["values"]["base_rent"] == installment


def test_the_trace_names_both_index_values_and_the_cap(tmp_path: Path) -> None:
    folder, _ = bank(tmp_path / "bank")
    trace = check_json(folder, "--as-of", "2017-04-01")["traces"]["base_rent"]
    assert trace["inputs"]["current_index"] == "253.368 (2017-01, index.csv:row 4)"
    assert trace["inputs"]["beginning_index"] == "244.800 (2016-01, index.csv:row 3)"
    assert trace["inputs"]["escalation"] == "0.03"
    assert "capped at 3.00%" in trace["formula"]
    assert "half-up to the cent" in trace["formula"]
    quotes = [s.get("quote") for s in trace["sources"]]
    assert "the lesser of three (3%) percent or the CPI increase" in quotes


def test_a_missing_index_is_a_warning_not_a_zero(tmp_path: Path) -> None:
    folder, _ = bank(tmp_path / "bank")
    found = check_json(folder, "--as-of", "2020-04-01")
    assert found["values"]["base_rent"] is None
    alerts = [a["message"] for a in found["alerts"] if a["severity"] == "warning"]
    assert any(
        "index escalation of lease year 6 cannot be computed" in a
        and "CPI-U index for 2020-01" in a
        for a in alerts
    ), alerts


def test_the_rent_roll_shows_each_escalation_with_its_index_values(tmp_path: Path) -> None:
    folder, _ = bank(tmp_path / "bank")
    out = tmp_path / "roll.csv"
    result = run("rent", str(folder), "bank-lease", "--csv", str(out))
    assert result.exit_code == 0, result.output
    rows: dict[str, dict[str, Any]] = {r["month"]: r for r in csv.DictReader(out.open())}
    assert rows["2015-04"]["escalation"] == ""  # year 1 states its rent
    assert (rows["2017-04"]["index_current"], rows["2017-04"]["index_beginning"]) == (
        "253.368",
        "244.800",
    )
    assert rows["2017-04"]["base_rent"] == "20224.05"
    assert rows["2018-03"]["base_rent"] == "20224.05"  # the year's rent until it ends
    assert rows["2019-04"]["escalation"] in ("0", "0.00", "0.0000")
    assert "no CPI-U index for 2020-01" in rows["2020-04"]["escalation_note"]
    # carried at the rent then being paid, flagged; not zero
    assert rows["2020-04"]["base_rent"] == "20547.56"


def test_a_base_month_fixed_in_the_lease(tmp_path: Path) -> None:
    # against a fixed base month, 2015-01 (240.000): year 3 is 19,250.00 x 253.368 / 240.000
    # = 20,321.8650, an increase of 3.499% over 19,635.00, capped: 19,635.00 x 1.03 = 20,224.05;
    # year 4: 19,250.00 x 257.421 / 240.000 = 20,647.3094, +2.09% over 20,224.05 -> 20,647.31
    edit = (
        '{value: prior_period, cite: "prior to the commencement of the prior Lease Year"}',
        "{value: 2015-01, assumed: a fixed base for the test}",
    )
    folder, _ = bank(tmp_path / "bank", edit=edit)
    found = check_json(folder, "--as-of", "2018-04-01")
    assert found["values"]["base_rent"] == "20647.31"
    again, _ = bank(tmp_path / "again", edit=edit)
    assert check_json(again, "--as-of", "2017-04-01")["values"]["base_rent"] == "20224.05"


def test_an_abatement_of_an_indexed_month_abates_the_indexed_rent(tmp_path: Path) -> None:
    # half the premises' base rent abated in an indexed month (no rate in force: the installment
    # x 3,500 / 7,000 sf): 2017-04, 20,224.05 / 2 = 10,112.025 -> 10,112.03 half-up, due
    # 10,112.02; 2020-04, whose index is missing, abates half the rent then being paid,
    # 20,547.56 / 2 = 10,273.78 on the roll, and the findings give no figure for it
    abatements = (
        "    abatements:\n"
        "      - month: {value: 2017-04, assumed: a test}\n"
        "        area: {value: 3500, assumed: a test}\n"
        "      - month: {value: 2020-04, assumed: a test}\n"
        "        area: {value: 3500, assumed: a test}\n"
    )
    edit = ("    rent_due_day:", abatements + "    rent_due_day:")
    folder, _ = bank(tmp_path / "bank", edit=edit)
    values = check_json(folder, "--as-of", "2017-04-01")["values"]
    assert (values["base_rent"], values["abatement"], values["base_rent_due"]) == (
        "20224.05",
        "10112.03",
        "10112.02",
    )
    assert check_json(folder, "--as-of", "2020-04-01")["values"]["abatement"] is None
    out = tmp_path / "roll.csv"
    result = run("rent", str(folder), "bank-lease", "--csv", str(out))
    assert result.exit_code == 0, result.output
    rows: dict[str, dict[str, Any]] = {r["month"]: r for r in csv.DictReader(out.open())}
    assert (rows["2020-04"]["abatement"], rows["2020-04"]["base_rent_due"]) == (
        "10273.78",
        "10273.78",
    )
    assert rows["2017-05"]["abatement"] == "0.00"


# ---- bad input -------------------------------------------------------------------------------


def test_an_escalation_with_no_base_period(tmp_path: Path) -> None:
    base = '      base_period: {value: prior_period, cite: "prior to the commencement of the prior Lease Year"}\n'
    folder, sheet = bank(tmp_path / "bank", edit=(base, ""))
    assert_error(
        check(folder),
        folder,
        "agreements/sheet.yaml",
        unit="line",
        number=line_number(sheet, "series: {value: CPI-U"),  # the mapping's first line
        field="lease.index_escalation",
        found=("no base_period",),
        expected=("prior_period", "year_before", "YYYY-MM"),
    )


def test_a_negative_cap(tmp_path: Path) -> None:
    edit = ("{value: 0.03, cite", "{value: -0.03, cite")
    folder, sheet = bank(tmp_path / "bank", edit=edit)
    assert_error(
        check(folder),
        folder,
        "agreements/sheet.yaml",
        unit="line",
        number=line_number(sheet, "value: -0.03"),
        field="lease.index_escalation.cap",
        found=("-0.03",),
        expected=("a fraction from 0 to 1",),
    )


def test_an_indexed_year_without_an_escalation(tmp_path: Path) -> None:
    start = SHEET.index("    index_escalation:")
    end = SHEET.index("    lease_years:")
    folder, sheet = bank(tmp_path / "bank", edit=(SHEET[start:end], ""))
    assert_error(
        check(folder),
        folder,
        "agreements/sheet.yaml",
        unit="line",
        number=line_number(sheet, "2016-04-01, assumed") + 2,
        field="lease.lease_years.1.indexed",
        found=("no index_escalation",),
        expected=("index_escalation",),
    )


@pytest.mark.parametrize(
    ("row", "field", "found", "expected"),
    [
        ("CPI-U,2020-13,250.0", "month", "2020-13", "YYYY-MM"),
        ("CPI-U,2020-01,0", "value", "0", "above 0"),
        ("CPI-U,2020-01,abc", "value", "abc", "decimal"),
        ("CPI-U,2019-01,256.5", "series,month", "duplicate of row 6", "one row per"),
    ],
)
def test_a_bad_index_row(tmp_path: Path, row: str, field: str, found: str, expected: str) -> None:
    folder, _ = bank(tmp_path / "bank", index=INDEX + row + "\n")
    assert_error(
        check(folder),
        folder,
        "facts/index.csv",
        unit="row",
        number=7,
        field=field,
        found=(found,),
        expected=(expected,),
    )


def test_the_beginning_index_of_a_mid_month_period_is_its_first_full_months() -> None:
    """A first lease year from March 16, 2015 "shall commence on the first day of the
    succeeding month": year 2 (April 1, 2016) compares January 2016 with January 2015, three
    months before April 1, 2015, not December 2014."""
    from datetime import date

    from pactum.kinds.lease.escalation import index_months
    from pactum.kinds.lease.schema import IndexEscalation

    terms = IndexEscalation.model_validate(
        {
            "series": {"value": "CPI-U", "assumed": "t"},
            "lag_months": {"value": 3, "assumed": "t"},
            "base_period": {"value": "prior_period", "assumed": "t"},
        }
    )
    assert index_months(terms, date(2016, 4, 1), date(2015, 3, 16)) == (
        date(2016, 1, 1),
        date(2015, 1, 1),
    )
    assert index_months(terms, date(2016, 4, 1), date(2015, 4, 1)) == (
        date(2016, 1, 1),
        date(2015, 1, 1),
    )
