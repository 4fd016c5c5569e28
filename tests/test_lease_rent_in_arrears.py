"""Rent paid in arrears (Cedar, L-102 Section 7.1: "payable in equal monthly installments in
arrears ... on or before the 5th day of the calendar month following"): each month's
installment is due on the 5th of the month after, a prorated first month's too (Section 7.2),
and a late charge counts its grace from that date.

The lease is illustrative: $120,000.00 a year ($10,000.00 a month) from Monday, January 15,
2024 to December 31, 2024; January prorated by days, 17 of 31: 10,000.00 x 17 / 31 =
5,483.8710 -> 5,483.87, due Monday, February 5, 2024. February's $10,000.00 is due Tuesday,
March 5; its grace of five days ends Sunday, March 10, so a payment on Friday, March 8 is on
time (paid in advance, it would have been due February 1 and charged 5%). March's is due Friday,
April 5, grace to Wednesday, April 10; paid Friday, April 12: 5% x 10,000.00 = 500.00. The last
month, December 2024, is due Sunday, January 5, 2025 (not rolled), after the term ends.
"""

from __future__ import annotations

import csv
from datetime import date
from decimal import Decimal
from pathlib import Path

from bad_input_support import run
from pactum.evaluate import check as evaluate
from pactum.findings import AgreementFindings
from pactum.portfolio import load_portfolio
from portfolio_support import write_portfolio

DOCUMENT = """\
The District shall pay to Landlord the Annual Rental of $120,000.00, payable in equal monthly
installments in arrears. Monthly installments of Annual Rental shall be paid on or before the
5th day of the calendar month following the month in which such Annual Rental accrued. Rent for
a partial month shall be prorated on a per diem basis based on the number of days in the subject
month. If any installment is not received within five (5) days after its due date, a late
charge equal to five (5%) percent of the amount of the delinquent rent shall be paid.
"""

SHEET = """\
clauses:
  - id: lease
    type: lease
    spaces:
      - id: premises
        area: {value: 10000, assumed: illustrative}
        in_premises_from: {value: 2024-01-15, assumed: illustrative}
    proration: {value: days_in_month, cite: "based on the number of days in the subject month"}
    lease_years:
      - id: year_1
        start: {value: 2024-01-15, assumed: illustrative}
        end: {value: 2024-12-31, assumed: illustrative}
        annual: {value: 120000, cite: "Annual Rental of $120,000.00"}
    rent_due_day: {value: 5, cite: "on or before the 5th day of the calendar month following"}
    rent_paid: {value: in_arrears, cite: "payable in equal monthly installments in arrears"}
  - id: late
    type: late_charges
    charged_on: [lease]
    grace:
      days: {value: 5, cite: "within five (5) days after its due date"}
      business_days: false
      roll: none
    charge:
      rate: {value: 0.05, cite: "five (5%) percent of the amount of the delinquent rent"}
"""

PAYMENTS = """\
date,agreement,pays,amount
2024-02-05,deal,rent-2024-01,5483.87
2024-03-08,deal,rent-2024-02,10000
2024-04-12,deal,rent-2024-03,10000
"""


def _run(folder: Path, as_of: date) -> AgreementFindings:
    write_portfolio(folder, SHEET, DOCUMENT, calendar="calendar: {country: US}\n")
    (folder / "facts" / "payments.csv").write_text(PAYMENTS)
    return evaluate(load_portfolio(folder), as_of).agreement("deal")


def test_each_month_is_due_on_the_fifth_of_the_month_after(tmp_path: Path) -> None:
    found = _run(tmp_path, date(2024, 1, 20))
    rents = {o.due: o.amount for o in found.obligations if o.what.startswith("Base rent")}
    assert rents[date(2024, 2, 5)] == Decimal("5483.87")  # January, 17 of 31 days
    assert rents[date(2024, 3, 5)] == Decimal("10000.00")  # February
    assert date(2024, 1, 15) not in rents and date(2024, 2, 1) not in rents
    assert rents[date(2025, 1, 5)] == Decimal("10000.00")  # December, after the term


def test_the_installment_trace_says_in_arrears(tmp_path: Path) -> None:
    found = _run(tmp_path, date(2024, 1, 20))
    value = found.value("base_rent")
    assert value.value == Decimal("5483.87")
    assert value.trace is not None
    assert "due in arrears on 2024-02-05" in value.trace.formula


def test_a_late_charge_counts_its_grace_from_the_arrears_due_date(tmp_path: Path) -> None:
    found = _run(tmp_path, date(2024, 4, 30))
    charged = {v.id: v.value for v in found.values if v.id.startswith("late-charge-rent")}
    assert "late-charge-rent-2024-02" not in charged  # paid March 8, grace to March 10
    assert "late-charge-rent-2024-01" not in charged  # paid on the day due
    assert charged["late-charge-rent-2024-03"] == Decimal("500.00")


def test_the_rent_roll_shows_each_late_charge_in_the_row_of_the_rent_it_charges(
    tmp_path: Path,
) -> None:
    """March's rent, due April 5 and paid April 12, is charged 500.00 in March's row (the rent
    it charges, due on the 5th after); the rows due after the as-of date are blank, nothing
    being late yet; the total is the one charge."""
    _run(tmp_path, date(2024, 4, 30))
    out = tmp_path / "roll.csv"
    result = run("rent", str(tmp_path), "deal", "--as-of", "2024-04-30", "--csv", str(out))
    assert result.exit_code == 0, result.output
    with out.open(encoding="utf-8") as handle:
        rows = {row["month"]: row for row in csv.DictReader(handle)}
    assert [rows[m]["late_charge"] for m in ("2024-01", "2024-02", "2024-03")] == [
        "0.00",
        "0.00",
        "500.00",
    ]
    assert rows["2024-04"]["late_charge"] == ""  # due May 5, after the as-of date
    assert rows["total"]["late_charge"] == "500.00"
