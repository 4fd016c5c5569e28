"""Term-loan prepayments (events) applied to the installments as the agreement says, worked
by hand on the Vertex Energy term loan: $8,500,000, 35 monthly installments of $141,666.67 from
9/30/12, the rest ($3,541,666.55) at maturity on 8/31/15.

- Inverse order of maturity, $1,000,000 on 1/15/13: the balloon falls to 2,541,666.55; at
  3/31/13 seven installments (9/30/12 to 3/31/13) = 991,666.69 and the 1,000,000: outstanding
  8,500,000 - 1,991,666.69 = 6,508,333.31.
- Inverse order, $4,000,000 on 1/15/13: the balloon 3,541,666.55 to zero, then 458,333.45 from
  the last installments: 7/31, 6/30 and 5/31/15 (425,000.01) to zero, 33,333.44 off 4/30/15:
  141,666.67 - 33,333.44 = 108,333.23, the last payment; nothing due at maturity.
- Pro rata, $850,000 on 7/1/15 (after the 6/30 installment): outstanding 141,666.67 (7/31/15) + 3,541,666.55 =
  3,683,333.22; 7/31's share 850,000 x 141,666.67 / 3,683,333.22 = 32,692.309... -> 32,692.31
  (installment 108,974.36); the balloon takes the rest, 817,307.69: 2,724,358.86.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from bad_input_support import assert_error, check, line_number
from pactum.evaluate import check as evaluate
from pactum.findings import AgreementFindings, Obligation
from pactum.portfolio import load_portfolio
from portfolio_support import write_portfolio

SHEET = """\
clauses:
  - id: term_loan
    type: term_loan
    principal: {value: 8500000, assumed: Vertex's term loan}
    installment: {value: 141666.67, assumed: Vertex's installment}
    every: {value: month, assumed: monthly}
    first_payment: {value: 2012-09-30, assumed: the first installment}
    maturity: {value: 2015-08-31, assumed: the maturity}
    prepayments:
      applied: {value: APPLIED, assumed: the test's rule}
"""


def run(folder: Path, applied: str, events: str, as_of: date) -> AgreementFindings:
    write_portfolio(folder, SHEET.replace("APPLIED", applied), events=events)
    return evaluate(load_portfolio(folder), as_of).agreement("deal")


def due(found: AgreementFindings) -> dict[date, Decimal | None]:
    payments: list[Obligation] = [o for o in found.obligations if o.clause == "term_loan"]
    return {o.due: o.amount for o in payments}


def test_a_prepayment_in_inverse_order_of_maturity_reduces_the_balloon(tmp_path: Path) -> None:
    events = "- {date: 2013-01-15, agreement: deal, event: term_loan_prepayment, amount: 1000000}\n"
    found = run(tmp_path, "inverse_order_of_maturity", events, date(2013, 3, 31))
    assert found.value("balloon").value == Decimal("2541666.55")
    assert found.value("principal_outstanding").value == Decimal("6508333.31")
    assert due(found)[date(2013, 4, 30)] == Decimal("141666.67")  # installments unchanged


def test_a_prepayment_beyond_the_balloon_takes_the_last_installments(tmp_path: Path) -> None:
    events = "- {date: 2013-01-15, agreement: deal, event: term_loan_prepayment, amount: 4000000}\n"
    found = run(tmp_path, "inverse_order_of_maturity", events, date(2015, 3, 31))
    payments = due(found)
    assert payments[date(2015, 4, 30)] == Decimal("108333.23")
    for gone in (date(2015, 5, 31), date(2015, 6, 30), date(2015, 7, 31), date(2015, 8, 31)):
        assert gone not in payments  # nothing left to pay on those days
    assert found.value("balloon").value == Decimal("0")


def test_a_prepayment_pro_rata(tmp_path: Path) -> None:
    events = "- {date: 2015-07-01, agreement: deal, event: term_loan_prepayment, amount: 850000}\n"
    found = run(tmp_path, "pro_rata", events, date(2015, 7, 1))
    payments = due(found)
    assert payments[date(2015, 7, 31)] == Decimal("108974.36")
    assert payments[date(2015, 8, 31)] == Decimal("2724358.86")
    # 34 installments (9/30/12 to 6/30/15) leave 3,683,333.22; less the 850,000 prepaid
    assert found.value("principal_outstanding").value == Decimal("2833333.22")


def test_a_prepayment_on_an_installments_day_comes_after_it(tmp_path: Path) -> None:
    # 7/31/15: the installment of 141,666.67 is paid, then 3,541,666.55 prepaid (all that is
    # left): nothing due at maturity
    events = (
        "- {date: 2015-07-31, agreement: deal, event: term_loan_prepayment, amount: 3541666.55}\n"
    )
    found = run(tmp_path, "inverse_order_of_maturity", events, date(2015, 7, 31))
    assert found.value("principal_outstanding").value == Decimal("0.00")
    assert found.value("balloon").value == Decimal("0")


def test_a_prepayment_larger_than_the_principal_outstanding(tmp_path: Path) -> None:
    events = "- {date: 2015-07-01, agreement: deal, event: term_loan_prepayment, amount: 3700000}\n"
    write_portfolio(tmp_path, SHEET.replace("APPLIED", "pro_rata"), events=events)
    assert_error(
        check(tmp_path),
        tmp_path,
        "facts/events.yaml",
        unit="line",
        number=line_number(events, "3700000"),
        field="amount",
        found="$3,700,000.00 prepaid on 2015-07-01",
        expected=("at most the principal then outstanding, $3,683,333.22",),
    )
