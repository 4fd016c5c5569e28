"""The `fees` clause: fixed, periodic, per-event and percentage fees, from hand-worked figures.

Two small agreements are written here, each with its document:

- ACME, illustrative: a $10,000,000 line with an unused-line fee of 0.50% per annum on the
  daily average of the unused amount, monthly in arrears on the first day of each month, on a
  360-day year for the actual days elapsed. The wording is that of the Quest Solution / Wells
  Fargo credit agreement of 2014 (../shared/corpus, credit/quest-solution-wells-fargo-credit-2014.txt,
  "Unused Fee" and "Computation of Interest and Fees"); the amount is the brief's.
- VERTEX: sections 3.x-4.2 of the Vertex Energy / Bank of America credit agreement of August 31,
  2012 (corpus, credit/vertex-energy-bofa-credit-2012.txt), verbatim: 0.25% on the amount by
  which the $10,000,000 Revolving Committed Amount exceeds the exposure, "so long as the average
  daily Revolving Credit Exposure is less than 50%", quarterly in arrears on the quarter's last
  day. Section 4.1(f) puts the fees on "actual number of days elapsed ... 360 days".

The Innotrac example's own fees (the SouthTrust letter's) are tested at the end.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from bad_input_support import assert_error, check, copy_example, line_number, replace_once
from conftest import Evaluate, values_of
from pactum.day_count import DayCount, thirty_360_days, year_fraction
from pactum.errors import InputError
from pactum.evaluate import check as evaluate
from pactum.findings import AgreementFindings, Obligation, Severity
from pactum.portfolio import load_portfolio
from pactum.verify import verify_portfolio

ACME_DOCUMENT = """\
CREDIT AGREEMENT (illustrative)

Lender agrees to make available to Borrower a revolving line of credit of $10,000,000.

Unused Fee. A fee equal to 0.50% per annum on the daily average of the Maximum Revolver
Amount reduced by outstanding Advances, which fee will be calculated on a monthly basis by
Lender and will be due and payable in arrears on the first day of each month and on the
Termination Date.

Computation of Interest and Fees. Interest and fees will be computed on the basis of a three
hundred sixty (360)-day year for the actual number of days elapsed.
"""

ACME_UNUSED_FEE = """\
      - id: unused_line
        title: Unused line fee
        rate: {value: 0.005, cite: "A fee equal to 0.50% per annum"}
        base:
          average_unused: fees.amounts.commitment
        day_count:
          value: actual/360
          cite: "three hundred sixty (360)-day year for the actual number of days elapsed"
        every: month
        timing: {value: arrears, cite: "due and payable in arrears on the first day of each month"}
        day_of_month: {value: 1, cite: "in arrears on the first day of each month"}
"""

VERTEX_DOCUMENT = """\
Revolving Committed Amount means $10,000,000.

4.1 Treatment of Fees. To the extent permitted by Law, the fees described in this Section 4
(a) do not constitute compensation for the use, detention, or forbearance of money, ... and
(f) are calculated on the basis of actual number of days elapsed (including the first day but
excluding the last day), but computed as if each calendar year consisted of 360 days (unless
computation would result in an interest rate in excess of the Maximum Rate, in which event the
computation is made on the basis of a year of 365 or 366 days, as the case may be).

4.2 Unused Commitment Fee. Borrower shall pay to Lender a fee equal to 0.25% multiplied by the
actual daily amount by which the Revolving Committed Amount exceeds the Revolving Credit
Exposure, so long as the average daily Revolving Credit Exposure is less than 50% of the
Revolving Committed Amount for the calendar quarter then-ended. The fee shall be due and
payable quarterly in arrears on the last day of each March, June, September, and December,
beginning September 30, 2012, and continuing until the Revolving Credit Termination Date.
"""

VERTEX_UNUSED_FEE = """\
      - id: unused_commitment
        title: Unused commitment fee
        rate: {value: 0.0025, cite: "a fee equal to 0.25% multiplied by the actual daily amount"}
        base:
          average_unused: fees.amounts.commitment
        day_count:
          value: actual/360
          cite: "calculated on the basis of actual number of days elapsed (including the first day but excluding the last day), but computed as if each calendar year consisted of 360 days"
        every: quarter
        timing: {value: arrears, cite: "payable quarterly in arrears"}
        days_after_period_end:
          value: 0
          assumed: '"on the last day of each March, June, September, and December": the quarter''s own last day.'
        condition:
          figure: usage
          comparator:
            value: less_than
            cite: "so long as the average daily Revolving Credit Exposure is less than 50%"
          level:
            value: 0.50
            cite: "so long as the average daily Revolving Credit Exposure is less than 50%"
"""


def write(
    root: Path,
    fees: str,
    *,
    document: str = ACME_DOCUMENT,
    commitment: str = '{value: 10000000, cite: "a revolving line of credit of $10,000,000"}',
    dated: str = "2003-01-15",
    balances: str = "",
    events: str = "",
) -> Path:
    """A portfolio of one agreement with a `fees` clause holding `fees` (YAML list items)."""
    (root / "agreements").mkdir(parents=True)
    (root / "documents").mkdir()
    (root / "facts").mkdir()
    (root / "portfolio.yaml").write_text(
        "company: Acme\ncalendar: {country: US}\nagreements: [agreements/credit.yaml]\n"
    )
    (root / "documents" / "credit.txt").write_text(document)
    (root / "agreements" / "credit.yaml").write_text(
        "id: credit\n"
        "title: Revolving credit\n"
        "document: documents/credit.txt\n"
        f"dated: {{value: {dated}, assumed: the test's agreement}}\n"
        "clauses:\n"
        "  - id: fees\n"
        "    type: fees\n"
        "    amounts:\n"
        f"      commitment: {commitment}\n"
        "    fees:\n" + fees
    )
    if balances:
        (root / "facts" / "balances.csv").write_text("date,agreement,outstanding\n" + balances)
    if events:
        (root / "facts" / "events.yaml").write_text(events)
    return root


def run(root: Path, as_of: date) -> AgreementFindings:
    return evaluate(load_portfolio(root), as_of).agreement("credit")


def fee_obligations(found: AgreementFindings, key: str) -> dict[str, Obligation]:
    return {o.id: o for o in found.obligations if o.id.startswith(f"fee-{key}-")}


# ---- the unused-line fee on a month's daily balances, actual/360 ----------------------------


def test_unused_line_fee_on_a_months_daily_balances_at_actual_360(tmp_path: Path) -> None:
    # June 2003, 30 days. The balance is 4,000,000 from May 20 and 7,000,000 from a draw on
    # June 11 (each row holds until the next):
    #   June 1-10:  10 days x 4,000,000 =  40,000,000
    #   June 11-30: 20 days x 7,000,000 = 140,000,000     sum 180,000,000
    #   average outstanding 180,000,000 / 30 = 6,000,000; average unused 10,000,000 - 6,000,000
    #   = 4,000,000; fee 0.50% x 4,000,000 x 30 / 360 = 1,666.666... -> 1,666.67 (half-up, at
    #   the end of the month), due in arrears on July 1 (a Tuesday)
    root = write(
        tmp_path,
        ACME_UNUSED_FEE,
        balances="2003-05-20,credit,4000000\n2003-06-11,credit,7000000\n",
    )
    found = run(root, date(2003, 6, 30))
    value = found.value("fee_unused_line")
    assert value.value == Decimal("1666.67")
    assert value.label == "Unused line fee, 2003-06-01 to 2003-06-30"
    trace = value.trace
    assert trace is not None
    assert trace.formula.startswith("rate x (amount - average daily outstanding) x days / year")
    assert "rounded half-up to the cent at the end of the period" in trace.formula
    assert trace.input("fees.amounts.commitment") == "10000000.00"
    assert trace.input("days") == "30"
    assert trace.input("day count") == "30/360 (actual/360)"
    assert trace.input("average outstanding").startswith("6000000.00")
    assert trace.input("average unused").startswith("4000000.00")
    assert trace.input("exact") == "1666.66666667"
    assert "rows 2, 3" in trace.input("daily balances")
    quotes = {s.quote for s in trace.sources}
    assert "A fee equal to 0.50% per annum" in quotes
    assert "a revolving line of credit of $10,000,000" in quotes
    june = fee_obligations(found, "unused_line")["fee-unused_line-2003-06"]
    assert (june.due, june.amount, june.note) == (date(2003, 7, 1), Decimal("1666.67"), "")
    assert june.what == "Unused line fee for 2003-06-01 to 2003-06-30"
    # July has not ended on June 30: its fee is listed, its amount known on July 31
    july = fee_obligations(found, "unused_line")["fee-unused_line-2003-07"]
    assert july.due == date(2003, 8, 1) and july.amount is None
    assert "known at the end of the period (2003-07-31)" in july.note


def test_the_example_sheets_quotes_verify(tmp_path: Path) -> None:
    for name, document, fee in (
        ("acme", ACME_DOCUMENT, ACME_UNUSED_FEE),
        ("vertex", VERTEX_DOCUMENT, VERTEX_UNUSED_FEE),
    ):
        commitment = (
            '{value: 10000000, cite: "Revolving Committed Amount means $10,000,000."}'
            if name == "vertex"
            else '{value: 10000000, cite: "a revolving line of credit of $10,000,000"}'
        )
        root = write(tmp_path / name, fee, document=document, commitment=commitment)
        report = verify_portfolio(load_portfolio(root))
        assert report.citation_failures == [], report.citation_failures
        assert report.unsourced == 0


def test_a_day_before_the_first_balance_is_not_a_zero_balance(tmp_path: Path) -> None:
    # the first row is June 2: June 1 has no balance, so June's fee is not computed (a zero
    # balance would have made it 0.50% x 10,000,000 x 30/360 = 4,166.67 or so)
    root = write(tmp_path, ACME_UNUSED_FEE, balances="2003-06-02,credit,4000000\n")
    found = run(root, date(2003, 6, 30))
    assert found.value("fee_unused_line").value is None
    june = fee_obligations(found, "unused_line")["fee-unused_line-2003-06"]
    assert june.amount is None
    assert "balances.csv has no balance for credit on or before 2003-06-01" in june.note
    [alert] = [a for a in found.alerts if "not computed" in a.message]
    assert alert.severity is Severity.warning
    assert alert.message.startswith("Unused line fee for 2003-06-01 to 2003-06-30 not computed")


def test_no_balances_file_at_all_is_said_too(tmp_path: Path) -> None:
    found = run(write(tmp_path, ACME_UNUSED_FEE), date(2003, 6, 30))
    assert found.value("fee_unused_line").value is None
    assert any("has no balance for credit" in a.message for a in found.alerts)


# ---- day counts: a quarter of 91 actual days --------------------------------------------------


@pytest.mark.parametrize(
    ("day_count", "fee"),
    [
        # the corpus README's figures for Vertex, a fully unused 10,000,000 for a 91-day
        # quarter at 0.25%: 10,000,000 x 0.25% x 91/360 = 6,319.444 -> 6,319.44;
        # x 91/365 = 6,232.876... -> 6,232.88
        ("actual/360", "6319.44"),
        ("actual/365", "6232.88"),
        # 30/360: April 1 to July 1 is 30 x 3 = 90 days: 10,000,000 x 0.25% x 90/360 = 6,250.00
        ("30/360", "6250.00"),
    ],
)
def test_a_quarter_on_each_day_count(tmp_path: Path, day_count: str, fee: str) -> None:
    quarterly = (
        VERTEX_UNUSED_FEE.replace("value: actual/360", f"value: {day_count}").split(
            "        condition:"
        )[0]  # no condition: the fee is due whatever the usage
    )
    root = write(tmp_path, quarterly, document=VERTEX_DOCUMENT, balances="2003-03-31,credit,0\n")
    found = run(root, date(2003, 6, 30))  # Q2 2003: April 1 to June 30, 91 days
    assert values_of(found)["fee_unused_commitment"] == fee
    [q2] = [o for o in found.obligations if o.id == "fee-unused_commitment-2003-Q2"]
    # due on the quarter's last day: June 30, 2003 is a Monday
    assert (q2.due, q2.amount, q2.note) == (date(2003, 6, 30), Decimal(fee), "")


def test_thirty_360_counts_months_of_30_days() -> None:
    # ISDA 2006 section 4.16(f): D1 = 31 counts as 30; D2 = 31 counts as 30 only when D1 >= 30
    assert thirty_360_days(date(2003, 4, 1), date(2003, 7, 1)) == 90  # a quarter
    assert thirty_360_days(date(2003, 2, 1), date(2003, 3, 1)) == 30  # February, 28 days
    assert thirty_360_days(date(2003, 1, 31), date(2003, 3, 1)) == 31  # 30 x 2 + (1 - 30)
    assert thirty_360_days(date(2003, 1, 30), date(2003, 3, 31)) == 60  # D2 31 -> 30
    assert thirty_360_days(date(2003, 2, 28), date(2003, 3, 31)) == 33  # D1 28: D2 stays 31
    assert thirty_360_days(date(2003, 1, 1), date(2004, 1, 1)) == 360
    # the actual counts: 2004 is a leap year, actual/365 still divides by 365
    leap = year_fraction(DayCount.actual_365, date(2004, 1, 1), date(2005, 1, 1))
    assert (leap.days, leap.year_days) == (366, 365)
    assert year_fraction(DayCount.actual_360, date(2003, 6, 1), date(2003, 7, 1)).days == 30


# ---- a condition on the period's usage ---------------------------------------------------------

VERTEX_AS_OF = date(2012, 9, 30)  # Q3 2012: July 1 to September 30, 92 days


def test_conditional_fee_with_usage_exactly_at_the_level_is_not_due(tmp_path: Path) -> None:
    # 5,000,000 every day: usage 5,000,000 / 10,000,000 = exactly 50%, which is not "less
    # than 50%": no fee for the quarter
    root = write(
        tmp_path,
        VERTEX_UNUSED_FEE,
        document=VERTEX_DOCUMENT,
        dated="2012-06-01",
        balances="2012-07-01,credit,5000000\n",
    )
    found = run(root, VERTEX_AS_OF)
    value = found.value("fee_unused_commitment")
    assert value.value == Decimal("0")
    assert value.trace is not None
    assert value.trace.input("usage") == "50.00% of fees.amounts.commitment 10000000.00"
    assert value.trace.input("condition") == "usage < 50.00%: does not hold"
    assert "fee-unused_commitment-2012-Q3" not in fee_obligations(found, "unused_commitment")


@pytest.mark.parametrize("comparator", ["less_than", "at_most"])
def test_conditional_fee_just_met(tmp_path: Path, comparator: str) -> None:
    # 5,000,000 every day but August 15, at 4,999,908 (92 less): the sum is 92 x 5,000,000
    # - 92 = 459,999,908, the average 459,999,908 / 92 = 4,999,999, usage 49.99999% < 50%.
    # Average unused 10,000,000 - 4,999,999 = 5,000,001; fee 0.25% x 5,000,001 x 92 / 360 =
    # 12,500.0025 x 92 / 360 = 1,150,000.23 / 360 = 3,194.445083... -> 3,194.45, due
    # September 30, 2012, a Sunday, not rolled (the sheet names no roll). (The agreement is
    # dated before the quarter here: the whole quarter counts.)
    fee = VERTEX_UNUSED_FEE.replace("value: less_than", f"value: {comparator}")
    root = write(
        tmp_path,
        fee,
        document=VERTEX_DOCUMENT,
        dated="2012-06-01",
        balances=(
            "2012-07-01,credit,5000000\n2012-08-15,credit,4999908\n2012-08-16,credit,5000000\n"
        ),
    )
    found = run(root, VERTEX_AS_OF)
    assert values_of(found)["fee_unused_commitment"] == "3194.45"
    trace = found.value("fee_unused_commitment").trace
    assert trace is not None
    assert trace.input("usage") == "49.99999% of fees.amounts.commitment 10000000.00"
    assert trace.input("average unused").startswith("5000001.00")
    q3 = fee_obligations(found, "unused_commitment")["fee-unused_commitment-2012-Q3"]
    assert (q3.due, q3.amount) == (date(2012, 9, 30), Decimal("3194.45"))
    assert q3.note == "falls on a Sunday; not rolled"
    assert q3.what == "Unused commitment fee for 2012-07-01 to 2012-09-30"


def test_the_first_quarter_counts_from_the_agreements_date(tmp_path: Path) -> None:
    # the agreement is dated August 31, 2012, and the fee is due "beginning September 30,
    # 2012": the first quarter counts August 31 to September 30, 31 days. Nothing drawn:
    # usage 0% < 50%; 0.25% x 10,000,000 x 31/360 = 2,152.777... -> 2,152.78
    root = write(
        tmp_path,
        VERTEX_UNUSED_FEE,
        document=VERTEX_DOCUMENT,
        dated="2012-08-31",
        balances="2012-08-31,credit,0\n",
    )
    found = run(root, VERTEX_AS_OF)
    q3 = fee_obligations(found, "unused_commitment")["fee-unused_commitment-2012-Q3"]
    assert q3.what == "Unused commitment fee for 2012-08-31 to 2012-09-30"
    assert (q3.due, q3.amount) == (date(2012, 9, 30), Decimal("2152.78"))
    assert found.value("fee_unused_commitment").value == Decimal("2152.78")


def test_at_most_holds_at_exactly_the_level(tmp_path: Path) -> None:
    # usage exactly 50% meets "at most 50%": 0.25% x 5,000,000 x 92 / 360 = 3,194.444... ->
    # 3,194.44 (the quarter from July 1: the agreement is dated before it)
    fee = VERTEX_UNUSED_FEE.replace("value: less_than", "value: at_most")
    root = write(
        tmp_path,
        fee,
        document=VERTEX_DOCUMENT,
        dated="2012-06-01",
        balances="2012-07-01,credit,5000000\n",
    )
    assert values_of(run(root, VERTEX_AS_OF))["fee_unused_commitment"] == "3194.44"


# ---- due dates rolled on the agreement's business days ----------------------------------------

MONTHLY_FIXED = """\
      - id: servicing
        title: Servicing fee
        amount: {{value: 500, assumed: a test figure}}
        every: month
        day_of_month: {{value: {day}, assumed: a test day}}
        roll: {{value: {roll}, assumed: a test roll}}
"""


@pytest.mark.parametrize(
    ("day", "roll", "month", "due", "note"),
    [
        # November 1, 2003 is a Saturday: the next business day is Monday, November 3
        (1, "following", "2003-11", date(2003, 11, 3), "rolled from 2003-11-01 (a Saturday)"),
        # May 31, 2003 is a Saturday; the following business day, June 2, is in the next
        # month, so modified following takes the preceding one, Friday, May 30
        (
            31,
            "modified_following",
            "2003-05",
            date(2003, 5, 30),
            "rolled from 2003-05-31 (a Saturday)",
        ),
        # June 1, 2003 is a Sunday: preceding gives Friday, May 30
        (1, "preceding", "2003-06", date(2003, 5, 30), "rolled from 2003-06-01 (a Sunday)"),
        # without a roll the date stays, with its note
        (1, "none", "2003-11", date(2003, 11, 1), "falls on a Saturday; not rolled"),
    ],
)
def test_a_fee_rolled_off_a_weekend(
    tmp_path: Path, day: int, roll: str, month: str, due: date, note: str
) -> None:
    root = write(tmp_path, MONTHLY_FIXED.format(day=day, roll=roll))
    found = run(root, date(2003, 3, 31))
    fee = fee_obligations(found, "servicing")[f"fee-servicing-{month}"]
    assert (fee.due, fee.amount, fee.note) == (due, Decimal("500"), note)


def test_a_fee_rolled_off_a_holiday(tmp_path: Path) -> None:
    # Q2 2003 ends on June 30; four days after is July 4, Independence Day (a Friday), then a
    # weekend: following rolls it to Monday, July 7. 0.25% x 10,000,000 x 91/360 = 6,319.44
    quarterly = """\
      - id: facility_fee
        title: Facility fee
        rate: {value: 0.0025, assumed: a test rate}
        base: {amount: fees.amounts.commitment}
        day_count: {value: actual/360, assumed: a test day count}
        every: quarter
        timing: {value: arrears, assumed: a test timing}
        days_after_period_end: {value: 4, assumed: a test day}
        roll: {value: following, assumed: a test roll}
"""
    found = run(write(tmp_path, quarterly), date(2003, 6, 30))
    q2 = fee_obligations(found, "facility_fee")["fee-facility_fee-2003-Q2"]
    assert (q2.due, q2.amount) == (date(2003, 7, 7), Decimal("6319.44"))
    assert q2.note == "rolled from 2003-07-04 (Independence Day)"
    # on the commitment itself the amount is known before the quarter ends
    q3 = fee_obligations(found, "facility_fee")["fee-facility_fee-2003-Q3"]
    # July 1 to September 30: 92 days: 0.25% x 10,000,000 x 92/360 = 6,388.888... -> 6,388.89
    assert (q3.due, q3.amount) == (date(2003, 10, 6), Decimal("6388.89"))  # 10/4 a Saturday


# ---- one-time and per-event fees ---------------------------------------------------------------


def test_a_lenders_share_of_a_one_time_percentage_fee(tmp_path: Path) -> None:
    # a consent fee of 0.15% of the commitment to a lender holding 30% of it:
    # 10,000,000 x 0.15% x 30% = 4,500.00, once, on March 5, 2003
    consent = """\
      - id: consent
        title: Consent fee (one lender)
        rate: {value: 0.0015, assumed: a test rate}
        base:
          amount: fees.amounts.commitment
          share: {value: 0.30, assumed: the lender's share}
        every: once
        due: {value: 2003-03-05, assumed: a test date}
"""
    found = run(write(tmp_path, consent), date(2003, 3, 1))
    [fee] = [o for o in found.obligations if o.id == "fee-consent"]
    assert (fee.due, fee.amount) == (date(2003, 3, 5), Decimal("4500.00"))
    values = values_of(found)
    assert values["one_time_fees"] == "4500.00"
    assert values["annual_fee_cost"] == "0.00"


def test_a_fee_on_an_event_the_sheet_names(tmp_path: Path) -> None:
    # `field_exam` is read because the fee names it; 2 exams x 1,000 within the year ahead
    exam = """\
      - id: field_exam
        title: Field examination fee
        amount: {value: 1000, assumed: a test figure}
        every: event
        event: field_exam
        max_per_year: {value: 2, assumed: a test cap}
"""
    events = "".join(
        f"- {{date: 2003-{m:02d}-10, agreement: credit, event: field_exam, note: exam}}\n"
        for m in (4, 9)
    )
    found = run(write(tmp_path, exam, events=events), date(2003, 3, 31))
    exams = sorted(o.due for o in found.obligations if o.id.startswith("fee-field_exam"))
    assert exams == [date(2003, 4, 10), date(2003, 9, 10)]
    assert values_of(found)["annual_fee_cost"] == "2000.00"  # 2 x 1,000


# ---- the SouthTrust letter's fees (the Innotrac example) ---------------------------------------


def test_fee_costs(revolver: Evaluate) -> None:
    result = revolver(date(2003, 12, 31))
    values = values_of(result)
    # 12 x 1,555 = 18,660 monitoring + 3 x 2,700 = 8,100 audits = 26,760 a year
    assert values["annual_fee_cost"] == "26760.00"
    assert values["one_time_fees"] == "1125.00"
    assert values["first_year_fee_cost"] == "27885.00"  # 26,760 + 1,125
    assert {v.clause for v in result.values if "fee" in v.id} == {"fees"}


def test_monthly_fee_on_a_sunday_is_not_rolled(revolver: Evaluate) -> None:
    result = revolver(date(2003, 12, 31))
    fees = [o for o in result.obligations if o.what == "Monthly ABL monitoring fee"]
    february = next(o for o in fees if o.due.month == 2)
    assert february.due == date(2004, 2, 1)  # a Sunday, left where the term sheet puts it
    assert february.note == "falls on a Sunday; not rolled"
    assert february.amount == Decimal("1555")
    assert len(fees) == 12  # Jan 2004 .. Dec 2004 within the year ahead
    assert {o.clause for o in fees} == {"fees"}


def test_the_audit_fee_is_charged_at_most_three_times_a_year(revolver: Evaluate) -> None:
    # four audits in 2004 (Jan, Mar, May, Jul): the letter's "three times per year" caps the
    # fee, so the first three are charged (3 x 2,700) and the fourth is a warning
    events = "".join(
        f"- {{date: 2004-0{m}-10, agreement: southtrust-abl, event: audit}}\n" for m in (1, 3, 5, 7)
    )
    result = revolver(date(2003, 12, 31), events=events)
    audits = [o for o in result.obligations if o.what == "ABL field audit fee"]
    assert [o.due for o in audits] == [date(2004, m, 10) for m in (1, 3, 5)]
    assert {o.amount for o in audits} == {Decimal("2700")}
    [alert] = [a for a in result.alerts if "fiscal 2004" in a.message]
    assert alert.severity is Severity.warning
    assert alert.message.startswith("ABL field audit fee: 4 in fiscal 2004 (events.yaml:4)")
    assert alert.message.endswith("more than the 3 a year the agreement provides for: not charged.")
    assert (
        alert.source is not None and alert.source.quote == "could be conducted three times per year"
    )


def test_fees_stop_at_the_facilitys_maturity(revolver: Evaluate) -> None:
    # `ends: facility.maturity` (June 30, 2005): as of 6/1/05 the June fee is the last
    result = revolver(date(2005, 6, 1))
    fees = [o.due for o in result.obligations if o.what == "Monthly ABL monitoring fee"]
    assert fees == [date(2005, 6, 1)]


UNUSED_FEE = """\
      - id: unused
        title: Unused line fee (illustrative)
        rate: {value: 0.0025, assumed: not in the letter; a test of a named base}
        base: {average_unused: facility.commitment}
        day_count: {value: actual/360, assumed: a test day count}
        every: month
        timing: {value: arrears, assumed: a test timing}
        day_of_month: {value: 1, assumed: a test day}
"""


def test_an_unused_fee_on_the_facilitys_commitment(example: Path) -> None:
    # a fee the letter does not have, to read an amount of another clause: 0.25% a year on the
    # average unused part of `facility.commitment` ($40,000,000, cited in the revolver).
    # November 2003: 28,500,000 outstanding every day -> unused 11,500,000;
    # 0.25% x 11,500,000 x 30/360 = 2,395.833... -> 2,395.83, due December 1, 2003 (a Monday)
    sheet = example / "agreements" / "southtrust-abl.yaml"
    sheet.write_text(sheet.read_text() + UNUSED_FEE)
    (example / "facts" / "balances.csv").write_text(
        "date,agreement,outstanding\n2003-10-31,southtrust-abl,28500000\n"
    )
    found = evaluate(load_portfolio(example), date(2003, 11, 30)).agreement("southtrust-abl")
    value = found.value("fee_unused")
    assert value.value == Decimal("2395.83") and value.clause == "fees"
    assert value.trace is not None
    assert value.trace.input("facility.commitment") == "40000000.00"
    [commitment] = [s for s in value.trace.sources if s.path == ("clauses", 0, "commitment")]
    assert commitment.quote is not None and "$40,000,000" in commitment.quote
    [december] = [o for o in found.obligations if o.id == "fee-unused-2003-11"]
    assert (december.due, december.amount) == (date(2003, 12, 1), Decimal("2395.83"))


# ---- bad input ----------------------------------------------------------------------------------

SHEET = "agreements/southtrust-abl.yaml"


def test_a_fee_base_that_names_no_known_amount(tmp_path: Path) -> None:
    folder = copy_example(tmp_path)
    path = folder / SHEET
    text = path.read_text() + UNUSED_FEE.replace("facility.commitment", "facility.comitment")
    path.write_text(text)
    assert_error(
        check(folder),
        folder,
        SHEET,
        unit="line",
        number=line_number(text, "facility.comitment"),
        field="fees.fees.3.base.average_unused",
        found="'facility.comitment'",
        expected=("the name of an amount", "facility.commitment", "clauses: facility, fees"),
    )


def test_a_day_count_that_is_not_known(tmp_path: Path) -> None:
    folder = copy_example(tmp_path)
    text = replace_once(
        folder / SHEET,
        "        every: event\n",
        "        every: event\n        day_count: {value: actual/366, assumed: a test}\n",
    )
    assert_error(
        check(folder),
        folder,
        SHEET,
        unit="line",
        number=line_number(text, "actual/366"),
        field="fees.fees.2.day_count.value",
        found="'actual/366'",
        expected=("actual/360", "actual/365", "30/360"),
    )


def test_a_negative_balance(tmp_path: Path) -> None:
    folder = copy_example(tmp_path)
    text = (
        "date,agreement,outstanding\n2003-10-31,southtrust-abl,100\n2003-11-30,southtrust-abl,-5\n"
    )
    (folder / "facts" / "balances.csv").write_text(text)
    assert_error(
        check(folder),
        folder,
        "facts/balances.csv",
        unit="row",
        number=3,
        field="outstanding",
        found="-5",
        expected=("zero or more",),
    )


def test_a_fee_event_the_sheet_does_not_name(tmp_path: Path) -> None:
    folder = copy_example(tmp_path)
    text = replace_once(
        folder / "facts" / "events.yaml",
        "- date: 2003-05-20\n  agreement: southtrust-abl\n  event: audit\n",
        "- date: 2003-05-20\n  agreement: southtrust-abl\n  event: appraisal\n",
    )
    assert_error(
        check(folder),
        folder,
        "facts/events.yaml",
        unit="line",
        number=line_number(text, "event: appraisal"),
        field="event",
        found="appraisal",
        expected=("an event one of the agreement's clauses reads", "audit", "consent"),
    )


@pytest.mark.parametrize(
    ("fee", "field", "expected"),
    [
        # a rate per annum needs a day count to say how much of a year a period is
        (
            "rate: 0.005\n        base: {average_unused: fees.amounts.commitment}\n"
            "        every: month\n        timing: arrears\n        day_of_month: 1\n",
            "fees.fees.0.day_count",
            "a day count",
        ),
        # an average needs a period
        (
            "rate: 0.005\n        base: {average_unused: fees.amounts.commitment}\n"
            "        every: once\n        due: 2003-03-01\n",
            "fees.fees.0.base.average_unused",
            "an average over a period",
        ),
        # a fee on a period's balances is known at its end: it cannot be paid in advance
        (
            "rate: 0.005\n        base: {average_unused: fees.amounts.commitment}\n"
            "        day_count: actual/360\n        every: month\n        day_of_month: 1\n",
            "fees.fees.0.timing",
            "arrears",
        ),
        ("amount: 100\n        every: month\n", "fees.fees.0", "one of the two"),
        ("amount: 100\n        every: once\n", "fees.fees.0.due", "the date a one-time fee"),
        (
            "amount: 100\n        rate: 0.01\n        every: once\n        due: 2003-03-01\n",
            "fees.fees.0",
            "an amount or a rate",
        ),
        (
            "rate: 0.01\n        every: once\n        due: 2003-03-01\n",
            "fees.fees.0.base",
            "a base",
        ),
        (
            "amount: 100\n        every: month\n        day_of_month: 32\n",
            "fees.fees.0.day_of_month",
            "from 1 to 31",
        ),
        (
            "amount: 100\n        every: month\n        days_after_period_end: 5\n",
            "fees.fees.0.days_after_period_end",
            "timing arrears",
        ),
    ],
)
def test_a_fee_that_is_not_whole(tmp_path: Path, fee: str, field: str, expected: str) -> None:
    root = write(tmp_path, f"      - id: bad\n        title: A bad fee\n        {fee}")
    with pytest.raises(InputError) as raised:
        load_portfolio(root)
    problems = raised.value.problems
    assert [p.field for p in problems] == [field], problems
    assert expected in problems[0].expected
    assert problems[0].line is not None


def test_fees_ending_on_a_date_no_term_gives(tmp_path: Path) -> None:
    root = write(tmp_path, "      - {id: f, title: F, amount: 1, every: once, due: 2003-03-01}\n")
    sheet = root / "agreements" / "credit.yaml"
    sheet.write_text(
        sheet.read_text().replace(
            "    type: fees\n", "    type: fees\n    ends: facility.maturity\n"
        )
    )
    with pytest.raises(InputError) as raised:
        load_portfolio(root)
    [problem] = raised.value.problems
    assert (problem.field, problem.found, problem.line) == ("fees.ends", "'facility.maturity'", 8)
    assert "a named date of the sheet" in problem.expected and "clauses: fees" in problem.expected


def test_ten_audits_in_a_year_charge_three(revolver: Evaluate) -> None:
    # ten audits in 2004 (the 10th of each month, January to October) where the sheet allows
    # three a year: 3 x $2,700 = $8,100 charged, and each of the other seven is a warning
    events = "".join(
        f"- {{date: 2004-{m:02d}-10, agreement: southtrust-abl, event: audit}}\n"
        for m in range(1, 11)
    )
    result = revolver(date(2003, 12, 31), events=events)
    audits = [o for o in result.obligations if o.what == "ABL field audit fee"]
    assert [o.due for o in audits] == [date(2004, m, 10) for m in (1, 2, 3)]
    assert sum((o.amount or Decimal(0) for o in audits), Decimal(0)) == Decimal("8100")
    beyond = [a for a in result.alerts if "fiscal 2004" in a.message]
    assert len(beyond) == 7
    assert {a.severity for a in beyond} == {Severity.warning}
    assert all(a.message.endswith("not charged.") for a in beyond)
