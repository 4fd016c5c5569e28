"""Rent as leases write it, from the corpus texts, against figures worked out by hand.

Novavax (1 Taft Court, 1995): "($158,530.50)" a year in monthly installments of
"($13,210.88)", "adjusted at the end of each year ... by a 3% increase over the rent then being
paid". The increase is on the annual dollars, each step rounded half-up to the cent:

    year 1  158,530.50                       / 12 = 13,210.875  -> 13,210.88
    year 2  158,530.50 x 1.03 = 163,286.415  -> 163,286.42 / 12 = 13,607.2017 -> 13,607.20
    year 3  163,286.42 x 1.03 = 168,185.0126 -> 168,185.01 / 12 = 14,015.4175 -> 14,015.42
    year 4  168,185.01 x 1.03 = 173,230.5603 -> 173,230.56 / 12 = 14,435.88
    year 5  173,230.56 x 1.03 = 178,427.4768 -> 178,427.48 / 12 = 14,868.9567 -> 14,868.96

On the monthly installment instead (`increase_on: monthly`): 13,210.88 x 1.03 = 13,607.2064
-> 13,607.21; x 1.03 = 14,015.4263 -> 14,015.43: a cent apart, the rounding point decides.

Bank of South Carolina (2014): "$33.00 per rentable square feet ... based upon 7,000 rentable
square feet ... ($231,000.00) Dollars annually, payable ... ($19,250.00) Dollars monthly":
33.00 x 7,000 = 231,000.00 / 12 = 19,250.00, and as a monthly rate 2.75 x 7,000 = 19,250.00.

Exicure (2020), Exhibit E by lease months from a Delivery Date taken as Tuesday, September 15,
2020 (month 1 is October 2020, the first full calendar month; September is prorated "by ... the
number of days"): 92,762.08 x 16 / 30 = 49,473.1093 -> 49,473.11; month 13 is October 2021.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bad_input_support import assert_error, check, line_number
from test_minimal_clauses import LEASE as EXICURE
from test_minimal_clauses import check_json, make_portfolio

NOVAVAX = """\
id: novavax-lease
title: Novavax lease of 1 Taft Court, Rockville
document: documents/novavax-lease-1995.txt
dated: {value: 1995-03-30, assumed: the lease is made this 30 day of March 1995}
parties: [W.M. Rickman Construction Co. (Landlord), DynCorp Advanced Technology Services (Tenant)]
calendar: {country: US, subdiv: MD}
clauses:
  - id: lease
    type: lease
    spaces:
      - id: premises
        area: {value: 11743, cite: "11,743 square feet of space"}
        in_premises_from: {value: 1995-04-01, cite: "commencing on the 1st day of April, 1995"}
    increase_on: {value: annual, assumed: "the 3% is on the annual minimum rent"}
    lease_years:
      - id: year_1
        start: {value: 1995-04-01, cite: "commencing on the 1st day of April, 1995"}
        end: {value: 1996-03-31, assumed: each year runs April to March}
        annual: {value: 158530.50, cite: "($158,530.50)"}
@LATER@    rent_due_day: {value: 1, cite: "due and payable on the 1st day of each calendar month"}
"""

ESCALATION = "by a 3% increase over the rent then being paid"


def _later_years() -> str:
    return "".join(
        f"      - id: year_{n}\n"
        f"        start: {{value: {1994 + n}-04-01, assumed: each year runs April to March}}\n"
        f"        end: {{value: {1995 + n}-03-31, assumed: each year runs April to March}}\n"
        f'        increase: {{value: 0.03, cite: "{ESCALATION}"}}\n'
        for n in range(2, 6)
    )


def novavax(root: Path, edit: str = "") -> Path:
    sheet = NOVAVAX.replace("@LATER@", _later_years())
    if edit:
        sheet = sheet.replace("value: annual, assumed", f"value: {edit}, assumed")
    return make_portfolio(root, "Novavax, Inc.", "1995-04-01", "novavax-lease-1995.txt", sheet, {})


@pytest.mark.parametrize(
    ("as_of", "installment"),
    [
        ("1995-04-01", "13210.88"),
        ("1996-03-31", "13210.88"),
        ("1996-04-01", "13607.20"),
        ("1997-04-15", "14015.42"),
        ("1998-04-01", "14435.88"),
        ("2000-03-31", "14868.96"),
    ],
)
def test_novavax_three_percent_on_the_dollars(tmp_path: Path, as_of: str, installment: str) -> None:
    found = check_json(novavax(tmp_path / "novavax"), "--as-of", as_of)
    assert found["values"]["base_rent"] == installment


def test_novavax_increase_trace_names_the_step_and_its_rounding(tmp_path: Path) -> None:
    found = check_json(novavax(tmp_path / "novavax"), "--as-of", "1997-04-01")
    trace = found["traces"]["base_rent"]
    assert trace["formula"].startswith("round(round(163286.42 x 1.03) / 12)")
    assert trace["inputs"]["annual"] == "168185.01"
    quotes = [s.get("quote") for s in trace["sources"]]
    assert ESCALATION in quotes and "($158,530.50)" in quotes
    # the lease year's obligation says how the rent changes
    later = check_json(novavax(tmp_path / "again"), "--as-of", "1996-01-01")
    starts = [o["what"] for o in later["obligations"] if o["id"] == "lease-year-2"]
    assert starts == ["Lease year 2 begins: base rent 3.00% over the rent then being paid"]


@pytest.mark.parametrize(
    ("as_of", "installment"), [("1996-04-01", "13607.21"), ("1997-04-01", "14015.43")]
)
def test_increase_on_the_monthly_installment(tmp_path: Path, as_of: str, installment: str) -> None:
    found = check_json(novavax(tmp_path / "novavax", "monthly"), "--as-of", as_of)
    assert found["values"]["base_rent"] == installment


BANK = """\
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
    lease_years:
      - id: year_1
        start: {value: 2015-04-01, assumed: a Rent Commencement Date on a 1st}
        end: {value: 2016-03-31, assumed: the first Lease Year}
        @RENT@
    rent_due_day: {value: 1, cite: "monthly on the first day of each month"}
"""


@pytest.mark.parametrize(
    "rent",
    [
        'rate: {value: 33.00, cite: "Thirty-Three and No/100 ($33.00) Dollars per rentable"}',
        'annual: {value: 231000.00, cite: "($231,000.00) Dollars annually"}',
        'monthly: {value: 19250.00, cite: "($19,250.00) Dollars monthly"}',
        "monthly_rate: {value: 2.75, assumed: $33.00 a year per rentable square foot is $2.75 a month}",
    ],
)
def test_bank_rent_in_each_form(tmp_path: Path, rent: str) -> None:
    folder = make_portfolio(
        tmp_path / "bank",
        "The Bank of South Carolina",
        "2015-06-30",
        "bank-of-south-carolina-lease-2014.txt",
        BANK.replace("@RENT@", rent),
        {},
    )
    found = check_json(folder)
    assert found["values"]["base_rent"] == "19250.00"
    assert found["traces"]["base_rent"]["inputs"]["annual"] == "231000.00"


# ---- Exicure's Exhibit E by bands of lease months --------------------------------------------

RATES = ("37.00", "38.11", "39.25", "40.43", "41.64", "42.89", "44.18", "45.51", "46.88", "48.29")


def _bands(bands: list[tuple[int, int]]) -> str:
    return "".join(
        f"      - id: months_{first}_{last}\n"
        f'        months: {{value: "{first}-{last}", assumed: Exhibit E\'s Lease Months}}\n'
        f'        rate: {{value: {rate}, cite: "${rate}"}}\n'
        for (first, last), rate in zip(bands, RATES, strict=False)
    )


def exicure(root: Path, bands: list[tuple[int, int]] | None = None) -> tuple[Path, str]:
    bands = bands or [(12 * n + 1, 12 * n + 12) for n in range(10)]
    head, rest = EXICURE.split("    lease_years:\n", 1)
    due = rest[rest.index("    rent_due_day:") :]
    sheet = (
        head.replace("value: 2020-09-01", "value: 2020-09-15")
        + "    rent_commencement: {value: 2020-09-15, assumed: the Delivery Date which the lease does not date}\n"
        + "    proration: {value: days_in_month, assumed: Section 2.A prorates by the number of days in the month (not in the excerpt)}\n"
        + "    lease_years:\n"
        + _bands(bands)
        + due
    )
    sheet = sheet.replace(
        "lease.lease_years.months_109_120.rate", "lease.lease_years.months_1_12.rate"
    )
    folder = make_portfolio(
        root, "Exicure, Inc.", "2020-09-15", "exicure-lease-2020.txt", sheet, {}
    )
    return folder, sheet


@pytest.mark.parametrize(
    ("as_of", "installment"),
    [
        ("2020-09-15", "49473.11"),  # 16 of 30 days at month 1's rent
        ("2020-10-01", "92762.08"),  # month 1
        ("2021-09-30", "92762.08"),  # month 12
        ("2021-10-01", "95544.95"),  # month 13
        ("2030-09-01", "121067.05"),  # month 120, the last
    ],
)
def test_exicure_month_bands(tmp_path: Path, as_of: str, installment: str) -> None:
    folder, _ = exicure(tmp_path / "exicure")
    found: dict[str, Any] = check_json(folder, "--as-of", as_of)
    assert found["values"]["base_rent"] == installment


def test_exicure_term_ends_with_month_120(tmp_path: Path) -> None:
    folder, _ = exicure(tmp_path / "exicure")
    found = check_json(folder, "--as-of", "2030-01-01")
    ends = [o["due"] for o in found["obligations"] if o["id"] == "rent-schedule-end"]
    assert ends == ["2030-09-30"]  # the last day of the 120th full month from October 2020


@pytest.mark.parametrize(
    ("second", "found"),
    [((12, 24), ("months 12-24 overlap", "months_1_12")), ((14, 24), ("a gap: months 13-13",))],
)
def test_month_bands_that_overlap_or_leave_a_gap(
    tmp_path: Path, second: tuple[int, int], found: tuple[str, ...]
) -> None:
    folder, sheet = exicure(tmp_path / "exicure", [(1, 12), second, (25, 36)])
    assert_error(
        check(folder),
        folder,
        "agreements/sheet.yaml",
        unit="line",
        number=line_number(sheet, f'value: "{second[0]}-{second[1]}"'),
        field="lease.lease_years.1.months",
        found=found,
        expected=("month bands in order", "(13)"),
    )
