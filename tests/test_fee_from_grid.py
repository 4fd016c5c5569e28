"""A fee whose rate is a pricing grid's column, read day by day (`rate_from`), and a fee or
condition naming a figure no earlier clause computes.

The grid is keyed on the previous calendar month's average daily balance (a utilisation grid),
with an unused-fee column: 0.50% below $5,000,000, 0.25% from $5,000,000 ("equal to or greater
than"), a new month's figure in force from its first day. The fee is 0.x% per annum on the
$10,000,000 commitment less the daily balance, quarterly in arrears, actual/360.

Hand-worked, Q3 2003 (July 1 - September 30, 92 days):
- June's average 4,000,000 (< 5,000,000): July at 0.50%.
- July: 4,000,000 for 7/1-7/14 (14 days), 6,000,000 from 7/15 (17 days): (56,000,000 +
  102,000,000) / 31 = 5,096,774.19 >= 5,000,000: August at 0.25%; August's 6,000,000:
  September at 0.25%.
- Unused day-dollars: July 14 x 6,000,000 + 17 x 4,000,000 = 152,000,000 at 0.50% = 760,000;
  August and September 61 x 4,000,000 = 244,000,000 at 0.25% = 610,000. Sum 1,370,000 / 360
  = 3,805.555... -> 3,805.56 (at 0.50% throughout: 396,000,000 x 0.50% / 360 = 5,500.00).
- Exactly at the bound: a July average of exactly 5,000,000 is "equal to or greater": 0.25%
  from August (see the test).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from bad_input_support import assert_error, check, line_number
from pactum.evaluate import check as evaluate
from pactum.findings import AgreementFindings
from pactum.portfolio import load_portfolio

INTEREST = """\
  - id: interest
    type: interest
    index: {value: LIBOR, assumed: the test's index}
    grid_column: libor
    day_count: {value: actual/360, assumed: the test's day count}
    grid:
      keyed_on: {average_outstanding: month}
      tiers:
        - id: low
          below: {value: 5000000, assumed: the test's bound}
          rates:
            libor: {value: 0.0300, assumed: the test's margin}
            unused_fee: {value: 0.0050, assumed: the test's fee}
        - id: high
          at_least: {value: 5000000, assumed: the test's bound}
          rates:
            libor: {value: 0.0250, assumed: the test's margin}
            unused_fee: {value: 0.0025, assumed: the test's fee}
"""

FEES = """\
  - id: fees
    type: fees
    amounts:
      commitment: {{value: 10000000, assumed: the test's commitment}}
    fees:
      - id: unused
        title: Unused line fee
        rate_from: {rate_from}
        base: {{average_unused: fees.amounts.commitment}}
        day_count: {{value: actual/360, assumed: the test's day count}}
        every: quarter
        timing: {{value: arrears, assumed: the test's timing}}
        days_after_period_end: {{value: 0, assumed: the quarter's last day}}
"""


def write(root: Path, balances: str, rate_from: str = "interest.grid_unused_fee") -> Path:
    (root / "agreements").mkdir(parents=True)
    (root / "documents").mkdir()
    (root / "facts").mkdir()
    (root / "portfolio.yaml").write_text(
        "company: Acme\nfiscal_year_end_month: 12\ncalendar: {country: US}\n"
        "agreements: [agreements/credit.yaml]\n"
    )
    (root / "documents" / "credit.txt").write_text("The agreement.")
    (root / "agreements" / "credit.yaml").write_text(
        "id: credit\ntitle: Revolving credit\ndocument: documents/credit.txt\n"
        "dated: {value: 2003-06-01, assumed: the test's agreement}\n"
        "clauses:\n" + INTEREST + FEES.format(rate_from=rate_from)
    )
    (root / "facts" / "balances.csv").write_text("date,agreement,outstanding\n" + balances)
    (root / "facts" / "rates.csv").write_text("date,index,rate\n2003-06-01,LIBOR,0.0125\n")
    return root


def run(root: Path, as_of: date) -> AgreementFindings:
    return evaluate(load_portfolio(root), as_of).agreement("credit")


def test_the_unused_fee_at_the_grids_rate_changing_within_the_quarter(tmp_path: Path) -> None:
    root = write(tmp_path, "2003-06-01,credit,4000000\n2003-07-15,credit,6000000\n")
    found = run(root, date(2003, 9, 30))
    fee = found.value("fee_unused")
    assert fee.value == Decimal("3805.56")
    assert fee.trace is not None
    inputs = dict(fee.trace.inputs)
    # the trace names the grid, the tier and the figure each run of days was keyed on
    assert inputs["rate"].startswith("0.5000% 2003-07-01 to 2003-07-31 (interest.grid_unused_fee")
    assert "interest.grid, column unused_fee" in inputs["rate"]
    assert "tier low: < 5000000" in inputs["rate"]
    assert "average daily balance 2003-06-01 to 2003-06-30: 4000000.00" in inputs["rate"]
    assert "0.2500% 2003-08-01 to 2003-08-31" in inputs["rate"]
    assert "0.2500% 2003-09-01 to 2003-09-30" in inputs["rate"]
    assert "tier high: >= 5000000" in inputs["rate"]
    assert inputs["exact"] == "3805.55555556"


def test_a_months_average_exactly_at_the_bound_takes_the_higher_tier(tmp_path: Path) -> None:
    # 5,000,000 all July: exactly "equal to or greater than $5,000,000", 0.25% from August 1.
    # Unused: July 31 x 5,000,000 = 155,000,000 at 0.50% (June's 4,000,000) = 775,000;
    # Aug-Sep 61 x 5,000,000 = 305,000,000 at 0.25% = 762,500; 1,537,500 / 360 = 4,270.833...
    # -> 4,270.83 (0.50% all quarter: 460,000,000 x 0.50% / 360 = 6,388.89).
    root = write(tmp_path, "2003-06-01,credit,4000000\n2003-07-01,credit,5000000\n")
    assert run(root, date(2003, 9, 30)).value("fee_unused").value == Decimal("4270.83")


def test_a_day_before_any_figure_leaves_the_fee_not_computed(tmp_path: Path) -> None:
    # Q2 2003 from 6/1: no month before June has balances, so no tier is in force in June;
    # the fee is not computed (a warning), never charged at 0%
    root = write(tmp_path, "2003-06-01,credit,4000000\n")
    found = run(root, date(2003, 6, 30))
    assert found.value("fee_unused").value is None
    assert any(
        "interest.grid_unused_fee is not known on 2003-06-01" in a.message for a in found.alerts
    )


def test_a_fee_naming_a_grid_column_that_does_not_exist(tmp_path: Path) -> None:
    root = write(tmp_path, "2003-06-01,credit,4000000\n", "interest.grid_commitment_fee")
    sheet = root / "agreements" / "credit.yaml"
    assert_error(
        check(root),
        root,
        "agreements/credit.yaml",
        unit="line",
        number=line_number(sheet.read_text(), "rate_from:"),
        field="fees.fees.0.rate_from",
        found="figure 'interest.grid_commitment_fee', which no earlier clause computes",
        expected=("interest.grid_libor, interest.grid_unused_fee",),
    )
