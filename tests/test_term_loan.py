"""The `term_loan` clause type, worked by hand.

Vertex Energy's term loan (the corpus's credit/vertex-energy-bofa-credit-2012.txt, 2.2 and
3.3(b)): $8,500,000, "Payments of principal in the amount of $141,666.67 are due and payable
monthly in arrears on the last day of each month beginning September 30, 2012, and continuing
thereafter until the Term Loan Maturity Date" (August 31, 2015). The corpus checked: $8,500,000
/ 60 = $141,666.67; 36 monthly dates from September 2012 to August 2015; after 35 level
payments the balloon due at maturity is $3,541,666.55 (the 36th installment included).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from pactum.evaluate import check as evaluate
from pactum.findings import AgreementFindings, ObligationCategory
from pactum.obligations_calendar import obligation_calendar
from pactum.portfolio import load_portfolio
from pactum.verify import verify_portfolio
from portfolio_support import assert_sheet_error, write_portfolio

DOCUMENT = """The Term Loan in the amount of $8,500,000. Payments of principal in the amount of
$141,666.67 are due and payable monthly in arrears on the last day of each month beginning
September 30, 2012, and continuing thereafter until the Term Loan Maturity Date; "Term Loan
Maturity Date" means August 31, 2015. The Term Loan amortizes over sixty (60) months."""

VERTEX = """\
calendar: {country: US}
clauses:
  - id: term_loan
    type: term_loan
    principal: {value: 8500000, cite: "The Term Loan in the amount of $8,500,000"}
    installment: {value: 141666.67, cite: "Payments of principal in the amount of $141,666.67"}
    installments: {value: 60, cite: "amortizes over sixty (60) months"}
    every: {value: month, cite: "due and payable monthly in arrears"}
    first_payment: {value: 2012-09-30, cite: "beginning September 30, 2012"}
    maturity: {value: 2015-08-31, cite: "Term Loan Maturity Date\\" means August 31, 2015"}
"""


def run(folder: Path, as_of: date) -> AgreementFindings:
    return evaluate(load_portfolio(folder), as_of).agreement("deal")


def value(found: AgreementFindings, value_id: str) -> object:
    return next(v.value for v in found.values if v.id == value_id)


def test_vertex_balloon_and_the_balance_after_a_year(tmp_path: Path) -> None:
    write_portfolio(tmp_path, VERTEX, DOCUMENT)
    found = run(tmp_path, date(2013, 8, 31))
    # 8,500,000 - 35 x 141,666.67 = 8,500,000 - 4,958,333.45 = 3,541,666.55
    assert value(found, "balloon") == Decimal("3541666.55")
    # twelve installments by 8/31/13 (9/30/12 .. 8/31/13): 8,500,000 - 1,700,000.04
    assert value(found, "principal_outstanding") == Decimal("6799999.96")
    assert value(found, "installment") == Decimal("141666.67")


def test_vertex_thirty_six_payments_in_the_calendar(tmp_path: Path) -> None:
    write_portfolio(tmp_path, VERTEX, DOCUMENT)
    portfolio = load_portfolio(tmp_path)
    entries = obligation_calendar(
        portfolio, date(2012, 9, 1), date(2012, 9, 1), date(2015, 12, 31)
    ).entries
    payments = [
        e.obligation for e in entries if e.obligation.category is ObligationCategory.payment
    ]
    assert len(payments) == 36
    assert (payments[0].due, payments[0].amount) == (date(2012, 9, 30), Decimal("141666.67"))
    # February's last day, and the maturity's balloon with the 36th installment in it
    assert date(2013, 2, 28) in [p.due for p in payments]
    assert (payments[-1].due, payments[-1].amount) == (date(2015, 8, 31), Decimal("3541666.55"))
    assert sum((p.amount or Decimal(0) for p in payments), Decimal(0)) == Decimal("8500000")


def test_the_stated_installment_is_recomputed(tmp_path: Path) -> None:
    write_portfolio(tmp_path, VERTEX, DOCUMENT)
    report = verify_portfolio(load_portfolio(tmp_path))
    assert [f for f in report.findings if f.status == "fail"] == []
    [agrees] = [f for f in report.findings if f.check == "stated"]
    assert "141666.67 from the terms (principal / 60, to the cent): agrees" in agrees.expected
    # a typed 141,666.66 is one cent short of 8,500,000 / 60
    wrong = VERTEX.replace(
        '141666.67, cite: "Payments of principal in the amount of $141,666.67',
        '141666.66, cite: "Payments of principal in the amount of $141,666.66',
    )
    write_portfolio(tmp_path, wrong, DOCUMENT.replace("141,666.67", "141,666.66"))
    report = verify_portfolio(load_portfolio(tmp_path))
    [differs] = [f for f in report.findings if f.status == "fail"]
    assert "difference -0.01" in differs.expected


QUARTERLY = """\
calendar: {country: US}
clauses:
  - id: term_loan
    type: term_loan
    principal: 1000000
    installments: 3
    every: quarter
    first_payment: 2013-03-31
    maturity: 2013-09-30
    roll: following
"""


def test_equal_installments_the_last_taking_the_remainder_rolled_off_a_sunday(
    tmp_path: Path,
) -> None:
    write_portfolio(tmp_path, QUARTERLY)
    found = run(tmp_path, date(2013, 1, 1))
    # 1,000,000 / 3 = 333,333.33 (half-up); the last 1,000,000 - 666,666.66 = 333,333.34.
    # March 31 and June 30, 2013 are Sundays: rolled to Monday April 1 and Monday July 1
    dues = [(o.due, o.amount) for o in found.obligations]
    assert dues == [
        (date(2013, 4, 1), Decimal("333333.33")),
        (date(2013, 7, 1), Decimal("333333.33")),
        (date(2013, 9, 30), Decimal("333333.34")),
    ]
    assert "rolled from 2013-03-31 (Sunday" in found.obligations[0].note


@pytest.mark.parametrize(
    ("written", "instead", "field", "found", "expected"),
    [
        (
            "first_payment: 2013-03-31",
            "first_payment: 2014-03-31",
            "term_loan.first_payment",
            "after the maturity 2013-09-30",
            ("on or before maturity",),
        ),
        (
            "installments: 3",
            "installment: 600000",
            "term_loan.installment",
            "2 installments of 600000.00 before maturity, 1200000.00 in all",
            ("at most the principal (1000000.00)",),
        ),
    ],
    ids=["a first payment after maturity", "installments repaying more than the principal"],
)
def test_bad_term_loans(
    tmp_path: Path, written: str, instead: str, field: str, found: str, expected: tuple[str, ...]
) -> None:
    write_portfolio(tmp_path, QUARTERLY.replace(written, instead))
    assert_sheet_error(tmp_path, instead, field, found, expected)
