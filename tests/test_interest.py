"""The `interest` clause: interest on daily balances at an index plus a margin or a pricing
grid's, from hand-worked figures.

Two agreements are written here, each with an excerpt of its document from the corpus
(../shared/corpus/credit/):

- QUEST: the Quest Solution / Wells Fargo credit agreement of 2014: "Daily Three Month LIBOR
  plus the Applicable Margin", a 360-day year for the actual days elapsed, and the Applicable
  Margin by average quarterly outstanding Advances: below $5,000,000 LIBOR + 3.25% / Prime + 0%,
  at or above LIBOR + 2.75% / Prime - 0.5% (a negative margin). The balances and rates are
  illustrative.
- MATLACK: the Matlack / First Union credit agreement of 1998: the LIBO Rate Margin and the
  Unused Fee Percentage by Fixed Charge Coverage Ratio "computed as of the last quarterly
  compliance period", interest on a year of 360 days; the revolver's covenant gives the ratio.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from typer.testing import CliRunner

from bad_input_support import assert_error, check, line_number
from pactum.cli import app
from pactum.evaluate import check as evaluate
from pactum.findings import AgreementFindings
from pactum.portfolio import load_portfolio

QUEST_DOCUMENT = """\
Interest. Except as provided in Section 1.3(b), the outstanding principal balance of Advances
will bear interest on the Daily Balance of such Advances at a variable per annum rate equal to
Daily Three Month LIBOR plus the Applicable Margin;

Computation of Interest and Fees. Interest and fees will be computed on the basis of a three
hundred sixty (360)-day year for the actual number of days elapsed.

"Applicable Margin" means a percentage determined based on the average quarterly amount of
outstanding Advances:

Tier
Average Quarterly Outstanding Advances
Applicable Margin for Obligations bearing interest based on Daily Three Month LIBOR
Applicable Margin for Obligations bearing interest at the Prime Rate

I
Less than $5,000,000
3.25%
0%

II
Equal to or greater than $5,000,000
2.75%
-0.5%
"""

DAY_COUNT = """\
    day_count:
      value: actual/360
      cite: "three hundred sixty (360)-day year for the actual number of days elapsed"
"""

QUEST_GRID = """\
    grid:
      keyed_on: {average_outstanding: quarter}
      tiers:
        - id: I
          below: {value: 5000000, cite: "Less than $5,000,000"}
          rates:
            libor: {value: 0.0325, cite: "Less than $5,000,000 3.25%"}
            prime: {value: 0, cite: "3.25% 0%"}
        - id: II
          at_least: {value: 5000000, cite: "Equal to or greater than $5,000,000"}
          rates:
            libor: {value: 0.0275, cite: "Equal to or greater than $5,000,000 2.75%"}
            prime: {value: -0.005, cite: "2.75% -0.5%"}
"""


def write(
    root: Path,
    clause: str,
    *,
    document: str = QUEST_DOCUMENT,
    balances: str = "",
    rates: str = "",
    financials: str = "",
    before: str = "",
) -> Path:
    """A portfolio of one agreement whose sheet has `before` clauses, then the interest clause
    (`clause`: its terms, indented four spaces)."""
    (root / "agreements").mkdir(parents=True)
    (root / "documents").mkdir()
    (root / "facts").mkdir()
    (root / "portfolio.yaml").write_text(
        "company: Acme\nfiscal_year_end_month: 12\ncalendar: {country: US}\n"
        "agreements: [agreements/credit.yaml]\n"
    )
    (root / "documents" / "credit.txt").write_text(document)
    (root / "agreements" / "credit.yaml").write_text(
        "id: credit\ntitle: Revolving credit\ndocument: documents/credit.txt\n"
        "dated: {value: 1998-08-19, assumed: the test's agreement}\n"
        "clauses:\n" + before + "  - id: interest\n    type: interest\n" + clause
    )
    (root / "facts" / "balances.csv").write_text("date,agreement,outstanding\n" + balances)
    (root / "facts" / "rates.csv").write_text("date,index,rate\n" + rates)
    if financials:
        (root / "facts" / "financials.csv").write_text(
            "period_end,item,amount,basis\n" + financials
        )
    return root


def run(root: Path, as_of: date) -> AgreementFindings:
    return evaluate(load_portfolio(root), as_of).agreement("credit")


LIBOR = '    index: {value: LIBOR, cite: "Daily Three Month LIBOR plus the Applicable Margin"}\n'


def test_a_months_interest_on_daily_balances_with_a_rate_change_mid_month(tmp_path: Path) -> None:
    # June 2003, 30 days, actual/360, LIBOR + 2.75% (fixed here):
    #   June 1-10:  1,000,000 x (5.25% + 2.75% = 8.00%) = 80,000 a day x 10  =   800,000
    #   June 11-15: 1,500,000 x 8.00% = 120,000 x 5                          =   600,000
    #   June 16-30: 1,500,000 x (5.50% + 2.75% = 8.25%) = 123,750 x 15       = 1,856,250
    #   sum 3,256,250 / 360 = 9,045.13888... -> 9,045.14 at the end of the month
    root = write(
        tmp_path,
        LIBOR + '    margin: {value: 0.0275, cite: "2.75%"}\n' + DAY_COUNT,
        balances="2003-05-20,credit,1000000\n2003-06-11,credit,1500000\n",
        rates="2003-05-30,LIBOR,0.0525\n2003-06-16,LIBOR,0.0550\n",
    )
    value = run(root, date(2003, 7, 15)).value("interest")
    assert value.value == Decimal("9045.14")
    assert value.label == "Interest, 2003-06-01 to 2003-06-30"
    assert value.trace is not None
    inputs = dict(value.trace.inputs)
    assert inputs["exact"] == "9045.13888889"
    assert inputs["rounded"] == "half-up to the cent at the end of the period"
    assert (
        inputs["LIBOR rates"]
        == "rates.csv rows 2: 5.2500% from 2003-05-30; 3: 5.5000% from 2003-06-16"
    )


def test_a_floor_binding_on_the_index(tmp_path: Path) -> None:
    # July 2003, 31 days: LIBOR 0.10% under a 0.75% floor, + 3.00%: 3.75% on 2,000,000
    #   2,000,000 x 3.75% x 31 / 360 = 75,000 x 31 / 360 = 6,458.333... -> 6,458.33
    #   (without the floor: 2,000,000 x 3.10% x 31 / 360 = 5,338.89)
    root = write(
        tmp_path,
        LIBOR
        + "    floor: {value: 0.0075, assumed: an illustrative floor}\n"
        + "    margin: {value: 0.03, assumed: an illustrative margin}\n"
        + DAY_COUNT,
        balances="2003-06-01,credit,2000000\n",
        rates="2003-06-01,LIBOR,0.0010\n",
    )
    value = run(root, date(2003, 7, 31)).value("interest")
    assert value.value == Decimal("6458.33")
    assert value.trace is not None
    assert dict(value.trace.inputs)["floor"] == "0.7500%: binding on 31 of 31 days"


def test_a_negative_margin_over_prime_from_the_utilisation_grid(tmp_path: Path) -> None:
    # Q1 2015 average 6,000,000 (>= 5,000,000): tier II from April 1, Prime - 0.5%.
    # April 2015, 30 days: 6,000,000 x (3.25% - 0.50% = 2.75%) x 30 / 360 = 13,750.00
    root = write(
        tmp_path,
        '    index: {value: Prime Rate, cite: "interest at the Prime Rate"}\n'
        "    grid_column: prime\n" + QUEST_GRID + DAY_COUNT,
        balances="2015-01-01,credit,6000000\n",
        rates="2015-01-01,Prime Rate,0.0325\n",
    )
    found = run(root, date(2015, 4, 30))
    assert found.value("interest").value == Decimal("13750.00")
    assert found.value("grid_prime").value == Decimal("-0.005")
    assert found.value("grid_libor").value == Decimal("0.0275")


def test_a_utilisation_grid_at_exactly_a_tier_bound(tmp_path: Path) -> None:
    # Q1 2015 has 90 days: 4,000,000 Jan 1 - Feb 14 (45 days) and 6,000,000 Feb 15 - Mar 31
    # (45 days): (180,000,000 + 270,000,000) / 90 = 5,000,000 exactly, "Equal to or greater
    # than $5,000,000": tier II, LIBOR + 2.75%. April: 6,000,000 x (0.25% + 2.75% = 3.00%)
    # x 30 / 360 = 15,000.00 (tier I's 3.25% would give 16,250.00).
    root = write(
        tmp_path,
        LIBOR + "    grid_column: libor\n" + QUEST_GRID + DAY_COUNT,
        balances="2015-01-01,credit,4000000\n2015-02-15,credit,6000000\n",
        rates="2015-01-01,LIBOR,0.0025\n",
    )
    found = run(root, date(2015, 4, 30))
    assert found.value("grid_libor").value == Decimal("0.0275")
    assert found.value("interest").value == Decimal("15000.00")
    # one day less at 6,000,000 (from Feb 16): 449,999,999... below the bound, tier I
    root2 = write(
        tmp_path / "below",
        LIBOR + "    grid_column: libor\n" + QUEST_GRID + DAY_COUNT,
        balances="2015-01-01,credit,4000000\n2015-02-16,credit,6000000\n",
        rates="2015-01-01,LIBOR,0.0025\n",
    )
    assert run(root2, date(2015, 4, 30)).value("grid_libor").value == Decimal("0.0325")


MATLACK_DOCUMENT = """\
"LIBO Rate Margin" shall mean the percentage listed in the following table.

Fixed Charge Coverage Ratio                          LIBO Rate Margin

Less than 1.25                                                1.750%
Equal to or greater than 1.25 but less than 1.50     1.375%
Equal to or greater than 1.50 but less than 1.75     1.125%
Equal to or greater than 1.75                        0.875%

with such Fixed Charge Coverage Ratio to be computed as of the last
quarterly compliance period.

"Unused Fee Percentage" shall mean the percentage listed in the following
table.

Fixed Charge Coverage Ratio                          Unused Fee Percentage

Less than 1.25                                                0.375%
Equal to or greater than 1.25 but less than 1.50              0.375%
Equal to or greater than 1.50 but less than 1.75              0.250%
Equal to or greater than 1.75                                 0.250%

(b) LIBO Rate Loans. Each LIBO Rate Loan shall bear interest from its
effective date on the unpaid principal amount thereof at Adjusted LIBO Rate plus
the LIBO Rate Margin. Interest on LIBO Rate Loans shall be computed on the basis
of a year of 360 days, for the actual days elapsed.

7.2. Fixed Charge Coverage Ratio. The Company, on a consolidated basis,
shall not incur a Fixed Charge Coverage Ratio of less than 1.15 to 1.0.
"""

MATLACK_REVOLVER = """\
  - id: facility
    type: revolver
    commitment: {value: 75000000, assumed: the four banks' commitments (Exhibit A)}
    maturity: {value: 2000-08-31, assumed: "the Revolver Termination Date is blank"}
    financial_items:
      balance: []
      flow: [fixed_charge_cash_flow, fixed_charges]
    covenant_tests: {value: fiscal_quarter_end, assumed: quarterly compliance periods}
    covenants:
      - id: min_fixed_charge_coverage
        title: Minimum fixed charge coverage ratio
        bound: minimum
        numerator: fixed_charge_cash_flow
        denominator: fixed_charges
        level: {value: 1.15, cite: "of less than 1.15 to 1.0"}
        measured:
          trailing_quarters: {value: 1, assumed: one quarter to keep the figures simple}
        driver: fixed_charge_cash_flow
"""

MATLACK_GRID = """\
    index: {value: LIBO Rate, cite: "Adjusted LIBO Rate plus the LIBO Rate Margin"}
    grid_column: libo
    day_count: {value: actual/360, cite: "a year of 360 days, for the actual days elapsed"}
    grid:
      keyed_on: {test: facility.min_fixed_charge_coverage}
      effective:
        delivered_days_after: {value: 0, assumed: '"computed as of the last quarterly compliance period": from the day after it'}
      tiers:
        - below: {value: 1.25, cite: "Less than 1.25"}
          rates:
            libo: {value: 0.0175, cite: "1.750%"}
            unused_fee: {value: 0.00375, cite: "0.375%"}
        - at_least: {value: 1.25, cite: "Equal to or greater than 1.25 but less than 1.50"}
          below: {value: 1.50, cite: "Equal to or greater than 1.25 but less than 1.50"}
          rates:
            libo: {value: 0.01375, cite: "1.375%"}
            unused_fee: {value: 0.00375, cite: "0.375%"}
        - at_least: {value: 1.50, cite: "Equal to or greater than 1.50 but less than 1.75"}
          below: {value: 1.75, cite: "Equal to or greater than 1.50 but less than 1.75"}
          rates:
            libo: {value: 0.01125, cite: "1.125%"}
            unused_fee: {value: 0.0025, cite: "0.250%"}
        - at_least: {value: 1.75, cite: "Equal to or greater than 1.75"}
          rates:
            libo: {value: 0.00875, cite: "0.875%"}
            unused_fee: {value: 0.0025, cite: "0.250%"}
"""


def _matlack(root: Path, ratio_cash_flow: str) -> Path:
    return write(
        root,
        MATLACK_GRID,
        document=MATLACK_DOCUMENT,
        before=MATLACK_REVOLVER,
        balances="1998-09-01,credit,10000000\n",
        rates="1998-09-01,LIBO Rate,0.055\n",
        financials=(
            f"1998-09-30,fixed_charge_cash_flow,{ratio_cash_flow},actual\n"
            "1998-09-30,fixed_charges,1000000,actual\n"
        ),
    )


def test_matlacks_grids_at_a_fixed_charge_coverage_of_exactly_1_25(tmp_path: Path) -> None:
    # FCCR at 9/30/98 = 1,250,000 / 1,000,000 = 1.25: "Equal to or greater than 1.25 but less
    # than 1.50": LIBO margin 1.375%, unused fee 0.375%, from October 1.
    # October 1998, 31 days: 10,000,000 x (5.50% + 1.375% = 6.875%) x 31 / 360
    #   = 687,500 x 31 / 360 = 59,201.3888... -> 59,201.39
    found = run(_matlack(tmp_path, "1250000"), date(1998, 10, 31))
    assert found.value("grid_libo").value == Decimal("0.01375")
    assert found.value("grid_unused_fee").value == Decimal("0.00375")
    assert found.value("interest").value == Decimal("59201.39")


def test_matlacks_grids_just_under_and_at_the_top_bound(tmp_path: Path) -> None:
    # 1.2499999: "Less than 1.25": 1.750% and 0.375%; 1.75: the top tier, 0.875% and 0.250%
    under = run(_matlack(tmp_path / "under", "1249999.9"), date(1998, 10, 31))
    assert under.value("grid_libo").value == Decimal("0.0175")
    assert under.value("grid_unused_fee").value == Decimal("0.00375")
    top = run(_matlack(tmp_path / "top", "1750000"), date(1998, 10, 31))
    assert top.value("grid_libo").value == Decimal("0.00875")
    assert top.value("grid_unused_fee").value == Decimal("0.0025")


def test_matlacks_sheet_verifies(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["verify", str(_matlack(tmp_path, "1250000"))])
    assert result.exit_code == 0, result.output
    assert "0 unsourced" in result.output


def test_a_grid_whose_tiers_leave_a_gap_is_refused(tmp_path: Path) -> None:
    # "below 5,000,000" then "above 5,000,000": 5,000,000 itself is in no tier
    grid = QUEST_GRID.replace("at_least: {value: 5000000", "above: {value: 5000000")
    root = write(
        tmp_path,
        LIBOR + "    grid_column: libor\n" + grid + DAY_COUNT,
        balances="2015-01-01,credit,6000000\n",
        rates="2015-01-01,LIBOR,0.0025\n",
    )
    sheet = (root / "agreements" / "credit.yaml").read_text()
    assert_error(
        check(root),
        root,
        "agreements/credit.yaml",
        unit="line",
        number=line_number(sheet, "- id: II"),
        field="interest.grid.tiers.1",
        found=("a gap between",),
        expected=("tiers that cover every figure once",),
    )


def test_an_interest_period_with_a_day_without_an_index_rate_is_refused(tmp_path: Path) -> None:
    # the first LIBOR row is June 2: June 1 has a balance and no rate on or before it
    root = write(
        tmp_path,
        LIBOR + '    margin: {value: 0.0275, cite: "2.75%"}\n' + DAY_COUNT,
        balances="2003-05-20,credit,1000000\n",
        rates="2003-06-02,LIBOR,0.0525\n",
    )
    (root / "portfolio.yaml").write_text(
        (root / "portfolio.yaml").read_text() + "as_of: 2003-07-15\n"
    )
    assert_error(
        check(root),
        root,
        "facts/rates.csv",
        unit="row",
        number=2,
        field="date",
        found=("2003-06-02, the first LIBOR rate, after 2003-06-01",),
        expected=("a LIBOR rate on or before each day of the interest period",),
    )


def test_the_interest_command_day_by_day(tmp_path: Path) -> None:
    root = write(
        tmp_path,
        LIBOR + '    margin: {value: 0.0275, cite: "2.75%"}\n' + DAY_COUNT,
        balances="2003-05-20,credit,1000000\n2003-06-11,credit,1500000\n",
        rates="2003-05-30,LIBOR,0.0525\n2003-06-16,LIBOR,0.0550\n",
    )
    args = ["interest", str(root), "credit", "--from", "2003-06-01", "--to", "2003-06-30"]
    result = CliRunner().invoke(app, [*args, "--daily"])
    assert result.exit_code == 0, result.output
    assert "Interest 2003-06-01 to 2003-06-30: 9045.14" in result.output
    # June 16: 1,500,000 x 8.25% / 360 = 343.75
    assert (
        "2003-06-16       1500000.00   5.5000%   2.7500%   8.2500%     343.750000" in result.output
    )
    bad = CliRunner().invoke(app, [*args[:-1], "2003-05-31"])
    assert bad.exit_code == 2
    # the portfolio's one agreement with an interest clause when none is named
    unnamed = [a for a in args if a != "credit"]
    assert CliRunner().invoke(app, unnamed).output == CliRunner().invoke(app, args).output
    # an agreement the portfolio does not have: one line, no traceback
    unknown = CliRunner().invoke(app, [a if a != "credit" else "loan" for a in args])
    assert unknown.exit_code == 2 and "Traceback" not in unknown.output
    assert unknown.stderr.strip().splitlines() == [
        f"error: {root / 'portfolio.yaml'}: agreement: found 'loan'; expected one of the "
        "portfolio's agreements with an interest clause: credit"
    ]


def test_interest_on_one_facility_of_the_agreement(tmp_path: Path) -> None:
    # balances.csv gives the revolver (no facility) and a term loan (facility term_loan) their
    # own rows; the clause with `facility: term_loan` accrues on the term loan's alone.
    # June 2003, 30 days, actual/360, LIBOR 5.25% + 2.75% = 8.00% on 8,500,000:
    #   8,500,000 x 8.00% x 30 / 360 = 56,666.666... -> 56,666.67
    #   (on the revolver's 1,000,000 it would be 6,666.67)
    root = write(
        tmp_path,
        LIBOR
        + "    facility: term_loan\n"
        + '    margin: {value: 0.0275, cite: "2.75%"}\n'
        + DAY_COUNT,
        rates="2003-05-30,LIBOR,0.0525\n",
    )
    (root / "facts" / "balances.csv").write_text(
        "date,agreement,facility,outstanding\n"
        "2003-05-20,credit,,1000000\n"
        "2003-05-20,credit,term_loan,8500000\n"
    )
    # its value is named by the facility, beside the revolver's `interest`
    assert run(root, date(2003, 7, 15)).value("interest_term_loan").value == Decimal("56666.67")


TERM_LOAN = """\
  - id: term_loan
    type: term_loan
    principal: {value: 1000000, assumed: the test's loan}
    installments: {value: 10, assumed: the test's loan}
    every: {value: month, assumed: the test's loan}
    advanced: {value: 2003-06-16, assumed: the test's Closing Date}
    first_payment: {value: 2003-06-30, assumed: the test's loan}
    maturity: {value: 2004-03-31, assumed: the test's loan}
    prepayments:
      applied: {value: inverse_order_of_maturity, assumed: the test's loan}
"""

ON_THE_TERM_LOAN = (
    LIBOR
    + "    balance_from: term_loan\n"
    + '    margin: {value: 0.0275, cite: "2.75%"}\n'
    + DAY_COUNT
)


def test_interest_on_the_term_loans_own_schedule(tmp_path: Path) -> None:
    # 1,000,000 made on Monday June 16, 2003, in 10 monthly installments of 100,000 from June
    # 30; LIBOR 5.25% + 2.75% = 8.00%, actual/360, no balances.csv row for the loan:
    #   June 1-15: nothing outstanding (no rate needed)
    #   June 16-29: 1,000,000 x 14 days = 14,000,000; June 30: 900,000 (the day of the payment
    #   at the lower balance); sum 14,900,000 x 8% / 360 = 3,311.111... -> 3,311.11
    #   July 1-30: 900,000 x 30 = 27,000,000; July 31: 800,000: 27,800,000 x 8% / 360 =
    #   6,177.777... -> 6,177.78
    root = write(tmp_path, ON_THE_TERM_LOAN, before=TERM_LOAN, rates="2003-05-30,LIBOR,0.0525\n")
    june = run(root, date(2003, 7, 15)).value("interest_term_loan")
    assert june.value == Decimal("3311.11")
    assert june.trace is not None
    balances = dict(june.trace.inputs)["daily balances"]
    assert "900000.00 from 2003-06-30 (installment 1)" in balances
    assert run(root, date(2003, 8, 15)).value("interest_term_loan").value == Decimal("6177.78")


def test_a_prepayment_lowers_the_term_loans_interest_from_its_day(tmp_path: Path) -> None:
    # as above, and 300,000 prepaid on July 10 (applied to the last installments):
    #   July 1-9: 900,000 x 9 = 8,100,000; July 10-30: 600,000 x 21 = 12,600,000;
    #   July 31: 500,000 (installment 2 of 100,000 still due); sum 21,200,000 x 8% / 360 =
    #   4,711.111... -> 4,711.11
    root = write(tmp_path, ON_THE_TERM_LOAN, before=TERM_LOAN, rates="2003-05-30,LIBOR,0.0525\n")
    (root / "facts" / "events.yaml").write_text(
        "- {date: 2003-07-10, agreement: credit, event: term_loan_prepayment, amount: 300000}\n"
    )
    assert run(root, date(2003, 8, 15)).value("interest_term_loan").value == Decimal("4711.11")


def test_balance_from_a_clause_that_is_not_a_term_loan_is_refused(tmp_path: Path) -> None:
    root = write(
        tmp_path,
        ON_THE_TERM_LOAN.replace("balance_from: term_loan", "balance_from: facility"),
        before=TERM_LOAN,
        rates="2003-05-30,LIBOR,0.0525\n",
    )
    sheet = (root / "agreements" / "credit.yaml").read_text()
    assert_error(
        check(root),
        root,
        "agreements/credit.yaml",
        unit="line",
        number=line_number(sheet, "balance_from"),
        field="interest.balance_from",
        found=("'facility'",),
        expected=("the id of a term_loan clause of the sheet (term_loan clauses: term_loan)",),
    )


def test_balance_from_a_term_loan_without_its_advance_is_refused(tmp_path: Path) -> None:
    without = "".join(line for line in TERM_LOAN.splitlines(True) if "advanced" not in line)
    root = write(tmp_path, ON_THE_TERM_LOAN, before=without, rates="2003-05-30,LIBOR,0.0525\n")
    sheet = (root / "agreements" / "credit.yaml").read_text()
    assert_error(
        check(root),
        root,
        "agreements/credit.yaml",
        unit="line",
        number=line_number(sheet, "balance_from"),
        field="interest.balance_from",
        found=("a term loan without `advanced`",),
        expected=("a term_loan clause with `advanced`",),
    )


def test_a_default_rate_tier_the_grid_does_not_have_is_refused(tmp_path: Path) -> None:
    root = write(
        tmp_path,
        LIBOR
        + "    grid_column: libor\n"
        + '    default_rate:\n      add: {value: 0.02, cite: "2%"}\n'
        + '      tier: {value: III, cite: "Tier I"}\n'
        + QUEST_GRID
        + DAY_COUNT,
        balances="2015-01-01,credit,6000000\n",
        rates="2015-01-01,LIBOR,0.0025\n",
    )
    sheet = (root / "agreements" / "credit.yaml").read_text()
    assert_error(
        check(root),
        root,
        "agreements/credit.yaml",
        unit="line",
        number=line_number(sheet, "tier: {value: III"),
        field="interest.default_rate.tier",
        found=("'III'",),
        expected=("the id of one of the tiers of the grid that gives the margin: I, II",),
    )


BASES = """\
    bases:
      - id: libor
        index: {value: LIBOR, cite: "Daily Three Month LIBOR plus the Applicable Margin"}
        grid_column: libor
      - id: prime
        index: {value: Prime Rate, cite: "interest at the Prime Rate"}
        grid_column: prime
"""


def _with_bases(root: Path, balances: str, as_of: str = "") -> Path:
    """The interest clause with LIBOR and Prime Rate bases on Quest's grid; balances.csv with
    a `basis` column."""
    write(
        root,
        BASES + QUEST_GRID + DAY_COUNT,
        rates="2015-01-01,LIBOR,0.0025\n2015-01-01,Prime Rate,0.0325\n",
    )
    (root / "facts" / "balances.csv").write_text("date,agreement,basis,outstanding\n" + balances)
    if as_of:
        (root / "portfolio.yaml").write_text(
            (root / "portfolio.yaml").read_text() + f"as_of: {as_of}\n"
        )
    return root


SPLIT = (
    "2015-01-01,credit,libor,4000000\n"
    "2015-01-01,credit,prime,2000000\n"
    "2015-04-16,credit,libor,6000000\n"
    "2015-04-16,credit,prime,0\n"
)


def test_loans_at_the_borrowers_choice_of_basis_each_at_its_own_rate(tmp_path: Path) -> None:
    # Q1 2015: 4,000,000 LIBOR + 2,000,000 Prime loans, the facility's average 6,000,000
    # (>= 5,000,000): tier II from April 1 (on the LIBOR loans alone, 4,000,000, it would be
    # tier I). April 2015, 30 days, actual/360:
    #   LIBOR loans: 4,000,000 x (0.25% + 2.75% = 3.00%) x 15 days (Apr 1-15) = 1,800,000
    #                6,000,000 x 3.00% x 15 days (Apr 16-30, the Prime loans converted) = 2,700,000
    #                4,500,000 / 360 = 12,500.00
    #   Prime loans: 2,000,000 x (3.25% - 0.50% = 2.75%) x 15 days = 825,000 / 360
    #                = 2,291.666... -> 2,291.67; nothing from Apr 16 (zero, no rate needed)
    #   interest: 12,500.00 + 2,291.67 = 14,791.67
    found = run(_with_bases(tmp_path, SPLIT), date(2015, 4, 30))
    assert found.value("interest_libor").value == Decimal("12500.00")
    assert found.value("interest_prime").value == Decimal("2291.67")
    assert found.value("interest").value == Decimal("14791.67")
    prime = found.value("interest_prime")
    assert prime.trace is not None
    inputs = dict(prime.trace.inputs)
    assert inputs["basis"] == "prime: the loans balances.csv puts at it"
    assert inputs["daily balances"] == (
        "balances.csv rows 3: 2000000.00 from 2015-01-01; 5: 0.00 from 2015-04-16"
    )
    assert inputs["Prime Rate rates"] == "rates.csv rows 3: 3.2500% from 2015-01-01"
    assert inputs["margin"].startswith("-0.5000% 2015-04-01 to 2015-04-30 (tier II: >= 5000000")
    total = found.value("interest")
    assert total.trace is not None
    assert dict(total.trace.inputs) == {"libor": "12500.00", "prime": "2291.67"}


def test_a_basis_with_no_row_yet_is_zero_once_the_facility_has_one(tmp_path: Path) -> None:
    # the Prime loans start on April 16: before, the facility's LIBOR row alone. Q1 2015
    # average 6,000,000: tier II. April: LIBOR 6,000,000 x 3.00% x 15 = 2,700,000 and
    # 4,000,000 x 3.00% x 15 = 1,800,000: 12,500.00; Prime 2,000,000 x 2.75% x 15 = 825,000
    # / 360 = 2,291.67 (Apr 16-30); in all 14,791.67
    balances = (
        "2015-01-01,credit,libor,6000000\n"
        "2015-04-16,credit,libor,4000000\n"
        "2015-04-16,credit,prime,2000000\n"
    )
    found = run(_with_bases(tmp_path, balances), date(2015, 4, 30))
    assert found.value("interest").value == Decimal("14791.67")
    prime = found.value("interest_prime")
    assert prime.trace is not None
    assert dict(prime.trace.inputs)["daily balances"] == (
        "balances.csv rows 0.00 from 2015-01-01 (no prime row yet); 4: 2000000.00 from 2015-04-16"
    )


def test_the_interest_command_gives_each_basis_and_their_sum(tmp_path: Path) -> None:
    root = _with_bases(tmp_path, SPLIT)
    result = CliRunner().invoke(
        app, ["interest", str(root), "credit", "--from", "2015-04-01", "--to", "2015-04-30"]
    )
    assert result.exit_code == 0, result.output
    assert "interest/libor (rate basis)" in result.output
    assert "interest/prime (rate basis)" in result.output
    assert "In all (2 figures): 14791.67" in result.output


def test_a_loan_at_a_basis_the_clause_does_not_have_is_refused(tmp_path: Path) -> None:
    balances = SPLIT + "2015-05-01,credit,sofr,1000000\n"
    root = _with_bases(tmp_path, balances, as_of="2015-05-31")
    assert_error(
        check(root),
        root,
        "facts/balances.csv",
        unit="row",
        number=6,
        field="basis",
        found=("'sofr'",),
        expected=("a rate basis of the interest clause: libor, prime",),
    )


def test_a_facility_with_rows_with_and_without_a_basis_is_refused(tmp_path: Path) -> None:
    root = _with_bases(tmp_path, SPLIT + "2015-05-01,credit,,1000000\n", as_of="2015-05-31")
    assert_error(
        check(root),
        root,
        "facts/balances.csv",
        unit="row",
        number=6,
        field="basis",
        found=("with a basis (row 2) and without one (row 6)",),
        expected=("a basis on every row of a facility, or on none",),
    )


def test_bases_beside_an_index_are_refused(tmp_path: Path) -> None:
    root = write(
        tmp_path,
        LIBOR + BASES + QUEST_GRID + DAY_COUNT,
        balances="2015-01-01,credit,6000000\n",
        rates="2015-01-01,LIBOR,0.0025\n",
    )
    sheet = (root / "agreements" / "credit.yaml").read_text()
    assert_error(
        check(root),
        root,
        "agreements/credit.yaml",
        unit="line",
        number=line_number(sheet, "- id: interest"),
        field="interest",
        found=("bases and index",),
        expected=("bases, each with its index and margin",),
    )


def _obligations(found: AgreementFindings) -> dict[str, tuple[str, Decimal | None, str]]:
    return {
        o.id: (o.due.isoformat(), o.amount, o.note)
        for o in found.obligations
        if o.id.startswith("interest")
    }


def test_interest_due_on_the_first_of_the_next_month_rolled_off_a_sunday(tmp_path: Path) -> None:
    # May 2003, 31 days: 1,000,000 x (5.25% + 2.75% = 8.00%) x 31 / 360 = 6,888.888... ->
    # 6,888.89, "payable monthly in arrears on the first day of each month": June 1, 2003 is a
    # Sunday, rolled (following) to Monday June 2. June's is due July 1 (a Tuesday), its
    # amount not known on May 31.
    root = write(
        tmp_path,
        LIBOR
        + '    margin: {value: 0.0275, cite: "2.75%"}\n'
        + DAY_COUNT
        + "    due:\n"
        + "      day_of_month: {value: 1, assumed: the first day of each month}\n"
        + "      roll: {value: following, assumed: the next Business Day}\n",
        balances="2003-05-01,credit,1000000\n",
        rates="2003-05-01,LIBOR,0.0525\n",
    )
    due = _obligations(run(root, date(2003, 5, 31)))
    assert due["interest-2003-05"] == (
        "2003-06-02",
        Decimal("6888.89"),
        "rolled from 2003-06-01 (a Sunday)",
    )
    assert due["interest-2003-06"] == ("2003-07-01", None, "")
    assert "interest-2003-04" not in due  # no balance before May


def test_interest_due_days_after_the_period_rolled_off_a_holiday(tmp_path: Path) -> None:
    # June 2003's 9,045.14 (the first test's figures), due 4 days after June 30: Friday July 4,
    # Independence Day, rolled to Monday July 7. A month with nothing outstanding owes nothing.
    root = write(
        tmp_path,
        LIBOR
        + '    margin: {value: 0.0275, cite: "2.75%"}\n'
        + DAY_COUNT
        + "    due:\n"
        + "      days_after_period_end: {value: 4, assumed: an illustrative payment day}\n"
        + "      roll: {value: following, assumed: the next Business Day}\n",
        balances="2003-05-20,credit,1000000\n2003-06-11,credit,1500000\n2003-07-01,credit,0\n",
        rates="2003-05-30,LIBOR,0.0525\n2003-06-16,LIBOR,0.0550\n",
    )
    due = _obligations(run(root, date(2003, 7, 2)))
    assert due["interest-2003-06"] == (
        "2003-07-07",
        Decimal("9045.14"),
        "rolled from 2003-07-04 (Independence Day)",
    )
    assert "interest-2003-07" not in due  # nothing outstanding on the as-of date


def test_a_due_with_both_rules_is_refused(tmp_path: Path) -> None:
    root = write(
        tmp_path,
        LIBOR
        + '    margin: {value: 0.0275, cite: "2.75%"}\n'
        + DAY_COUNT
        + "    due:\n"
        + "      day_of_month: {value: 1, assumed: x}\n"
        + "      days_after_period_end: {value: 4, assumed: x}\n",
        balances="2003-05-01,credit,1000000\n",
        rates="2003-05-01,LIBOR,0.0525\n",
    )
    sheet = (root / "agreements" / "credit.yaml").read_text()
    assert_error(
        check(root),
        root,
        "agreements/credit.yaml",
        unit="line",
        number=line_number(sheet, "day_of_month:"),  # the mapping's first line
        field="interest.due",
        found=("day_of_month, days_after_period_end",),
        expected=("one of day_of_month, days_after_period_end",),
    )


# ---- when a figure takes effect: a delivery lag, the first of the next month -----------------


def _matlack_effective(root: Path, effective: str) -> Path:
    """Matlack's grid with the tier `first` ("Less than 1.25") in force until the first
    certificate, and `effective` in place of its delivery on the quarter's last day."""
    grid = MATLACK_GRID.replace(
        "        - below: {value: 1.25",
        "        - id: first\n          below: {value: 1.25",
    ).replace(
        """      effective:
        delivered_days_after: {value: 0, assumed: '"computed as of the last quarterly compliance period": from the day after it'}
""",
        effective
        + "      initial: {value: first, assumed: the tier before the first certificate}\n",
    )
    return write(
        root,
        grid,
        document=MATLACK_DOCUMENT,
        before=MATLACK_REVOLVER,
        balances="1998-09-01,credit,10000000\n",
        rates="1998-09-01,LIBO Rate,0.055\n",
        financials=(
            "1998-09-30,fixed_charge_cash_flow,1250000,actual\n"
            "1998-09-30,fixed_charges,1000000,actual\n"
        ),
    )


FORTY_FIVE_DAYS = """\
      effective:
        delivered_days_after: {value: 45, assumed: the certificate 45 days after the quarter}
"""


def test_a_figure_takes_effect_on_the_first_of_the_month_after_its_certificate(
    tmp_path: Path,
) -> None:
    # The coverage of 9/30/98 (1.25: LIBO + 1.375%) is delivered 45 days later, 11/14/98, and
    # takes effect on the first of the next month, 12/1/98. Until then the initial tier
    # (LIBO + 1.75%):
    #   November 1998, 30 days: 10,000,000 x (5.50% + 1.75% = 7.25%) x 30 / 360
    #     = 725,000 x 30 / 360 = 60,416.666... -> 60,416.67
    #   December 1998, 31 days: 10,000,000 x (5.50% + 1.375% = 6.875%) x 31 / 360
    #     = 687,500 x 31 / 360 = 59,201.3888... -> 59,201.39
    root = _matlack_effective(
        tmp_path,
        FORTY_FIVE_DAYS
        + "        starts: {value: first_of_next_month, assumed: the first day of the month after}\n",
    )
    november = run(root, date(1998, 11, 30))
    assert november.value("interest").value == Decimal("60416.67")
    assert november.value("grid_libo").value == Decimal("0.0175")
    december = run(root, date(1998, 12, 31))
    assert december.value("interest").value == Decimal("59201.39")
    assert december.value("grid_libo").value == Decimal("0.01375")


def test_a_figure_takes_effect_the_day_after_its_certificate(tmp_path: Path) -> None:
    # The same certificate of 11/14/98 in force from the day after, 11/15/98: November is
    # 14 days at 7.25% and 16 days at 6.875% on 10,000,000:
    #   (14 x 725,000 + 16 x 687,500) / 360 = (10,150,000 + 11,000,000) / 360 = 58,750.00
    root = _matlack_effective(tmp_path, FORTY_FIVE_DAYS)
    november = run(root, date(1998, 11, 30)).value("interest")
    assert november.value == Decimal("58750.00")
    assert november.trace is not None
    assert "1998-11-15" in str(november.trace.inputs)


# ---- a grid keyed on another clause's value: the revolver's availability ---------------------

AVAILABILITY_REVOLVER = """\
  - id: facility
    type: revolver
    commitment: {value: 8000000, assumed: the test's commitment}
    maturity: {value: 2017-12-31, assumed: the test's maturity}
    borrowing_base:
      classes:
        - id: accounts
          title: Eligible Accounts
          item: receivables_eligible
          rate: {value: 0.85, assumed: the test's rate}
"""

AVAILABILITY_GRID = """\
    index: {value: LIBOR, assumed: the test's index}
    grid_column: libor
    day_count: {value: actual/360, assumed: the test's day count}
    grid:
      keyed_on: {value: facility.availability}
      tiers:
        - below: {value: 1500000, assumed: "Availability less than $1,500,000"}
          rates: {libor: {value: 0.03, assumed: LIBOR + 3.00%}}
        - at_least: {value: 1500000, assumed: "Availability of $1,500,000 or more"}
          rates: {libor: {value: 0.025, assumed: LIBOR + 2.50%}}
"""


def _on_availability(root: Path, loans: int) -> Path:
    write(
        root,
        AVAILABILITY_GRID,
        before=AVAILABILITY_REVOLVER,
        balances=f"2015-03-01,credit,{loans}\n",
        rates="2015-03-01,LIBOR,0.0025\n",
    )
    (root / "facts" / "collateral.csv").write_text(
        "as_of,item,amount\n2015-03-31,receivables_eligible,8000000\n"
    )
    (root / "facts" / "loans.csv").write_text(
        f"as_of,revolver_outstanding,letters_of_credit,reserves\n2015-03-31,{loans},0,0\n"
    )
    return root


def test_a_grid_keyed_on_availability_exactly_at_the_bound(tmp_path: Path) -> None:
    # 3/31/15: borrowing base 85% x 8,000,000 = 6,800,000 (below the 8,000,000 commitment);
    # loans 5,300,000: availability 1,500,000, exactly the bound, "or more": LIBOR + 2.50%.
    # March 2015, 31 days: 5,300,000 x (0.25% + 2.50% = 2.75%) x 31 / 360
    #   = 145,750 x 31 / 360 = 12,550.694... -> 12,550.69
    at_bound = run(_on_availability(tmp_path / "at", 5300000), date(2015, 3, 31))
    assert at_bound.value("availability").value == Decimal("1500000.00")
    assert at_bound.value("grid_libor").value == Decimal("0.025")
    assert at_bound.value("interest").value == Decimal("12550.69")
    # loans 5,400,000: availability 1,400,000, below: LIBOR + 3.00%.
    #   5,400,000 x 3.25% x 31 / 360 = 175,500 x 31 / 360 = 15,112.50
    below = run(_on_availability(tmp_path / "below", 5400000), date(2015, 3, 31))
    assert below.value("grid_libor").value == Decimal("0.03")
    assert below.value("interest").value == Decimal("15112.50")
