"""The `financial_tests` clause type, with figures worked out by hand.

Quest Solution's fixed charge coverage (the corpus's credit/quest-solution-wells-fargo-
credit-2014.txt, Section 4.3(a)): "measured monthly as of the last day of each month, on a
period-to-date basis for the period commencing on January 1, 2015 ... and on a trailing twelve
month basis for each measurement date occurring on or after December 31, 2015, of not less
than" 1.05 (January to June 2015), 1.10 (July to September), 1.15 (October, November), 1.20
(December 2015 and each month-end thereafter). The financials below are illustrative, monthly
(`months: 1`), chosen so that the period-to-date and the trailing readings give different
verdicts.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

from pactum.clauses.api import registered
from pactum.dates import add_months, month_end
from pactum.evaluate import check as evaluate
from pactum.evaluate import clause_contexts
from pactum.findings import AgreementFindings, Comparator, TestResult
from pactum.portfolio import load_portfolio
from portfolio_support import assert_sheet_error, write_portfolio

QUEST_DOCUMENT = """\
FIXED CHARGE COVERAGE RATIO. Parent will maintain a Fixed Charge Coverage Ratio measured
monthly as of the last day of each month, on a period-to-date basis for the period commencing
on January 1, 2015 and ending on the date of measurement and on a trailing twelve month basis
for each measurement date occurring on or after December 31, 2015, of not less than the ratio
set forth each measurement date below:
January 31, 2015 1.05:1.00
July 31, 2015 1.10:1.00
October 31, 2015 1.15:1.00
December 31, 2015 1.20:1.00
January 31, 2016 and Each month-end thereafter 1.20:1.00
"""

QUEST_SHEET = """\
dated: {value: 2014-12-31, assumed: the agreement's date}
clauses:
  - id: covenants
    type: financial_tests
    financial_items:
      balance: []
      flow: [ebitda, fixed_charges]
    tests:
      - id: fixed_charge_coverage
        title: Minimum fixed charge coverage ratio
        bound: minimum
        numerator: ebitda
        denominator: fixed_charges
        tested:
          every: {value: month_end, cite: "measured monthly as of the last day of each month"}
          first: {value: 2015-01-31, cite: "January 31, 2015"}
        measured:
          - since: {value: 2015-01-01, cite: "the period commencing on January 1, 2015"}
          - trailing_months: {value: 12, cite: "on a trailing twelve month basis"}
            tests_from: {value: 2015-12-31, cite: "on or after December 31, 2015"}
        schedule:
          2015-01-31: {value: 1.05, cite: "January 31, 2015 1.05:1.00"}
          2015-07-31: {value: 1.10, cite: "July 31, 2015 1.10:1.00"}
          2015-10-31: {value: 1.15, cite: "October 31, 2015 1.15:1.00"}
          2015-12-31: {value: 1.20, cite: "December 31, 2015 1.20:1.00"}
"""


def monthly_rows(start: date, amounts: list[tuple[int, int]]) -> str:
    """financials.csv rows, one month each from `start`'s month: (ebitda, fixed charges)."""
    rows = []
    for i, (ebitda, charges) in enumerate(amounts):
        end = month_end(add_months(start, i)).isoformat()
        rows.append(f"{end},ebitda,{ebitda},actual,1\n{end},fixed_charges,{charges},actual,1\n")
    return "".join(rows)


def quest(tmp_path: Path) -> Path:
    write_portfolio(tmp_path, QUEST_SHEET, QUEST_DOCUMENT)
    # 2014: no EBITDA (a trailing reading in 2015 would fail); January 2015: 400,000; then
    # 100,000 a month to December 2015; January 2016: 60,000. Fixed charges 90,000 a month.
    months = [(0, 90000)] * 12 + [(400000, 90000)] + [(100000, 90000)] * 11 + [(60000, 90000)]
    (tmp_path / "facts" / "financials.csv").write_text(
        "period_end,item,amount,basis,months\n" + monthly_rows(date(2014, 1, 1), months)
    )
    return tmp_path


def run(folder: Path, as_of: date) -> AgreementFindings:
    return evaluate(load_portfolio(folder), as_of).agreement("deal")


def results_of(found: AgreementFindings, test_id: str) -> dict[date, TestResult]:
    return {t.test_date: t for t in found.tests if t.id == test_id}


def four(value: Decimal | None) -> Decimal:
    assert value is not None
    return value.quantize(Decimal("0.0001"), ROUND_HALF_UP)


def test_quest_period_to_date_then_trailing_twelve_months(tmp_path: Path) -> None:
    results = results_of(run(quest(tmp_path), date(2016, 2, 15)), "fixed_charge_coverage")
    # monthly from January 2015 to January 2016: thirteen test dates, none in 2014
    assert sorted(results) == [month_end(add_months(date(2015, 1, 1), i)) for i in range(13)]
    jan, jun = results[date(2015, 1, 31)], results[date(2015, 6, 30)]
    # January alone: 400,000 / 90,000 = 4.4444 against 1.05
    assert (four(jan.actual), jan.required, jan.passed) == (
        Decimal("4.4444"),
        Decimal("1.05"),
        True,
    )
    # January to June: (400,000 + 5 x 100,000) / (6 x 90,000) = 900,000 / 540,000 = 1.6667;
    # a trailing twelve months would add 2014's six months of nothing: 0.8333, a breach
    assert (four(jun.actual), jun.passed) == (Decimal("1.6667"), True)
    assert "period to date from 2015-01-01" in jun.trace.formula if jun.trace else False
    # October: 1,300,000 / 900,000 = 1.4444 against 1.15 (from October 31)
    october = results[date(2015, 10, 31)]
    assert (four(october.actual), october.required) == (Decimal("1.4444"), Decimal("1.15"))
    # December 31, 2015 is both the twelve-month period to date and the first trailing twelve
    # months: 1,500,000 / 1,080,000 = 1.3889 against 1.20
    december = results[date(2015, 12, 31)]
    assert (four(december.actual), december.required, december.passed) == (
        Decimal("1.3889"),
        Decimal("1.20"),
        True,
    )
    # January 2016, trailing twelve months February 2015 to January 2016:
    # (11 x 100,000 + 60,000) / (12 x 90,000) = 1,160,000 / 1,080,000 = 1.0741 < 1.20
    # (a period to date since January 2015 would read 1,560,000 / 1,170,000 = 1.3333, a pass)
    january = results[date(2016, 1, 31)]
    assert (four(january.actual), january.required, january.passed) == (
        Decimal("1.0741"),
        Decimal("1.20"),
        False,
    )
    assert january.comparator is Comparator.at_least


def test_quest_breach_is_a_critical_alert(tmp_path: Path) -> None:
    found = run(quest(tmp_path), date(2016, 2, 15))
    breaches = [a.message for a in found.alerts if a.message.startswith("Covenant breach")]
    assert breaches == [
        "Covenant breach: Minimum fixed charge coverage ratio at 2016-01-31: required >= "
        "1.2000, actual 1.0741, shortfall 0.1259."
    ]


def test_the_quest_sheets_quotes_verify(tmp_path: Path) -> None:
    from pactum.verify import verify_portfolio

    report = verify_portfolio(load_portfolio(quest(tmp_path)))
    failures = [f for f in report.findings if f.status == "fail"]
    assert failures == []


# ---- a cash-burn table whose measuring period grows from 3 to 12 months ---------------------

CASH_BURN = """\
dated: {value: 2015-06-30, assumed: the agreement's date}
clauses:
  - id: covenants
    type: financial_tests
    financial_items: {balance: [], flow: [cash_burn]}
    tests:
      - id: cash_burn
        title: Maximum cash burn
        bound: maximum
        metric: cash_burn
        tested: {every: quarter_end}
        measured:
          - {trailing_months: 3, tests_from: 2016-03-31, tests_through: 2016-03-31}
          - {trailing_months: 6, tests_from: 2016-06-30, tests_through: 2016-06-30}
          - {trailing_months: 9, tests_from: 2016-09-30, tests_through: 2016-09-30}
          - {trailing_months: 12, tests_from: 2016-12-31, tests_through: 2016-12-31}
        schedule:
          2016-03-31: 1100000
          2016-06-30: 2100000
          2016-09-30: 3100000
          2016-12-31: 4400000
"""


def test_a_cash_burn_table_growing_from_three_to_twelve_months(tmp_path: Path) -> None:
    write_portfolio(tmp_path, CASH_BURN)
    quarters = {
        "2015-12-31": 5000000,  # outside the table: never tested
        "2016-03-31": 1000000,
        "2016-06-30": 1200000,
        "2016-09-30": 800000,
        "2016-12-31": 1500000,
        "2017-03-31": 9000000,  # after the table: never tested
    }
    (tmp_path / "facts" / "financials.csv").write_text(
        "period_end,item,amount\n" + "".join(f"{d},cash_burn,{a}\n" for d, a in quarters.items())
    )
    results = results_of(run(tmp_path, date(2017, 6, 30)), "cash_burn")
    # 3 months 1,000,000 <= 1,100,000; 6 months 2,200,000 > 2,100,000; 9 months 3,000,000
    # <= 3,100,000; 12 months 4,500,000 > 4,400,000
    assert {d.isoformat(): (r.actual, r.passed) for d, r in results.items()} == {
        "2016-03-31": (Decimal("1000000"), True),
        "2016-06-30": (Decimal("2200000"), False),
        "2016-09-30": (Decimal("3000000"), True),
        "2016-12-31": (Decimal("4500000"), False),
    }
    assert results[date(2016, 12, 31)].headroom == Decimal("-100000")


def test_monthly_rows_make_up_a_quarter(tmp_path: Path) -> None:
    # the same cash-burn test on monthly rows: Q1 2016 = 300,000 + 300,000 + 400,000
    write_portfolio(tmp_path, CASH_BURN)
    rows = "".join(
        f"{d},cash_burn,{a},actual,1\n"
        for d, a in (("2016-01-31", 300000), ("2016-02-29", 300000), ("2016-03-31", 400000))
    )
    (tmp_path / "facts" / "financials.csv").write_text(
        "period_end,item,amount,basis,months\n" + rows
    )
    results = results_of(run(tmp_path, date(2016, 4, 30)), "cash_burn")
    assert (results[date(2016, 3, 31)].actual, results[date(2016, 3, 31)].passed) == (
        Decimal("1000000"),
        True,
    )


# ---- inclusive and strict bounds, exactly at the level ------------------------------------

BOUNDS = """\
dated: {value: 2015-12-31, assumed: the agreement's date}
clauses:
  - id: covenants
    type: financial_tests
    financial_items: {balance: [debt], flow: [ebitda, interest]}
    tests:
      - id: coverage
        title: Interest coverage
        bound: minimum
        inclusive: INCLUSIVE
        numerator: ebitda
        denominator: interest
        tested: {every: quarter_end}
        level: 1.25
      - id: leverage
        title: Leverage
        bound: maximum
        inclusive: INCLUSIVE
        numerator: debt
        denominator: ebitda
        tested: {every: quarter_end}
        level: 2.50
"""


@pytest.mark.parametrize(
    ("inclusive", "passed", "comparators"),
    [
        ("true", True, (Comparator.at_least, Comparator.at_most)),
        ("false", False, (Comparator.more_than, Comparator.less_than)),
    ],
)
def test_a_figure_exactly_at_the_level(
    tmp_path: Path, inclusive: str, passed: bool, comparators: tuple[Comparator, Comparator]
) -> None:
    write_portfolio(tmp_path, BOUNDS.replace("INCLUSIVE", inclusive))
    # coverage 1,250,000 / 1,000,000 = 1.25 exactly; leverage 3,125,000 / 1,250,000 = 2.50
    (tmp_path / "facts" / "financials.csv").write_text(
        "period_end,item,amount\n2016-03-31,ebitda,1250000\n2016-03-31,interest,1000000\n"
        "2016-03-31,debt,3125000\n"
    )
    found = run(tmp_path, date(2016, 4, 30))
    coverage = results_of(found, "coverage")[date(2016, 3, 31)]
    leverage = results_of(found, "leverage")[date(2016, 3, 31)]
    assert (coverage.actual, leverage.actual) == (Decimal("1.25"), Decimal("2.5"))
    assert (coverage.passed, leverage.passed) == (passed, passed)
    assert (coverage.comparator, leverage.comparator) == comparators


# ---- a zero or negative denominator, as the sheet says ------------------------------------


@pytest.mark.parametrize(
    ("policy", "interest", "passed", "note"),
    [
        ("", "0", None, "interest is zero: the ratio is undefined"),
        ("when_denominator_not_positive: passes", "0", True, "interest is zero: the test passes"),
        ("when_denominator_not_positive: fails", "-5000", False, "is negative (-5000.00)"),
    ],
)
def test_a_denominator_that_is_not_positive(
    tmp_path: Path, policy: str, interest: str, passed: bool | None, note: str
) -> None:
    sheet = BOUNDS.replace("INCLUSIVE", "true").replace(
        "        level: 1.25\n", f"        level: 1.25\n        {policy}\n"
    )
    write_portfolio(tmp_path, sheet)
    (tmp_path / "facts" / "financials.csv").write_text(
        "period_end,item,amount\n2016-03-31,ebitda,1250000\n"
        f"2016-03-31,interest,{interest}\n2016-03-31,debt,3125000\n"
    )
    coverage = results_of(run(tmp_path, date(2016, 4, 30)), "coverage")[date(2016, 3, 31)]
    assert (coverage.actual, coverage.passed) == (None, passed)
    assert note in coverage.note


# ---- an amount's level may be negative; a schedule keyed by a named date -------------------

NAMED = """\
dated: {value: 2015-12-31, assumed: the agreement's date}
dates:
  closing: {value: 2016-02-15, assumed: the closing}
  first_test: {end_of_month: {after: closing, months: 1}}
clauses:
  - id: covenants
    type: financial_tests
    financial_items: {balance: [], flow: [ebitda]}
    tests:
      - id: minimum_ebitda
        title: Minimum EBITDA
        bound: minimum
        metric: ebitda
        tested: {every: month_end}
        schedule:
          first_test: {value: -2000000, assumed: "a loss of at most $2,000,000"}
"""


def test_a_minimum_loss_from_a_named_date(tmp_path: Path) -> None:
    write_portfolio(tmp_path, NAMED)
    rows = "".join(
        f"{d},ebitda,{a},actual,1\n"
        for d, a in (("2016-02-29", -9000000), ("2016-03-31", -1500000), ("2016-04-30", -2500000))
    )
    (tmp_path / "facts" / "financials.csv").write_text(
        "period_end,item,amount,basis,months\n" + rows
    )
    results = results_of(run(tmp_path, date(2016, 5, 15)), "minimum_ebitda")
    # first_test: the end of the month a month after February 15 = March 31, 2016; February's
    # loss of 9,000,000 is before any level; March: -1,500,000 >= -2,000,000 (headroom
    # 500,000); April: -2,500,000 fails
    assert sorted(results) == [date(2016, 3, 31), date(2016, 4, 30)]
    march, april = results[date(2016, 3, 31)], results[date(2016, 4, 30)]
    assert (march.passed, march.headroom) == (True, Decimal("500000"))
    assert (april.passed, april.headroom) == (False, Decimal("-500000"))


# ---- bad input ------------------------------------------------------------------------------


def test_overlapping_measuring_rows_are_refused(tmp_path: Path) -> None:
    sheet = CASH_BURN.replace(
        "{trailing_months: 6, tests_from: 2016-06-30,",
        "{trailing_months: 6, tests_from: 2016-03-31,",
    )
    write_portfolio(tmp_path, sheet)
    assert_sheet_error(
        tmp_path,
        "{trailing_months: 6, tests_from: 2016-03-31",
        "covenants.tests.0.measured.1.tests_from",
        "2016-03-31",
        ("none overlapping",),
    )


def test_an_unknown_date_in_a_schedule_is_refused(tmp_path: Path) -> None:
    write_portfolio(
        tmp_path, NAMED.replace("          first_test: {value", "          frist_test: {value")
    )
    assert_sheet_error(
        tmp_path,
        "frist_test: {value",
        "covenants.tests.0.schedule.frist_test",
        "'frist_test'",
        ("dates:",),
    )


def test_a_period_to_date_from_mid_month_is_refused(tmp_path: Path) -> None:
    write_portfolio(tmp_path, QUEST_SHEET.replace("2015-01-01, cite", "2015-01-15, cite"))
    assert_sheet_error(
        tmp_path,
        "since: {value: 2015-01-15",
        "covenants.tests.0.measured.0.since",
        "2015-01-15",
        ("first day",),
    )


def test_a_test_with_no_test_dates_is_refused(tmp_path: Path) -> None:
    write_portfolio(tmp_path, NAMED.replace("        tested: {every: month_end}\n", ""))
    assert_sheet_error(
        tmp_path, "- id: minimum_ebitda", "covenants.tests.0", "no `tested`", ("every",)
    )


# ---- the compliance certificate of a financial_tests clause ----------------------------------


def test_a_compliance_certificate_of_the_tests(tmp_path: Path) -> None:
    portfolio = load_portfolio(quest(tmp_path))
    on = date(2016, 2, 15)
    findings = evaluate(portfolio, on).agreement("deal")
    [(ctx, _)] = clause_contexts(portfolio.agreements["deal"], portfolio, on)
    [document] = registered("financial_tests").documents(ctx, findings)
    cells = [str(figure.value) for _, figure in document.figures()]
    # the latest actual test on or before the as-of date: January 31, 2016, failed
    assert "Minimum fixed charge coverage ratio" in cells
    assert "FAIL" in cells
    assert "2016-01-31" in cells


def test_quarterly_history_and_monthly_rows_make_up_a_trailing_year(tmp_path: Path) -> None:
    # a company that reported quarterly until 2015 and monthly from 2016: the twelve months to
    # June 30, 2016 are Q3 2015 (300,000) + Q4 2015 (300,000) + six months of 100,000 = 1,200,000
    sheet = CASH_BURN.replace(
        """        measured:
          - {trailing_months: 3, tests_from: 2016-03-31, tests_through: 2016-03-31}
          - {trailing_months: 6, tests_from: 2016-06-30, tests_through: 2016-06-30}
          - {trailing_months: 9, tests_from: 2016-09-30, tests_through: 2016-09-30}
          - {trailing_months: 12, tests_from: 2016-12-31, tests_through: 2016-12-31}
""",
        "        measured: {trailing_months: 12}\n",
    )
    write_portfolio(tmp_path, sheet)
    rows = ["2015-09-30,cash_burn,300000,actual,3", "2015-12-31,cash_burn,300000,actual,3"]
    rows += [f"{month_end(date(2016, m, 1))},cash_burn,100000,actual,1" for m in range(1, 7)]
    (tmp_path / "facts" / "financials.csv").write_text(
        "period_end,item,amount,basis,months\n" + "\n".join(rows) + "\n"
    )
    result = results_of(run(tmp_path, date(2016, 7, 15)), "cash_burn")[date(2016, 6, 30)]
    assert (result.actual, result.note) == (Decimal("1200000"), "")


# ---- the fiscal year to date, a last test date, a perpetual step; the fiscal year end --------

FISCAL = """\
dated: {value: 2015-07-01, assumed: the agreement's date}
clauses:
  - id: covenants
    type: financial_tests
    financial_items: {balance: [], flow: [ebitda]}
    tests:
      - id: ebitda_to_date
        title: Minimum EBITDA for the fiscal year to date
        bound: minimum
        metric: ebitda
        tested: {every: quarter_end, first: 2015-09-30, last: 2016-06-30}
        measured: {fiscal_year_to_date: true}
        schedule:
          2015-09-30: 100000
        then: {add: 100000, every: quarter}
      - id: ebitda_for_the_year
        title: Minimum EBITDA for the fiscal year
        bound: minimum
        metric: ebitda
        tested: {every: fiscal_year_end}
        measured: {fiscal_year_to_date: true}
        level: 500000
"""


def test_the_fiscal_year_to_date_to_a_last_test_date_with_a_perpetual_step(
    tmp_path: Path,
) -> None:
    # A fiscal year ending June 30: quarters of 150,000 EBITDA from January 2015 to September
    # 2016. Fiscal year to date from July 1, 2015:
    #   9/30/15: 150,000 >= 100,000            (the schedule)
    #   12/31/15: 300,000 >= 200,000           (then + 100,000 a quarter)
    #   3/31/16: 450,000 >= 300,000
    #   6/30/16: 600,000 >= 400,000, headroom 200,000
    #   9/30/16: after `last`: not tested (fiscal 2017 to date would be 150,000 < 500,000)
    # A trailing year would read 600,000 at 12/31/15 already; the Q1 and Q2 2015 rows belong
    # to fiscal 2015 and are not counted.
    write_portfolio(tmp_path, FISCAL, calendar="fiscal_year_end_month: 6\n")
    quarters = ["2015-03-31", "2015-06-30", "2015-09-30", "2015-12-31", "2016-03-31"]
    quarters += ["2016-06-30", "2016-09-30"]
    (tmp_path / "facts" / "financials.csv").write_text(
        "period_end,item,amount,basis,months\n"
        + "".join(f"{d},ebitda,150000,actual,3\n" for d in quarters)
    )
    found = run(tmp_path, date(2016, 10, 31))
    to_date = results_of(found, "ebitda_to_date")
    assert {d.isoformat(): (r.actual, r.required, r.passed) for d, r in to_date.items()} == {
        "2015-09-30": (Decimal("150000"), Decimal("100000"), True),
        "2015-12-31": (Decimal("300000"), Decimal("200000"), True),
        "2016-03-31": (Decimal("450000"), Decimal("300000"), True),
        "2016-06-30": (Decimal("600000"), Decimal("400000"), True),
    }
    assert to_date[date(2016, 6, 30)].headroom == Decimal("200000")
    trace = to_date[date(2015, 12, 31)].trace
    assert trace is not None and "fiscal year to date from 2015-07-01" in trace.formula
    # tested at each fiscal year end after the agreement's date: June 30, 2016 only, over
    # July 2015 to June 2016: 4 x 150,000 = 600,000 >= 500,000
    for_the_year = results_of(found, "ebitda_for_the_year")
    assert {d.isoformat(): (r.actual, r.passed) for d, r in for_the_year.items()} == {
        "2016-06-30": (Decimal("600000"), True)
    }


# ---- headroom in the driving item; a forecast's projected failure ----------------------------

LEVERAGE = """\
dated: {value: 2015-12-31, assumed: the agreement's date}
clauses:
  - id: covenants
    type: financial_tests
    financial_items: {balance: [debt], flow: [ebitda]}
    tests:
      - id: leverage
        title: Maximum leverage
        bound: maximum
        numerator: debt
        denominator: ebitda
        tested: {every: quarter_end}
        level: 3.00
        driver: ebitda
"""


def test_headroom_in_the_driver_and_a_projected_failure(tmp_path: Path) -> None:
    # 3/31/16 actual: 2,400,000 / 1,000,000 = 2.40 <= 3.00, headroom 0.60; EBITDA may fall to
    # 2,400,000 / 3.00 = 800,000: 200,000 of headroom in EBITDA.
    # 6/30/16 forecast: 3,300,000 / 1,000,000 = 3.30 > 3.00: a projected failure, short 0.30,
    # a warning (not a breach).
    write_portfolio(tmp_path, LEVERAGE)
    (tmp_path / "facts" / "financials.csv").write_text(
        "period_end,item,amount,basis\n"
        "2016-03-31,debt,2400000,actual\n2016-03-31,ebitda,1000000,actual\n"
        "2016-06-30,debt,3300000,forecast\n2016-06-30,ebitda,1000000,forecast\n"
    )
    found = run(tmp_path, date(2016, 4, 30))
    results = results_of(found, "leverage")
    march, june = results[date(2016, 3, 31)], results[date(2016, 6, 30)]
    assert (march.actual, march.passed, march.headroom) == (
        Decimal("2.4"),
        True,
        Decimal("0.6"),
    )
    assert march.driver_headroom is not None
    assert (march.driver_headroom.item, march.driver_headroom.amount) == (
        "ebitda",
        Decimal("200000"),
    )
    # how it follows: EBITDA is the denominator, so it may fall by ebitda - debt / required
    trace = march.driver_headroom.trace
    assert trace is not None
    assert trace.formula == "ebitda - debt / required"
    assert dict(trace.inputs) == {"debt": "2400000.00", "required": "3.00", "ebitda": "1000000.00"}
    assert (june.actual, june.passed, june.basis.value) == (Decimal("3.3"), False, "forecast")
    messages = [a.message for a in found.alerts]
    assert (
        "Projected failure: Maximum leverage at 2016-06-30: required <= 3.0000, projected "
        "3.3000, shortfall 0.3000."
    ) in messages
    assert not any(m.startswith("Covenant breach") for m in messages)
    # the same forecast read after its test date: past, on the forecast alone (this clause
    # type states no due date for statements)
    later = [a.message for a in run(tmp_path, date(2016, 7, 15)).alerts]
    assert (
        "Projected failure: Maximum leverage at 2016-06-30: required <= 3.0000, projected "
        "3.3000, shortfall 0.3000. The test date has passed and the financials hold only the "
        "forecast for it."
    ) in later


COVERAGE_WITH_A_SHARE = """\
dated: {value: 2015-12-31, assumed: the agreement's date}
clauses:
  - id: covenants
    type: financial_tests
    financial_items: {balance: [], flow: [ebitda, interest]}
    definitions:
      charges: {value: interest + 0.10 * ebitda, assumed: a charge that grows with EBITDA}
    tests:
      - id: coverage
        title: Minimum coverage
        bound: minimum
        numerator: ebitda
        denominator: charges
        tested: {every: quarter_end}
        level: 1.50
        driver: ebitda
"""


def test_the_driver_headroom_where_the_driver_is_on_both_sides(tmp_path: Path) -> None:
    # 1,000,000 / (300,000 + 0.10 x 1,000,000) = 2.50 >= 1.50. EBITDA falling by x:
    # (1,000,000 - x) = 1.50 x (400,000 - 0.10 x) -> 400,000 = 0.85 x -> x = 470,588.2353;
    # each side moves with EBITDA at its own rate (1 and 0.10), given in the trace
    write_portfolio(tmp_path, COVERAGE_WITH_A_SHARE)
    (tmp_path / "facts" / "financials.csv").write_text(
        "period_end,item,amount,basis\n"
        "2016-03-31,ebitda,1000000,actual\n2016-03-31,interest,300000,actual\n"
    )
    march = results_of(run(tmp_path, date(2016, 4, 30)), "coverage")[date(2016, 3, 31)]
    driver = march.driver_headroom
    assert driver is not None and driver.trace is not None
    assert driver.amount.quantize(Decimal("0.01"), ROUND_HALF_UP) == Decimal("470588.24")
    assert driver.trace.formula == (
        "-(required x charges - ebitda) / (ebitda per 1 - required x charges per 1)"
    )
    inputs = dict(driver.trace.inputs)
    assert (inputs["ebitda"], inputs["charges"], inputs["required"]) == (
        "1000000.00",
        "400000.00",
        "1.50",
    )
    assert Decimal(inputs["ebitda per 1 of ebitda"]) == 1
    assert Decimal(inputs["charges per 1 of ebitda"]) == Decimal("0.10")
