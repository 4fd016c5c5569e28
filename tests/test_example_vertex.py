"""The third example, `examples/vertex/`: Bank of America's credit agreement of August 31,
2012 with Vertex Energy, Inc. (EDGAR Exhibit 10.1), every figure worked out by hand from the
text and the illustrative facts.

From the corpus README (figures checked by hand there):
- the term loan's installment, "$141,666.67" monthly, is $8,500,000 / 60 = $141,666.666...,
  $141,666.67 rounded: `verify` recomputes the stated figure and it agrees;
- 36 monthly payment dates from September 30, 2012 to August 31, 2015 (maturity);
- the unused fee on a fully unused $10,000,000 for a 91-day quarter: 10,000,000 x 0.25% x
  91 / 360 = 6,319.444..., $6,319.44 on actual/360 (Q2 2013: 30 + 31 + 30 = 91 days, the
  facts' balance zero from 2013-04-01).
- "Inconsistencies: none in figures": `verify` passes.

Worked by hand from the illustrative facts:
- Aging at 2012-10-31, gross $10,000,000: Shell's invoice of 7/15/12 is 108 days from its
  invoice date (16 + 31 + 30 + 31), aged: $600,000; that is 600,000 / 2,000,000 = exactly 30%
  of Shell's accounts, "thirty percent (30%) or more": its other $1,400,000 cross-aged.
  Motiva's invoice of 8/10/12 is 82 days out and 52 days past due (9/9): not aged. Foreign
  (Petro-Canada) $600,000; affiliate (H&H Oil) $400,000; contra: what Vertex owes Motiva,
  $200,000. Concentration on total accounts: 25% x 10,000,000 = 2,500,000; Valero owes
  4,000,000: $1,500,000 ineligible. Eligible 10,000,000 - 600,000 - 1,400,000 - 600,000 -
  400,000 - 200,000 - 1,500,000 = 5,300,000; x 80% = 4,240,000.
- Inventory: finished goods 1,800,000 + 1,200,000 = 3,000,000 eligible (raw materials,
  work in process and slow-moving stock are not); x 80% = 2,400,000.
- Borrowing base 4,240,000 + 2,400,000 - reserves 250,000 = 6,390,000, under the $10,000,000
  commitment; availability 6,390,000 - 5,000,000 loans = 1,390,000; a draw of 1,500,000 on
  11/15/12 exceeds it by 110,000.
- Unused fee, Q3 2012 from the Closing Date: 9/11 to 9/30 is 20 days at $2,000,000
  outstanding (20% used): 8,000,000 x 0.25% x 20 / 360 = 1,111.11. Q4 2012: $5,000,000
  every day, exactly 50%, not "less than 50%": no fee. Q1 2013: $3,000,000 (30%): 7,000,000
  x 0.25% x 90 / 360 = 4,375.00, due Sunday 3/31/13, not rolled.
- Interest, October 2012: 5,000,000 x (0.21% + 2.75%) x 31 / 360 = 148,000 x 31 / 360 =
  12,744.44; March 2013: 3,000,000 x (0.20% + 2.75%) x 31 / 360 = 7,620.83.
- Term-loan interest (the balances of the term loan's own schedule, `balance_from`: made on
  the Closing Date, 9/11/12, then 8,500,000 less each installment paid, the day of payment at
  the lower balance, "excluding the last day"): September 2012: 8,500,000 x 19 days (9/11 to
  9/29) + 8,358,333.33 on 9/30 = 169,858,333.33 day-dollars x (0.24% + 2.75%) / 360 =
  14,107.678... -> 14,107.68 (the balances.csv rows it replaces began on 8/31, before the loan
  was made, and gave 29 days at 8,500,000: 21,167.40); October: 8,358,333.33 x 30 +
  8,216,666.66 = 258,966,666.56 x (0.21% + 2.75%) / 360 = 21,292.814... -> 21,292.81, as the
  rows gave. December: 8,074,999.99 x 30 + 7,933,333.32 on 12/31 = 250,183,333.02 x (0.21% +
  2.75%) / 360 = 20,570.629... -> 20,570.63.
- A prepayment of 1,000,000 on 12/14/12 (illustrative, added in a copy): "in the inverse order
  of their maturity", the balloon 3,541,666.55 falls to 2,541,666.55; at 12/31/12 four
  installments (566,666.68) and the prepayment: outstanding 6,933,333.32. December's interest
  on the schedule: 8,074,999.99 x 13 (12/1 to 12/13) = 104,974,999.87; 7,074,999.99 x 17
  (12/14 to 12/30) = 120,274,999.83; 6,933,333.32 on 12/31; sum 232,183,333.02 x 2.96% / 360
  = 19,090.629... -> 19,090.63.
- Covenants (quarterly flows: EBITDA 1,500,000 to Q3 2012, then 1,000,000, 75,000, 500,000;
  cash taxes 100,000, unfinanced capex 200,000, interest 150,000 a quarter; current
  maturities 1,700,000): fixed charge coverage at 9/30/12 (6,000,000 - 1,200,000) /
  (600,000 + 1,700,000) = 2.0870; at 3/31/13 (4,075,000 - 1,200,000) / 2,300,000 = 1.25
  exactly, passes ("may not ... be less than"); at 6/30/13 1,875,000 / 2,300,000 = 0.8152,
  fails. Senior Funded Debt to EBITDA at 12/31/12: (11,500,000 - 500,000) / 5,500,000 =
  2.00 exactly, passes ("may not ... be greater than"); at 3/31/13 9,000,000 / 4,075,000 =
  2.2086, fails. Tangible net worth at 6/30/13: 40,000,000 - 27,000,000 - 3,000,000 =
  10,000,000 exactly, passes.
- Deadlines: the October certificate 20 days after 10/31/12: 11/20/12; December's 1/20/13, a
  Sunday, not rolled. LCs cash collateralized ten Business Days before Sunday 8/31/14:
  Friday 8/29 is the first, back to Monday 8/18/14 the tenth. Lender's reserve notice by
  courier on 9/20/12 is given when delivered; the reserve may take effect 7 days later,
  9/27/12.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from bad_input_support import run
from pactum.obligations_calendar import obligation_calendar
from pactum.portfolio import load_portfolio

VERTEX = Path(__file__).resolve().parents[1] / "examples" / "vertex"
AGREEMENT = "vertex-bofa-credit"


@cache
def found(as_of: str) -> dict[str, Any]:
    """The agreement's findings in JSON on a date."""
    result = run("check", str(VERTEX), "--as-of", as_of, "--json")
    assert result.exit_code == 0, result.output
    agreements = json.loads(result.stdout)["agreements"]
    [agreement] = [a for a in agreements if a["id"] == AGREEMENT]
    return dict(agreement)


def test_the_document_is_the_corpus_text_unchanged() -> None:
    data = (VERTEX / "documents" / "vertex-energy-bofa-credit-2012.txt").read_bytes()
    blob = hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()  # git's blob id
    assert blob == "c1778b2df828031900ddc84ce9d6defe0880c4d2"


def test_verify_passes_with_its_counts_and_the_installment_recomputed() -> None:
    # the corpus finds no inconsistency in the figures; the installment is recomputed
    result = run("verify", str(VERTEX))
    assert result.exit_code == 0, result.output
    output = " ".join(result.output.split())
    assert (
        "vertex-bofa-credit: 65 cited, 11 assumed, 0 unsourced; 1 stated figures recomputed"
        in output
    )
    assert "0 failures" in output


def test_the_36_principal_dates_from_september_2012_to_maturity() -> None:
    entries = obligation_calendar(
        load_portfolio(VERTEX), date(2012, 12, 31), date(2012, 8, 31), date(2015, 12, 31)
    ).entries
    payments = [e.obligation for e in entries if e.obligation.id.startswith("term_loan-")]
    assert len(payments) == 36
    assert (payments[0].due, payments[-1].due) == (date(2012, 9, 30), date(2015, 8, 31))
    # the corpus's check: after 35 level payments of 141,666.67 the balloon due at maturity
    # is 8,500,000 - 4,958,333.45 = 3,541,666.55 (the 36th installment included)
    assert {p.amount for p in payments[:-1]} == {Decimal("141666.67")}
    assert payments[-1].amount == Decimal("3541666.55")


@pytest.mark.parametrize(
    ("as_of", "fee"),
    [
        ("2012-10-31", "1111.11"),  # Q3 2012 from the Closing Date, 20 days
        ("2012-12-31", "0.00"),  # usage exactly 50%: not "less than 50%"
        ("2013-03-31", "4375.00"),
        ("2013-06-30", "6319.44"),  # the corpus figure: fully unused, 91 days, actual/360
    ],
)
def test_unused_fee_by_quarter(as_of: str, fee: str) -> None:
    assert found(as_of)["values"]["fee_unused"] == fee


def test_q1_2013_fee_is_due_on_sunday_march_31_not_rolled() -> None:
    # before the quarter ends the fee is listed without its amount; on its last day, with it
    [pending] = [o for o in found("2013-03-01")["obligations"] if o["id"] == "fee-unused-2013-Q1"]
    assert (pending["due"], pending["amount"]) == ("2013-03-31", None)
    [fee] = [o for o in found("2013-03-31")["obligations"] if o["id"] == "fee-unused-2013-Q1"]
    assert (fee["due"], fee["amount"]) == ("2013-03-31", "4375.00")
    assert "Sunday" in fee["note"]


def test_borrowing_base_from_the_aging_and_inventory_of_october_2012() -> None:
    values = found("2012-10-31")["values"]
    assert values["accounts_advance"] == "4240000.00"
    assert values["inventory_advance"] == "2400000.00"
    assert values["borrowing_base"] == "6390000.00"
    assert values["line_cap"] == "6390000.00"
    assert values["availability"] == "1390000.00"


def test_the_eligibility_waterfall_of_october_2012() -> None:
    result = run("collateral", str(VERTEX), "--as-of", "2012-10-31", "--json")
    assert result.exit_code == 0, result.output
    [borrower] = json.loads(result.stdout)["borrowers"]
    receivables = borrower["receivables"]
    lines = {line["reason"]: line["amount"] for line in receivables["ineligible"]}
    assert receivables["gross"] == "10000000.00"
    assert (lines["aged"], lines["cross_aged"]) == ("600000.00", "1400000.00")
    assert (lines["foreign"], lines["affiliate"]) == ("600000.00", "400000.00")
    assert (lines["contra"], lines["concentration"]) == ("200000.00", "1500000.00")
    assert receivables["eligible"] == "5300000.00"


def test_a_draw_that_does_not_fit() -> None:
    [draw] = [t for t in found("2012-11-30")["tests"] if t["id"] == "draw_request"]
    assert (draw["test_date"], draw["required"], draw["passed"]) == (
        "2012-11-15",
        "1390000.00",
        False,
    )
    assert draw["headroom"] == "-110000.00"


@pytest.mark.parametrize(
    ("as_of", "interest"), [("2012-10-31", "12744.44"), ("2013-03-31", "7620.83")]
)
def test_interest_for_the_month(as_of: str, interest: str) -> None:
    assert found(as_of)["values"]["interest"] == interest


def test_base_rate_and_libor_loans_at_the_borrowers_option() -> None:
    # February 2013 (28 days, actual/360): 1,000,000 of the 3,000,000 as a Base Rate Loan
    # (balances.csv `basis: base_rate`), converted back on March 1:
    #   LIBOR loans 2,000,000 x (0.20% + 2.75% = 2.95%) x 28 / 360 = 4,588.888... -> 4,588.89
    #   Base Rate loan 1,000,000 x (Prime 3.25% + 0.00%) x 28 / 360 = 2,527.777... -> 2,527.78
    #   in all 7,116.67 (at LIBOR alone it would have been 3,000,000 x 2.95% x 28 / 360 =
    #   6,883.33); the quarter's unused fee still reads the 3,000,000 of both
    values = found("2013-02-28")["values"]
    assert (values["interest_libor"], values["interest_base_rate"]) == ("4588.89", "2527.78")
    assert values["interest"] == "7116.67"


@pytest.mark.parametrize(
    ("as_of", "interest"),
    [("2012-09-30", "14107.68"), ("2012-10-31", "21292.81"), ("2012-12-31", "20570.63")],
)
def test_the_term_loans_interest_on_its_own_schedule(as_of: str, interest: str) -> None:
    assert found(as_of)["values"]["interest_term_loan"] == interest


def test_a_prepayment_applied_in_the_inverse_order_of_maturity(tmp_path: Path) -> None:
    folder = tmp_path / "vertex"
    shutil.copytree(VERTEX, folder)
    with (folder / "facts" / "events.yaml").open("a", encoding="utf-8") as events:
        events.write(
            "- {date: 2012-12-14, agreement: vertex-bofa-credit, event: term_loan_prepayment,"
            " amount: 1000000, note: illustrative}\n"
        )
    result = run("check", str(folder), "--as-of", "2012-12-31", "--json")
    assert result.exit_code == 0, result.output
    [agreement] = [a for a in json.loads(result.stdout)["agreements"] if a["id"] == AGREEMENT]
    assert agreement["values"]["balloon"] == "2541666.55"
    assert agreement["values"]["principal_outstanding"] == "6933333.32"
    assert agreement["values"]["interest_term_loan"] == "19090.63"


@pytest.mark.parametrize(
    ("test_id", "test_date", "actual", "passed"),
    [
        ("min_fixed_charge_coverage", "2012-09-30", "2.0870", True),
        ("min_fixed_charge_coverage", "2013-03-31", "1.2500", True),  # at the level
        ("min_fixed_charge_coverage", "2013-06-30", "0.8152", False),
        ("max_senior_funded_debt_to_ebitda", "2012-09-30", "1.7333", True),
        ("max_senior_funded_debt_to_ebitda", "2012-12-31", "2.0000", True),  # at the level
        ("max_senior_funded_debt_to_ebitda", "2013-03-31", "2.2086", False),
        ("min_tangible_net_worth", "2013-06-30", "10000000.00", True),  # at the level
    ],
)
def test_covenants(test_id: str, test_date: str, actual: str, passed: bool) -> None:
    tests = found("2013-06-30")["tests"]
    [test] = [t for t in tests if t["id"] == test_id and t["test_date"] == test_date]
    assert (test["actual"], test["passed"]) == (actual, passed)


def test_reporting_deadlines_and_the_reserve_notice() -> None:
    due = {o["id"]: o for o in found("2012-10-31")["obligations"]}
    assert due["borrowing_base_certificate-2012-10-31"]["due"] == "2012-11-20"
    assert due["compliance_certificate-2012-09-30"]["due"] == "2012-11-14"
    december = {o["id"]: o for o in found("2012-12-31")["obligations"]}
    certificate = december["borrowing_base_certificate-2012-12-31"]
    assert certificate["due"] == "2013-01-20"
    assert "Sunday" in certificate["note"]
    [lc] = [o for o in found("2014-01-31")["obligations"] if o["id"].startswith("lc_cash")]
    assert lc["due"] == "2014-08-18"
    [notice] = found("2012-09-30")["notices"]
    assert notice["status"] == "given"
    reserve = [
        e.obligation.due
        for e in obligation_calendar(
            load_portfolio(VERTEX), date(2012, 9, 30), date(2012, 9, 1), date(2012, 9, 30)
        ).entries
        if e.obligation.id.startswith("reserves_change")
    ]
    assert reserve == [date(2012, 9, 27)]


def test_items_a_financial_tests_clause_reads_are_not_called_unread() -> None:
    # the covenants are a `financial_tests` clause beside the revolver: the revolver's check
    # of financials.csv counts the items that clause reads as read
    messages = [a["message"] for a in found("2012-12-31")["alerts"]]
    assert not [m for m in messages if "read by no agreement" in m]


OCTOBER = ["interest", str(VERTEX), AGREEMENT, "--from", "2012-10-01", "--to", "2012-10-31"]


def test_the_interest_command_gives_each_clause_and_their_sum() -> None:
    # October 2012: the revolver's 12,744.44 and the term loan's 21,292.81 (worked out above),
    # each rounded on its own: 34,037.25 in all; the revolver's by rate basis (no Base Rate
    # loan in October)
    result = run(*OCTOBER, "--json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert [(c["clause"], c["interest"]) for c in document["clauses"]] == [
        ("interest/libor", "12744.44"),
        ("interest/base_rate", "0.00"),
        ("term_loan_interest", "21292.81"),
    ]
    assert document["interest"] == "34037.25"
    shown = run(*OCTOBER).stdout
    assert "In all (3 figures): 34037.25" in shown


def test_the_interest_command_on_one_clause() -> None:
    result = run(*OCTOBER, "--clause", "term_loan_interest", "--json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert (document["clause"], document["interest"]) == ("term_loan_interest", "21292.81")
    assert "installment 2" in document["trace"]["inputs"]["daily balances"]


def test_the_interest_command_refuses_an_unknown_clause() -> None:
    result = run(*OCTOBER, "--clause", "term_loan")
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "error: --clause: found term_loan; expected an interest clause of vertex-bofa-credit: "
        "interest, term_loan_interest"
    )
