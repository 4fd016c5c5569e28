"""A space remeasured ("Landlord may remeasure ... the Rentable Area ... and Base Rent and
Tenant's Share shall be adjusted accordingly"): from its day the rent by area and a share of
areas follow the new area; a rent stated in dollars does not.

The lease: 10,000 sf at $24.00 a year per sf from 2024-01-01 to 2024-12-31, due on the 1st,
in a building of 50,000 sf, the share the premises' area over the building's:

    before       24.00 x 10,000 = 240,000.00 a year;  20,000.00 a month;  share 0.2
    remeasured   to 9,500 sf from Saturday 2024-03-16 (lowers the area):
                 24.00 x 9,500 = 228,000.00 a year;  19,000.00 a month;  share 0.19
    March 2024   1-15:  20,000.00 x 15 / 31 =  9,677.4193 ->  9,677.42
                 16-31: 19,000.00 x 16 / 31 =  9,806.4516 ->  9,806.45;  total 19,483.87
    April 2024   19,000.00, share 0.19 (on its due date)
    remeasured   again to 10,250 sf from 2024-06-10 (raises it): 246,000.00; 20,500.00 a month
    June 2024    1-9:   19,000.00 x 9 / 30  = 5,700.00;  10-30: 20,500.00 x 21 / 30 = 14,350.00;
                 total 20,050.00
"""

from __future__ import annotations

import csv
from datetime import date
from decimal import Decimal
from pathlib import Path

from bad_input_support import run
from lease_sheet_support import BASE_RENT, lease_sheet
from pactum.evaluate import check as evaluate
from pactum.findings import AgreementFindings
from pactum.portfolio import load_portfolio
from portfolio_support import assert_sheet_error, write_portfolio

DOCUMENT = """\
Premises: 10,000 rentable square feet. Annual Base Rent: $24.00 per rentable square foot.
Base Rent is payable monthly on the first day of each month. The Building contains 50,000
rentable square feet. Landlord may remeasure the Rentable Area of the Premises, and Base Rent
and Tenant's Share shall be adjusted accordingly.
"""

SHEET = """\
clauses:
  - id: lease
    type: lease
    spaces:
      - id: premises
        title: the Premises
        area: {value: 10000, cite: "10,000 rentable square feet"}
        in_premises_from: {value: 2024-01-01, assumed: illustrative}
        remeasured:
          - from: {value: 2024-03-16, assumed: illustrative remeasurement}
            area: {value: 9500, assumed: "illustrative: the landlord's remeasurement"}
REMEASURED_AGAIN
    building_area: {value: 50000, cite: "The Building contains 50,000"}
    share_of_areas: {value: true, assumed: "Tenant's Share adjusted accordingly: the areas' ratio"}
    lease_years:
      - id: year_1
        start: {value: 2024-01-01, assumed: illustrative}
        end: {value: 2024-12-31, assumed: illustrative}
        rate: {value: 24.00, cite: "$24.00 per rentable square foot"}
    rent_due_day: {value: 1, cite: "payable monthly on the first day of each month"}
"""

AGAIN = """\
          - from: {value: 2024-06-10, assumed: illustrative remeasurement}
            area: {value: 10250, assumed: "illustrative: remeasured again"}
"""


def _portfolio(folder: Path, again: bool = False, area: str = "9500") -> Path:
    sheet = SHEET.replace("REMEASURED_AGAIN\n", AGAIN if again else "").replace(
        "{value: 9500,", f"{{value: {area},"
    )
    return write_portfolio(folder, sheet, DOCUMENT, calendar="calendar: {country: US}\n")


def _found(folder: Path, as_of: date) -> AgreementFindings:
    return evaluate(load_portfolio(folder), as_of).agreement("deal")


def _roll(folder: Path) -> dict[str, dict[str, str]]:
    out = folder / "roll.csv"
    result = run("rent", str(folder), "deal", "--as-of", "2024-12-31", "--csv", str(out))
    assert result.exit_code == 0, result.output
    return {r["month"]: r for r in csv.DictReader(out.open(encoding="utf-8"))}


def test_a_mid_month_remeasurement_lowering_the_area_splits_the_month(tmp_path: Path) -> None:
    _portfolio(tmp_path)
    march = _found(tmp_path, date(2024, 3, 31))
    assert march.value("base_rent").value == Decimal("19483.87")
    trace = march.value("base_rent").trace
    assert trace is not None
    remeasured = dict(trace.inputs)["remeasured"]
    assert "the Premises 10,000 sf -> 9,500 sf from 2024-03-16" in remeasured
    assert "20000.00 x 15 / 31 = 9677.42" in remeasured
    assert "19000.00 x 16 / 31 = 9806.45" in remeasured
    april = _found(tmp_path, date(2024, 4, 30))
    assert april.value("base_rent").value == Decimal("19000.00")
    trace = april.value("base_rent").trace
    assert trace is not None
    assert dict(trace.inputs)["area"] == "9,500 sf"
    assert dict(trace.inputs)["remeasured"] == "the Premises 9,500 sf (remeasured from 2024-03-16)"


def test_the_roll_shows_the_area_change_in_its_month(tmp_path: Path) -> None:
    _portfolio(tmp_path, again=True)
    rows = _roll(tmp_path)
    assert rows["2024-02"]["base_rent"] == "20000.00"
    assert rows["2024-02"]["area_note"] == ""
    assert rows["2024-03"]["base_rent"] == "19483.87"
    assert "10,000 sf -> 9,500 sf from 2024-03-16" in rows["2024-03"]["area_note"]
    assert rows["2024-04"]["base_rent"] == "19000.00"
    # raised from June 10: 5,700.00 + 14,350.00
    assert rows["2024-06"]["base_rent"] == "20050.00"
    assert "9,500 sf -> 10,250 sf from 2024-06-10" in rows["2024-06"]["area_note"]
    assert rows["2024-07"]["base_rent"] == "20500.00"
    # the share of areas on each due date: 10,000 / 50,000, then 9,500 / 50,000, 10,250 / 50,000
    assert Decimal(rows["2024-03"]["proportionate_share"]) == Decimal("0.2")
    assert Decimal(rows["2024-04"]["proportionate_share"]) == Decimal("0.19")
    assert Decimal(rows["2024-07"]["proportionate_share"]) == Decimal("0.205")
    # 2 x 20,000 + 19,483.87 + 2 x 19,000 + 20,050 + 6 x 20,500 = 240,533.87
    assert rows["total"]["base_rent"] == "240533.87"


def test_a_rent_stated_in_dollars_does_not_follow_the_area(tmp_path: Path) -> None:
    remeasured = (
        "        remeasured:\n"
        "          - from: {value: 2024-03-16, assumed: illustrative remeasurement}\n"
        "            area: {value: 9500, assumed: illustrative}\n"
    )
    sheet = lease_sheet("2024-12-31").replace(
        "        in_premises_from: {value: 2024-01-01, assumed: illustrative}\n",
        "        in_premises_from: {value: 2024-01-01, assumed: illustrative}\n" + remeasured,
    )
    write_portfolio(tmp_path, sheet, BASE_RENT, calendar="calendar: {country: US}\n")
    march = _found(tmp_path, date(2024, 3, 31))
    assert march.value("base_rent").value == Decimal("10000.00")
    trace = march.value("base_rent").trace
    assert trace is not None
    assert "stated in dollars, is unchanged" in dict(trace.inputs)["remeasured"]


def test_a_non_positive_remeasured_area_is_refused(tmp_path: Path) -> None:
    _portfolio(tmp_path, area="0")
    assert_sheet_error(
        tmp_path,
        "area: {value: 0,",
        "lease.spaces.0.remeasured.0.area",
        ("0 sf",),
        ("a remeasured rentable area greater than 0",),
    )
