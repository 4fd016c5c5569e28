"""The corpus's Quest Solution credit agreement as an example, `examples/quest/`: the Credit
Agreement of December 31, 2014 with Wells Fargo (EDGAR ex-99.1), its figures worked out by
hand from the text and from the illustrative facts (examples/quest/facts/README.md).

From the text (the corpus README's checks): origination fee $40,000 = 0.50% x $8,000,000;
termination fee 3.0% x $8,000,000 = $240,000.00 on or before the first anniversary
(2015-12-31), 0.50% x $8,000,000 = $40,000.00 after it.

From the illustrative facts:
- Borrowing base at 2015-03-31 from the receivables aging (gross $9,620,000): aged more than
  90 days from invoice: Bolt's 12/15/14 invoice $300,000 (106 days) and Cobalt's 12/20/14
  $200,000 (101 days) = $500,000; cross-aged: Cobalt's aged share is 200,000 / 800,000 =
  exactly 25%, "25% or more", so its other $600,000; Bolt's 300,000 / 1,500,000 = 20% is not;
  foreign (Germany; Canada is allowed) $400,000; affiliate $100,000; government $240,000;
  disputed $160,000; bill and hold $120,000. Left: 9,620,000 - 2,120,000 = 7,500,000.
  Concentration, 15% of the $7,500,000 = $1,125,000 a debtor: Acme 4,000,000 - 1,125,000 =
  2,875,000 and Bolt 1,200,000 - 1,125,000 = 75,000 over: $2,950,000. Eligible $4,550,000;
  x 85% = $3,867,500.00; less LC 200,000, reserves 100,000, other Obligations 50,000:
  $3,517,500.00 (the commitment side, 8,000,000 - 200,000, is larger); availability
  3,517,500 - 3,000,000 = $517,500.00.
- 2015-10-31: eligible $10,000,000 x 85% = 8,500,000 - 350,000 = 8,150,000 > 7,800,000: the
  Maximum Revolver Amount less the LC binds; availability 7,800,000 - 6,500,000 = 1,300,000.
- Fixed charge coverage, monthly fixed charges 20,000 + 80,000 = 100,000, numerator EBITDA
  - 10,000 capex - 5,000 taxes: Jan-Mar 130 + 110 + 100 = 340 / 300 = 1.1333 >= 1.05;
  Jan-Jul 720 / 700 = 1.0286 < 1.10 (fails); Jan-Oct 1,150 / 1,000 = 1.15, exactly the level
  (passes); Jan-Dec 1,440 / 1,200 = 1.20 exactly; trailing Feb 2015-Jan 2016 (1,440 - 130 +
  100) / 1,200 = 1.175 < 1.20 (fails).
- Capex: 20,000 a month and 90,000 in December: 2015 total 11 x 20,000 + 90,000 = 310,000 >
  300,000 (fails by 10,000); November 220,000 passes.
- Interest, actual/360: March 2015 at tier I (Q4 2014 averaged $0: no Advances before the
  Closing Date): 3,000,000 x (0.26% + 3.25%) x 31 / 360 = 9,067.50; July 2015 at tier II
  (Q2 averaged 6,000,000 >= 5,000,000): 6,500,000 x (0.28% + 2.75%) x 31 / 360 =
  16,959.5833 -> 16,959.58.
- Unused fee 0.50%, actual/360: the closing day 2014-12-31 (nothing drawn): 8,000,000 x
  0.005 / 360 = 111.11; March 2015: 5,000,000 x 0.005 x 31 / 360 = 2,152.7777 -> 2,152.78;
  July 2015: 1,500,000 x 0.005 x 31 / 360 = 645.83.
- Deadlines: the January 2015 statements 25 days after 1/31/15: Wednesday 2/25/15; the
  December 2014 ones 1/25/15, a Sunday, not rolled; Scansource's subordination 20 days after
  closing: 1/20/15; the 2015 audit 90 days after 12/31/15: 3/30/16.
- The Borrowers' termination window closes 30 days before the Maturity Date (12/31/17):
  2017-12-01; maturity is 90 days away on 2017-10-02.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from bad_input_support import run
from pactum.evaluate import check as evaluate
from pactum.findings import AgreementFindings, Obligation, TestResult
from pactum.obligations_calendar import obligation_calendar
from pactum.portfolio import load_portfolio

QUEST = Path(__file__).resolve().parents[1] / "examples" / "quest"
AGREEMENT = "quest-wells-fargo"


@pytest.fixture
def quest(tmp_path: Path) -> Path:
    """A private copy of the example, for tests that add events."""
    folder = tmp_path / "quest"
    shutil.copytree(QUEST, folder)
    return folder


def findings(as_of: date, folder: Path = QUEST) -> AgreementFindings:
    return evaluate(load_portfolio(folder), as_of).agreement(AGREEMENT)


def money(found: AgreementFindings, value_id: str) -> Decimal:
    value = found.value(value_id).value
    assert isinstance(value, Decimal), value
    return value


def result_of(found: AgreementFindings, test_id: str, test_date: date) -> TestResult:
    (result,) = [t for t in found.tests if t.id == test_id and t.test_date == test_date]
    return result


def obligations(as_of: date, folder: Path = QUEST) -> dict[str, Obligation]:
    return {o.id: o for o in findings(as_of, folder).obligations}


def test_the_document_is_the_corpus_text_unchanged() -> None:
    data = (QUEST / "documents" / "quest-solution-wells-fargo-credit-2014.txt").read_bytes()
    blob = hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()  # git's blob id
    assert blob == "67eedae127e98a35e0adcc5ee957de67bb0a7d39"


def test_verify_passes_the_corpus_found_no_inconsistency() -> None:
    # the stated figure is the origination fee: 0.005 x 8,000,000 = 40,000, as the corpus found
    result = run("verify", str(QUEST))
    assert result.exit_code == 0, result.output
    output = " ".join(result.output.split())
    assert (
        "quest-wells-fargo: 74 cited, 20 assumed, 0 unsourced; 1 stated figures recomputed"
        in output
    )
    assert "0 failures" in output


def test_check_runs_at_the_default_date() -> None:
    result = run("check", str(QUEST))
    assert result.exit_code == 0, result.output
    assert "Quest Solution, Inc. as of 2015-03-31" in result.output
    # each clause type once, with how many clauses have it
    assert (
        "(quest-wells-fargo: revolver, financial_tests, interest, 3 fees, deadlines, options, "
        "notices)"
    ) in " ".join(result.output.split())
    # the monthly covenant's items are read (by the financial_tests clause)
    assert "is read by no agreement" not in result.output


def test_borrowing_base_from_the_aging_with_cross_aging_at_exactly_25_percent() -> None:
    found = findings(date(2015, 3, 31))
    assert money(found, "accounts_advance") == Decimal("3867500.00")
    assert money(found, "borrowing_base") == Decimal("3517500.00")
    assert money(found, "line_cap") == Decimal("3517500.00")
    assert money(found, "availability") == Decimal("517500.00")


def test_the_maximum_revolver_amount_less_letters_of_credit_binds() -> None:
    found = findings(date(2015, 10, 31))
    assert money(found, "borrowing_base") == Decimal("8150000.00")
    assert money(found, "line_cap") == Decimal("7800000.00")
    assert money(found, "availability") == Decimal("1300000.00")


@pytest.mark.parametrize(
    ("test_date", "required", "actual", "passed"),
    [
        (date(2015, 3, 31), "1.05", "1.1333", True),  # period to date, 3 months
        (date(2015, 7, 31), "1.10", "1.0286", False),  # the level steps up in July
        (date(2015, 10, 31), "1.15", "1.1500", True),  # exactly the level: "not less than"
        (date(2015, 12, 31), "1.20", "1.2000", True),  # twelve months either way
        (date(2016, 1, 31), "1.20", "1.1750", False),  # trailing twelve months
    ],
)
def test_fixed_charge_coverage(test_date: date, required: str, actual: str, passed: bool) -> None:
    result = result_of(findings(test_date), "fixed_charge_coverage", test_date)
    assert result.required == Decimal(required)
    assert result.actual is not None
    assert result.actual.quantize(Decimal("0.0001")) == Decimal(actual)
    assert result.passed is passed


def test_capital_expenditures_in_the_fiscal_year() -> None:
    november = result_of(findings(date(2015, 11, 30)), "capital_expenditures", date(2015, 11, 30))
    assert (november.actual, november.passed) == (Decimal("220000"), True)
    december = result_of(findings(date(2015, 12, 31)), "capital_expenditures", date(2015, 12, 31))
    assert (december.actual, december.passed) == (Decimal("310000"), False)
    january = result_of(findings(date(2016, 1, 31)), "capital_expenditures", date(2016, 1, 31))
    assert (january.actual, january.passed) == (Decimal("20000"), True)  # a new fiscal year


def test_interest_on_the_pricing_grid_by_average_quarterly_advances() -> None:
    march = findings(date(2015, 3, 31))
    assert money(march, "interest") == Decimal("9067.50")
    assert march.value("grid_libor").value == Decimal("0.0325")
    july = findings(date(2015, 7, 31))
    assert money(july, "interest") == Decimal("16959.58")
    assert july.value("grid_libor").value == Decimal("0.0275")
    assert july.value("grid_prime").value == Decimal("-0.005")  # Prime less 0.5%


def test_unused_fee_and_the_fixed_fees() -> None:
    assert money(findings(date(2015, 3, 31)), "fee_unused") == Decimal("2152.78")
    assert money(findings(date(2015, 7, 31)), "fee_unused") == Decimal("645.83")
    entries = obligation_calendar(
        load_portfolio(QUEST), date(2015, 3, 31), date(2014, 12, 31), date(2015, 5, 31)
    ).entries
    due = {e.obligation.id: e.obligation for e in entries}
    assert due["fee-unused-2014-12"].amount == Decimal("111.11")  # the closing day alone
    assert due["fee-origination"].amount == Decimal("40000.00")
    assert due["fee-collateral_monitoring-2015-01"].amount == Decimal("500.00")
    # two examiner-days of the illustrative exam
    assert due["fee-collateral_exam-2015-05-12"].amount == Decimal("1080.00")
    assert due["fee-collateral_exam-2015-05-13"].amount == Decimal("1080.00")


def test_each_fees_clause_keeps_its_own_yearly_cost() -> None:
    # three `fees` clauses each give annual_fee_cost, one_time_fees and first_year_fee_cost:
    # each is listed under its clause, none hides another. The first clause's, by hand:
    # collateral monitoring 12 x $500 + collateral exams 3 a year x $1,080 = $9,240.00
    # recurring; the origination fee $40,000.00 once; $49,240.00 in the first year. The
    # termination fees have no yearly maximum and are in none of them.
    result = run("check", str(QUEST), "--json")
    assert result.exit_code == 0, result.output
    (agreement,) = json.loads(result.output)["agreements"]
    values = agreement["values"]
    assert values["fees.annual_fee_cost"] == "9240.00"
    assert values["fees.one_time_fees"] == "40000.00"
    assert values["fees.first_year_fee_cost"] == "49240.00"
    for clause in ("termination_fee_first_year", "termination_fee_later"):
        assert values[f"{clause}.annual_fee_cost"] == "0.00"
        assert agreement["traces"][f"{clause}.annual_fee_cost"]["inputs"] == {
            clause.replace("_fee", ""): "not included: no yearly maximum"
        }
    assert "annual_fee_cost" not in values
    # a value given by one clause only keeps its own id
    assert values["fee_unused"] == "2152.78"
    listed = {c["id"]: c["values"] for c in agreement["clauses"]}
    assert listed["fees"] == [
        "fees.annual_fee_cost",
        "fees.one_time_fees",
        "fees.first_year_fee_cost",
        "fee_unused",
    ]
    text = run("check", str(QUEST)).output
    assert "fees: Annual fees (recurring, at most)" in text
    assert "termination_fee_later: First-year fees" in text


@pytest.mark.parametrize(
    ("terminated", "fee_id", "amount"),
    [
        (date(2015, 12, 31), "fee-termination_first_year-2015-12-31", "240000.00"),
        (date(2016, 1, 4), "fee-termination_later-2016-01-04", "40000.00"),
    ],
)
def test_termination_fees_either_side_of_the_first_anniversary(
    quest: Path, terminated: date, fee_id: str, amount: str
) -> None:
    (quest / "facts" / "events.yaml").write_text(
        f"- {{date: {terminated.isoformat()}, agreement: {AGREEMENT}, event: line_terminated}}\n"
    )
    found = obligations(terminated, quest)
    assert found[fee_id].amount == Decimal(amount)
    assert not [i for i in found if i.startswith("fee-termination") and i != fee_id]


def test_reporting_deadlines() -> None:
    entries = obligation_calendar(
        load_portfolio(QUEST), date(2015, 3, 31), date(2015, 1, 1), date(2016, 3, 31)
    ).entries
    due = {(e.obligation.id.rsplit("-", 3)[0], e.obligation.due) for e in entries}
    assert ("monthly_financial_statements", date(2015, 2, 25)) in due
    assert ("monthly_financial_statements", date(2015, 1, 25)) in due  # a Sunday, not rolled
    assert ("scansource_subordination", date(2015, 1, 20)) in due
    assert ("annual_audit", date(2016, 3, 30)) in due


def test_maturity_and_the_termination_window() -> None:
    found = findings(date(2017, 10, 2))
    messages = " ".join(a.message for a in found.alerts)
    assert "Maturity on 2017-12-31 is 90 days away" in messages
    assert "the window closes 2017-12-01" in messages
    assert found.value("option-voluntary_termination").value == "open"
    assert findings(date(2017, 12, 2)).value("option-voluntary_termination").value == "lapsed"


def test_the_weekly_certificate_on_the_first_business_day_of_each_week() -> None:
    # Schedule D: "On the first Business Day of each week": each Monday of January 2015, and
    # Tuesday January 20 after Martin Luther King Jr. Day
    from pactum.obligations_calendar import obligation_calendar

    portfolio = load_portfolio(QUEST)
    calendar = obligation_calendar(portfolio, date(2015, 1, 1), date(2015, 1, 1), date(2015, 1, 31))
    dues = [
        e.obligation.due
        for e in calendar.entries
        if e.obligation.what == "Borrowing base certificate"
    ]
    assert dues == [date(2015, 1, 5), date(2015, 1, 12), date(2015, 1, 20), date(2015, 1, 26)]
    # due on the week's own day: the note names the week, and the holiday it was rolled past
    notes = [
        e.obligation.note
        for e in calendar.entries
        if e.obligation.what == "Borrowing base certificate"
    ]
    assert notes[0] == "the week of 2015-01-05"
    assert notes[2] == (
        "the week of 2015-01-19; rolled from 2015-01-19 (Martin Luther King Jr. Day; following)"
    )


def test_the_default_rate_on_tier_is_margin(tmp_path: Path) -> None:
    # An Event of Default from July 1, 2015 (illustrative, in a copy): "the Default Rate shall
    # be determined based on the Applicable Margin set forth under Tier I", 2% above. Q2
    # averaged 6,000,000 (Tier II, 2.75%), but in default the margin is Tier I's 3.25%:
    #   6,500,000 x (0.28% + 3.25% + 2%) = 359,450 a year x 31 / 360 = 11,142,950 / 360 =
    #   30,952.638... -> 30,952.64 (on Tier II's 2.75%: 326,950 x 31 / 360 = 28,154.03)
    folder = tmp_path / "quest"
    shutil.copytree(QUEST, folder)
    with (folder / "facts" / "events.yaml").open("a", encoding="utf-8") as events:
        events.write(
            "- {date: 2015-07-01, agreement: quest-wells-fargo, event: event_of_default,"
            " note: illustrative}\n"
        )
    july = findings(date(2015, 7, 31), folder)
    assert money(july, "interest") == Decimal("30952.64")
    trace = july.value("interest").trace
    assert trace is not None
    assert "in default: the Default Rate's tier" in dict(trace.inputs)["margin"]
    # the grid's own column still gives the tier in force (Tier II) to a fee that reads it
    assert july.value("grid_libor").value == Decimal("0.0275")


def test_march_interest_due_on_the_first_of_april() -> None:
    # 1.3(c) "payable monthly in arrears on the first day of each month": March 2015's
    # 3,000,000 x (LIBOR 0.26% + Tier I 3.25% = 3.51%) x 31 / 360 = 9,067.50, due April 1
    # (a Wednesday); April's, not yet known on March 31, is due May 1
    due = obligations(date(2015, 3, 31))
    march, april = due["interest-2015-03"], due["interest-2015-04"]
    assert (march.due, march.amount) == (date(2015, 4, 1), Decimal("9067.50"))
    assert (april.due, april.amount) == (date(2015, 5, 1), None)


def test_the_minimum_interest_charge_for_the_first_year_after_the_initial_advance() -> None:
    # Schedule A (e): the year 2015-01-05 to 2016-01-04 (365 days), actual/360, no default:
    #   $3,000,000 for 86 days (1/5-3/31) at LIBOR 0.26% + Tier I 3.25% = 3.51%: 9,055,800
    #   $6,000,000 for 91 days (4/1-6/30) at 3.51% (Q1's average 2.87M: Tier I): 19,164,600
    #   $6,500,000 for 188 days (7/1-1/4) at LIBOR 0.28% + Tier II 2.75% = 3.03%: 37,026,600
    #   65,247,000 / 360 = 181,241.666... -> 181,241.67, over $100,000: no deficiency
    found = findings(date(2016, 1, 4))
    assert money(found, "interest_minimum_accrued") == Decimal("181241.67")
    assert money(found, "interest_minimum_shortfall") == Decimal("0")
    assert not [o for o in found.obligations if o.id.startswith("interest-minimum")]


def test_the_borrowing_base_certificate_is_addressed_to_the_lender_alone() -> None:
    # Quest Marketing and Bar Code Specialties are the Borrowers, not lenders: the
    # certificate goes to Wells Fargo
    from pactum.kinds.revolver.borrowing_base_certificate import from_portfolio

    certificate = from_portfolio(load_portfolio(QUEST), AGREEMENT, date(2015, 3, 31))
    document = certificate.document()
    assert dict(document.particulars)["Lender"] == "Wells Fargo Bank, National Association (Lender)"
