"""The `late_charges` clause on a lease's rent: a 5% charge after a five-day grace (ending on a
weekend, rolled or not), business-day grace across a holiday, the first late payment waived
and the second charged, interest at 18% per annum from the due date, and bad input.

The lease is illustrative: $120,000 a year, $10,000.00 due on the first of each month of 2024.
The wording is the Bank of South Carolina lease's (../shared/corpus,
lease/bank-of-south-carolina-ingleside-blvd-lease.txt: "a late charge ... equal to five (5%)
percent of the amount of the delinquent rent", "eighteen (18%) percent per annum") and
Exicure's ("paid more than five (5) business days after its due date").
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from bad_input_support import assert_error, check
from lease_sheet_support import BASE_RENT, lease_sheet
from pactum.evaluate import check as evaluate
from pactum.findings import AgreementFindings
from pactum.portfolio import load_portfolio
from portfolio_support import assert_sheet_error, write_portfolio

DOCUMENT = (
    BASE_RENT
    + """ If any
installment is not received within five (5) days after its due date, a late charge equal to
five (5%) percent of the amount of the delinquent rent shall be paid, together with interest
at eighteen (18%) percent per annum from the date due until paid. Landlord shall waive the late
charge once in any twelve (12) month period.
"""
)

LEASE = (
    lease_sheet("2024-12-31")
    + """\
  - id: late
    type: late_charges
    charged_on: [lease]
    grace:
      days: {value: GRACE, cite: "within five (5) days after its due date"}
      business_days: BUSINESS
      roll: ROLL
    charge:
      rate: {value: 0.05, cite: "five (5%) percent of the amount of the delinquent rent"}
"""
)

INTEREST = """\
    interest:
      rate: {value: 0.18, cite: "eighteen (18%) percent per annum"}
      day_count: {value: actual/365, assumed: "the lease names no day count"}
"""

WAIVER = """\
    waiver:
      months: {value: 12, cite: "once in any twelve (12) month period"}
"""


def _run(
    folder: Path,
    payments: str,
    as_of: date,
    *,
    roll: str = "none",
    business: str = "false",
    grace: str = "5",
    extra: str = "",
) -> AgreementFindings:
    sheet = LEASE.replace("GRACE", grace).replace("ROLL", roll).replace("BUSINESS", business)
    write_portfolio(folder, sheet + extra, DOCUMENT, calendar="calendar: {country: US}\n")
    (folder / "facts" / "payments.csv").write_text("date,agreement,pays,amount\n" + payments)
    return evaluate(load_portfolio(folder), as_of).agreement("deal")


def _money(found: AgreementFindings, value_id: str) -> Decimal:
    value = found.value(value_id).value
    assert isinstance(value, Decimal)
    return value


def _charged(found: AgreementFindings) -> list[str]:
    return [v.id for v in found.values if v.id.startswith("late-charge-rent")]


# January to June paid on the day due
ON_TIME = "".join(f"2024-{m:02d}-01,deal,rent-2024-{m:02d},10000\n" for m in range(1, 7))
# July 2024: due Monday the 1st; five days later is Saturday the 6th; paid Monday the 8th
JULY_PAID_MONDAY = ON_TIME + "2024-07-08,deal,rent-2024-07,10000\n"


def test_a_grace_ending_on_a_saturday_not_rolled_charges_five_percent(tmp_path: Path) -> None:
    found = _run(tmp_path, JULY_PAID_MONDAY, date(2024, 7, 31))
    # 5% x $10,000.00 = $500.00
    assert _money(found, "late-charge-rent-2024-07") == Decimal("500.00")
    trace = found.value("late-charge-rent-2024-07").trace
    assert trace is not None
    assert trace.input("last day of grace") == "2024-07-06"
    assert trace.input("overdue") == "10000.00"
    [owed] = [o for o in found.obligations if o.id == "late-charge-rent-2024-07"]
    assert (owed.due, owed.amount) == (date(2024, 7, 7), Decimal("500.00"))
    assert _money(found, "late-charges-total") == Decimal("500.00")


def test_a_grace_ending_on_a_saturday_rolled_to_monday_is_met(tmp_path: Path) -> None:
    found = _run(tmp_path, JULY_PAID_MONDAY, date(2024, 7, 31), roll="following")
    assert _charged(found) == []
    assert _money(found, "late-charges-total") == Decimal(0)


def test_paid_on_the_last_day_of_grace_is_not_late(tmp_path: Path) -> None:
    found = _run(tmp_path, "2024-07-06,deal,rent-2024-07,10000\n", date(2024, 7, 31))
    assert "late-charge-rent-2024-07" not in _charged(found)


def test_business_day_grace_skips_independence_day(tmp_path: Path) -> None:
    # five business days after Monday 2024-07-01: the 2nd, 3rd, 5th, 8th, 9th (the 4th a holiday)
    on_time = _run(
        tmp_path, "2024-07-09,deal,rent-2024-07,10000\n", date(2024, 7, 31), business="true"
    )
    assert "late-charge-rent-2024-07" not in _charged(on_time)
    late = _run(
        tmp_path, "2024-07-10,deal,rent-2024-07,10000\n", date(2024, 7, 31), business="true"
    )
    assert _money(late, "late-charge-rent-2024-07") == Decimal("500.00")


def test_the_first_late_payment_is_waived_and_the_second_charged(tmp_path: Path) -> None:
    payments = (
        "".join(f"2024-{m:02d}-01,deal,rent-2024-{m:02d},10000\n" for m in range(1, 6))
        + "2024-06-10,deal,rent-2024-06,10000\n"
        + "2024-07-08,deal,rent-2024-07,10000\n"
    )
    found = _run(tmp_path, payments, date(2024, 7, 31), extra=WAIVER)
    # June: due Saturday the 1st, grace to Thursday the 6th, paid the 10th: late, the first
    assert _money(found, "late-charge-rent-2024-06") == Decimal(0)
    trace = found.value("late-charge-rent-2024-06").trace
    assert trace is not None and trace.formula.startswith("waived")
    # July: late again within twelve months: 5% x $10,000.00
    assert _money(found, "late-charge-rent-2024-07") == Decimal("500.00")
    assert _money(found, "late-charges-total") == Decimal("500.00")


def test_interest_at_eighteen_percent_for_seventeen_days(tmp_path: Path) -> None:
    # August: due Thursday the 1st, paid the 18th: 17 days (the 1st counted, the 18th not);
    # actual/365: 10,000.00 x 0.18 x 17 / 365 = 83.8356... -> $83.84
    found = _run(
        tmp_path, "2024-08-18,deal,rent-2024-08,10000\n", date(2024, 8, 31), extra=INTEREST
    )
    assert _money(found, "late-interest-rent-2024-08") == Decimal("83.84")
    assert _money(found, "late-charge-rent-2024-08") == Decimal("500.00")


def test_a_partial_payment_within_grace_lowers_the_charge_and_the_interest(tmp_path: Path) -> None:
    payments = "2024-08-02,deal,rent-2024-08,5000\n2024-08-18,deal,rent-2024-08,5000\n"
    found = _run(tmp_path, payments, date(2024, 8, 31), extra=INTEREST)
    # $5,000.00 unpaid at the end of grace (the 6th): 5% = $250.00
    assert _money(found, "late-charge-rent-2024-08") == Decimal("250.00")
    # 10,000 x 0.18 x 1/365 = 4.93151 (the 1st); 5,000 x 0.18 x 16/365 = 39.45205 (2nd-17th);
    # 44.38356 -> $44.38
    assert _money(found, "late-interest-rent-2024-08") == Decimal("44.38")


def test_unpaid_rent_bears_interest_to_the_as_of_date(tmp_path: Path) -> None:
    # September: due Sunday the 1st, unpaid on the 11th: 10 days, 10,000 x 0.18 x 10/365 =
    # 49.3150... -> $49.32
    found = _run(tmp_path, "", date(2024, 9, 11), extra=INTEREST)
    assert _money(found, "late-interest-rent-2024-09") == Decimal("49.32")


def test_a_negative_grace_period_is_refused(tmp_path: Path) -> None:
    sheet = LEASE.replace("GRACE", "-5").replace("ROLL", "none").replace("BUSINESS", "false")
    write_portfolio(tmp_path, sheet, DOCUMENT)
    assert_sheet_error(tmp_path, "days: {value: -5", "late.grace.days", "-5", ("0 or more days",))


def test_a_payment_of_nothing_is_refused(tmp_path: Path) -> None:
    sheet = LEASE.replace("GRACE", "5").replace("ROLL", "none").replace("BUSINESS", "false")
    write_portfolio(tmp_path, sheet, DOCUMENT)
    (tmp_path / "facts" / "payments.csv").write_text(
        "date,agreement,pays,amount\n2024-01-01,deal,rent-2024-01,0\n"
    )
    assert_error(
        check(tmp_path),
        tmp_path,
        "facts/payments.csv",
        unit="row",
        number=2,
        field="amount",
        found="0",
        expected=("more than 0",),
    )


@pytest.mark.parametrize("pays", ["rent-2024-13"])
def test_a_payment_of_no_obligation_is_a_warning(tmp_path: Path, pays: str) -> None:
    found = _run(tmp_path, f"2024-01-01,deal,{pays},10000\n", date(2024, 1, 31))
    assert any("row 2" in a.message and pays in a.message for a in found.alerts)
