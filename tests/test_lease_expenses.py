"""What a tenant pays of building expenses by pool, worked out by hand: a base year, a 5%
cap on controllable expenses (not cumulative, or cumulative with and without compounding), and
Cedar's two shares (100% of operating costs, 93.1% of real estate taxes over the Initial Real
Estate Taxes). Expense figures are ILLUSTRATIVE, made up for the tests.

charge(Y) = round(max(0, counted(Y) - base) x the year's average monthly share), half-up;
estimate = round(max(0, estimated - base) / 12 x share); balance = charge - estimates billed.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from bad_input_support import assert_error, check, line_number, run
from test_lease_escalation import SHEET as BANK_SHEET
from test_lease_escalation import bank
from test_minimal_clauses import check_json, make_portfolio

SHARE = '        share: {value: 0.1687, assumed: "7,000 / 41,500 rentable square feet, 16.87%"}\n'


def bank_with(root: Path, pool: str, opex: str) -> tuple[Path, str]:
    folder, sheet = bank(
        root, edit=("    lease_years:\n", "    expenses:\n" + pool + "    lease_years:\n")
    )
    (folder / "facts" / "opex.csv").write_text(opex, encoding="utf-8")
    return folder, sheet


# ---- a base year ----------------------------------------------------------------------------

BASE_YEAR = (
    "      - pool: operating\n"
    + SHARE
    + "        base_year: {value: 2016, assumed: a base-year lease for the test}\n"
)
BASE_OPEX = "year,estimated,actual\n2016,480000.00,500000.00\n2017,530000.00,540000.00\n"


def test_a_base_year_tenant_pays_its_share_of_the_excess(tmp_path: Path) -> None:
    folder, _ = bank_with(tmp_path / "bank", BASE_YEAR, BASE_OPEX)
    found = check_json(folder, "--as-of", "2018-01-15")
    values = found["values"]
    # 2017: 540,000 - 500,000 (the base year's) = 40,000 x 0.1687 = 6,748.00
    assert values["expenses_operating_charge"] == "6748.00"
    # estimates: (530,000 - 500,000) / 12 = 2,500 x 0.1687 = 421.75 a month, 5,061.00 billed
    # balance 6,748.00 - 5,061.00 = +1,687.00 owed by the tenant
    assert values["expenses_operating_reconciliation"] == "1687.00"
    assert found["traces"]["expenses_operating_charge"]["inputs"]["excess"] == "40000.00"


def test_the_base_year_itself_costs_nothing(tmp_path: Path) -> None:
    folder, _ = bank_with(tmp_path / "bank", BASE_YEAR, BASE_OPEX)
    values = check_json(folder, "--as-of", "2017-03-01")["values"]
    assert values["expenses_operating_charge"] == "0.00"  # 2016 over 2016: no excess
    assert values["expenses_operating_estimate"] == "421.75"


def test_no_payments_before_the_pool_starts(tmp_path: Path) -> None:
    start = "        payments_start: {value: 2017-07-01, assumed: six months free for the test}\n"
    folder, _ = bank_with(tmp_path / "bank", BASE_YEAR + start, BASE_OPEX)
    values = check_json(folder, "--as-of", "2018-01-15")["values"]
    # six months at 0.1687 of twelve: average 0.08435; 40,000 x 0.08435 = 3,374.00;
    # billed 6 x 421.75 = 2,530.50; balance 843.50
    assert values["expenses_operating_charge"] == "3374.00"
    assert values["expenses_operating_reconciliation"] == "843.50"


# ---- a cap on controllable expenses ---------------------------------------------------------

CAP_OPEX = (
    "year,estimated,actual,category\n"
    "2016,50000.00,50000.00,operating\n"
    "2017,50000.00,50000.00,operating\n"
    "2018,50000.00,50000.00,operating\n"
    "2016,100000.00,100000.00,controllable\n"
    "2017,100000.00,102000.00,controllable\n"
    "2018,100000.00,112000.00,controllable\n"
)
NON_CUMULATIVE = '{value: false, cite: "five (5%) percent non-cumulative"}'


def capped(cumulative: str, compounding: str = "") -> str:
    return (
        "      - pool: operating\n"
        + SHARE
        + "        controllable_cap:\n"
        + '          rate: {value: 0.05, cite: "five (5%) percent non-cumulative"}\n'
        + f"          cumulative: {cumulative}\n"
        + (f"          compounding: {compounding}\n" if compounding else "")
    )


CUMULATIVE = "{value: true, assumed: the same figures under a cumulative cap}"


@pytest.mark.parametrize(
    ("pool", "as_of", "charge", "limit"),
    [
        # 2017 under every cap: limit 100,000 x 1.05 = 105,000, so all of 102,000 counts;
        # (50,000 + 102,000) x 0.1687 = 25,642.40
        (capped(NON_CUMULATIVE), "2018-01-15", "25642.40", "105000.00"),
        (capped(CUMULATIVE), "2018-01-15", "25642.40", "105000.00"),
        # 2018, not cumulative: the limit is 2017's counted 102,000 x 1.05 = 107,100;
        # (50,000 + 107,100) x 0.1687 = 26,502.77
        (capped(NON_CUMULATIVE), "2019-01-15", "26502.77", "107100.00"),
        # 2018, cumulative and compounding: 100,000 x 1.05^2 = 110,250 (2017's unused room
        # carries forward); (50,000 + 110,250) x 0.1687 = 27,034.175 -> 27,034.18
        (capped(CUMULATIVE), "2019-01-15", "27034.18", "110250.00"),
        # 2018, cumulative, not compounding: 100,000 x (1 + 2 x 0.05) = 110,000;
        # 160,000 x 0.1687 = 26,992.00
        (
            capped(CUMULATIVE, "{value: false, assumed: simple interest for the test}"),
            "2019-01-15",
            "26992.00",
            "110000.00",
        ),
    ],
)
def test_a_cap_on_controllable_expenses(
    tmp_path: Path, pool: str, as_of: str, charge: str, limit: str
) -> None:
    folder, _ = bank_with(tmp_path / "bank", pool, CAP_OPEX)
    found = check_json(folder, "--as-of", as_of)
    assert found["values"]["expenses_operating_charge"] == charge
    assert found["traces"]["expenses_operating_charge"]["inputs"]["controllable_limit"] == limit


def test_expenses_under_the_cap_count_in_full(tmp_path: Path) -> None:
    opex = CAP_OPEX.replace("2018,100000.00,112000.00", "2018,100000.00,104000.00")
    folder, _ = bank_with(tmp_path / "bank", capped(NON_CUMULATIVE), opex)
    # 104,000 is under 107,100: (50,000 + 104,000) x 0.1687 = 25,979.80
    found = check_json(folder, "--as-of", "2019-01-15")
    assert found["values"]["expenses_operating_charge"] == "25979.80"


def test_the_rent_roll_shows_estimates_and_the_reconciliation(tmp_path: Path) -> None:
    folder, _ = bank_with(tmp_path / "bank", BASE_YEAR, BASE_OPEX)
    out = tmp_path / "roll.csv"
    result = run("rent", str(folder), "bank-lease", "--csv", str(out), "--as-of", "2018-06-30")
    assert result.exit_code == 0, result.output
    rows = {r["month"]: r for r in csv.DictReader(out.open())}
    assert rows["2017-05"]["operating_estimate"] == "421.75"
    assert rows["2018-01"]["operating_charge"] == "6748.00"
    assert rows["2018-01"]["operating_reconciliation"] == "1687.00"
    assert rows["2017-05"]["operating_reconciliation"] == ""


# ---- Cedar: two shares ----------------------------------------------------------------------

CEDAR = """\
id: cedar-lease
title: District of Columbia lease of 3924 Minnesota Avenue NE
document: documents/cedar-dc-dgs-lease-2020.txt
dated: {value: 2020-07-23, assumed: the Lease Commencement Date}
parties: ["Cedar-Senator Square, LLC (Landlord)", District of Columbia (Tenant)]
calendar: {country: US, subdiv: DC}
clauses:
  - id: lease
    type: lease
    spaces:
      - id: premises
        area: {value: 239800, cite: "239,800 RSF"}
        in_premises_from: {value: 2021-01-01, assumed: a Rent Commencement Date for the test}
    expenses:
      - pool: operating
        share: {value: 1.00, cite: "For Operating Costs: 100%"}
        base_amount: {value: 2062280.00, cite: "$2,062,280.00"}
      - pool: taxes
        share: {value: 0.931, cite: "For Real Estate Taxes: 93.1%"}
        base_amount: {value: 2690556.00, cite: "$2,690,556.00"}
    lease_years:
      - id: year_1
        start: {value: 2021-01-01, assumed: a Rent Commencement Date for the test}
        end: {value: 2021-12-31, assumed: a Rent Commencement Date for the test}
        rate: {value: 22.52, cite: "$22.52"}
      - id: year_2
        start: {value: 2022-01-01, assumed: a Rent Commencement Date for the test}
        end: {value: 2022-12-31, assumed: a Rent Commencement Date for the test}
        increase: {value: 0.025, assumed: Exhibit E's 2.5% steps (not in the excerpt)}
    rent_due_day: {value: 1, assumed: the first of each month}
"""

CEDAR_OPEX = (
    "year,estimated,actual,category\n"
    "2021,2062280.00,2200000.00,operating\n"
    "2022,2062280.00,,operating\n"
    "2021,2690556.00,2900000.00,taxes\n"
    "2022,2690556.00,,taxes\n"
)


def cedar(root: Path, sheet: str = CEDAR) -> Path:
    return make_portfolio(
        root,
        "District of Columbia",
        "2022-06-30",
        "cedar-dc-dgs-lease-2020.txt",
        sheet,
        {"opex.csv": CEDAR_OPEX},
    )


def test_cedar_operating_costs_and_taxes_at_their_own_shares(tmp_path: Path) -> None:
    values = check_json(cedar(tmp_path / "cedar"))["values"]
    assert values["expenses_operating_share"] == "100.00"
    assert values["expenses_taxes_share"] == "93.10"
    # operating: 2,200,000 - 2,062,280 = 137,720 x 1.00 = 137,720.00
    assert values["expenses_operating_charge"] == "137720.00"
    # taxes: 2,900,000 - 2,690,556 = 209,444 x 0.931 = 194,992.364 -> 194,992.36
    assert values["expenses_taxes_charge"] == "194992.36"
    # estimated at the base: no estimate billed, the balance is the charge
    assert values["expenses_taxes_estimate"] == "0.00"
    assert values["expenses_taxes_reconciliation"] == "194992.36"


# ---- an expense stop ------------------------------------------------------------------------

BUILDING = (
    "    building_area: {value: 41500, assumed: "
    '"7,000 + 34,500 rentable square feet, the building of section 1"}\n'
)
STOP = (
    "      - pool: operating\n"
    + SHARE
    + "        stop_per_sf: {value: 12.00, assumed: an expense stop of $12.00 for the test}\n"
)


def test_an_expense_stop_on_the_buildings_area(tmp_path: Path) -> None:
    folder, _ = bank(
        tmp_path / "bank",
        edit=("    lease_years:\n", BUILDING + "    expenses:\n" + STOP + "    lease_years:\n"),
    )
    (folder / "facts" / "opex.csv").write_text(BASE_OPEX, encoding="utf-8")
    values = check_json(folder, "--as-of", "2018-01-15")["values"]
    # the stop: 12.00 x 41,500 sf = 498,000.00; 2017: 540,000 - 498,000 = 42,000 x 0.1687 =
    # 7,085.40; estimates (530,000 - 498,000) / 12 = 2,666.6667 x 0.1687 = 449.8667 -> 449.87
    # a month, 12 x 449.87 = 5,398.44 billed; balance 7,085.40 - 5,398.44 = +1,686.96
    assert values["expenses_operating_charge"] == "7085.40"
    assert values["expenses_operating_reconciliation"] == "1686.96"
    # a month of 2017 bills that estimate
    assert (
        check_json(folder, "--as-of", "2017-05-01")["values"]["expenses_operating_estimate"]
        == "449.87"
    )


# ---- bad input ------------------------------------------------------------------------------


def test_a_base_year_outside_the_term(tmp_path: Path) -> None:
    sheet = CEDAR.replace(
        '        base_amount: {value: 2062280.00, cite: "$2,062,280.00"}\n',
        "        base_year: {value: 2019, assumed: a year before the term}\n",
    )
    folder = cedar(tmp_path / "cedar", sheet)
    assert_error(
        check(folder),
        folder,
        "agreements/sheet.yaml",
        unit="line",
        number=line_number(sheet, "value: 2019,"),
        field="lease.expenses.0.base_year",
        found=("2019", "outside the term"),
        expected=("2021", "2022"),
    )


def test_a_negative_cap_rate(tmp_path: Path) -> None:
    pool = capped(NON_CUMULATIVE).replace("value: 0.05,", "value: -0.05,")
    folder, sheet = bank_with(tmp_path / "bank", pool, CAP_OPEX)
    assert_error(
        check(folder),
        folder,
        "agreements/sheet.yaml",
        unit="line",
        number=line_number(sheet, "value: -0.05"),
        field="lease.expenses.0.controllable_cap.rate",
        found=("-0.05",),
        expected=("from 0 to 1",),
    )


def test_an_unknown_expense_category(tmp_path: Path) -> None:
    folder, _ = bank_with(tmp_path / "bank", BASE_YEAR, BASE_OPEX)
    (folder / "facts" / "opex.csv").write_text(
        "year,estimated,actual,category\n2016,1.00,1.00,insurance\n", encoding="utf-8"
    )
    assert_error(
        check(folder),
        folder,
        "facts/opex.csv",
        unit="row",
        number=2,
        field="category",
        found=("insurance",),
        expected=("operating", "controllable", "taxes"),
    )


assert "    lease_years:\n" in BANK_SHEET


def test_an_expense_stop_without_the_buildings_area(tmp_path: Path) -> None:
    folder, sheet = bank_with(tmp_path / "bank", STOP, BASE_OPEX)
    assert_error(
        check(folder),
        folder,
        "agreements/sheet.yaml",
        unit="line",
        number=line_number(sheet, "stop_per_sf:"),
        field="lease.expenses.0.stop_per_sf",
        found=("no building_area",),
        expected=("building_area",),
    )
