"""A term loan's payment schedule: each installment's date, its principal, the balance after
it, and the balloon at maturity."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from pactum.dates import add_months, month_end
from pactum.money import ZERO
from pactum.term_loans.schema import TermLoanTerms

CENT = Decimal("0.01")


@dataclass(frozen=True)
class Payment:
    number: int  # 1 for the first
    due: date  # as scheduled, before any roll
    principal: Decimal
    balance_after: Decimal
    at_maturity: bool  # the last: what remains of the principal


def level_installment(terms: TermLoanTerms) -> tuple[Decimal, str]:
    """Each installment before maturity and how it is known: stated, or the principal in
    `installments` equal parts, rounded half-up to the cent."""
    if terms.installment is not None:
        return terms.installment.value, "stated"
    assert terms.installments is not None  # the schema asks for one of the two
    n = terms.installments.value
    amount = (terms.principal.value / n).quantize(CENT, rounding=ROUND_HALF_UP)
    return amount, f"principal / {n}, rounded half-up to the cent"


def payment_dates(terms: TermLoanTerms) -> list[date]:
    """Every `every` from the first payment (on the month's last day when the first is one),
    before maturity; then maturity."""
    first, maturity = terms.first_payment.value, terms.maturity.value
    at_month_end = first == month_end(first)
    step = terms.every.value.months
    found: list[date] = []
    k = 0
    while True:
        day = add_months(first, k * step)
        if at_month_end:
            day = month_end(day)
        if day >= maturity:
            break
        found.append(day)
        k += 1
    return [*found, maturity]


def schedule(terms: TermLoanTerms) -> list[Payment]:
    amount, _ = level_installment(terms)
    dates = payment_dates(terms)
    balance = terms.principal.value
    payments: list[Payment] = []
    for number, due in enumerate(dates, start=1):
        last = number == len(dates)
        paid = balance if last else min(amount, balance)
        balance -= paid
        payments.append(Payment(number, due, paid, balance, last))
    return payments


def repaid_before_maturity(terms: TermLoanTerms) -> Decimal:
    """The principal the level installments before maturity add up to (more than the
    principal is a schedule no lender writes)."""
    amount, _ = level_installment(terms)
    return amount * (len(payment_dates(terms)) - 1) if terms.principal.value else ZERO
