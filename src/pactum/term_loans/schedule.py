"""A term loan's payment schedule: each installment's date, its principal, the balance after
it, and the balloon at maturity."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from pactum.dates import add_months, month_end
from pactum.money import ZERO
from pactum.term_loans.schema import Application, TermLoanTerms

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


@dataclass(frozen=True)
class Prepayment:
    day: date
    amount: Decimal
    outstanding_before: Decimal


class PrepaymentTooLarge(ValueError):
    """A prepayment of more than the principal outstanding on its date."""

    def __init__(self, index: int, outstanding: Decimal) -> None:
        super().__init__(index, outstanding)
        self.index = index  # which prepayment, in the order given
        self.outstanding = outstanding


def schedule(
    terms: TermLoanTerms, prepaid: list[tuple[date, Decimal]] | None = None
) -> list[Payment]:
    """The payments as scheduled, each installment reduced by the prepayments before it (in
    date order; one on an installment's day comes after that installment)."""
    return _worked(terms, prepaid or [])[0]


def prepayments(terms: TermLoanTerms, prepaid: list[tuple[date, Decimal]]) -> list[Prepayment]:
    return _worked(terms, prepaid)[1]


def _worked(
    terms: TermLoanTerms, prepaid: list[tuple[date, Decimal]]
) -> tuple[list[Payment], list[Prepayment]]:
    amount, _ = level_installment(terms)
    dates = payment_dates(terms)
    # the installments as written: the level amount, the rest at maturity
    amounts: list[Decimal] = []
    rest = terms.principal.value
    for number in range(1, len(dates) + 1):
        paid = rest if number == len(dates) else min(amount, rest)
        amounts.append(paid)
        rest -= paid
    order = sorted(range(len(prepaid)), key=lambda i: prepaid[i][0])
    applied: list[Prepayment] = []
    for index in order:
        day, paid = prepaid[index]
        outstanding = sum((a for a, due in zip(amounts, dates, strict=True) if due > day), ZERO)
        if paid > outstanding:
            raise PrepaymentTooLarge(index, outstanding)
        later = [i for i, due in enumerate(dates) if due > day and amounts[i] > 0]
        assert terms.prepayments is not None  # prepayments are read only when the sheet has them
        for i, reduced in _reductions(paid, later, amounts, terms.prepayments.applied.value):
            amounts[i] -= reduced
        applied.append(Prepayment(day, paid, outstanding))
    payments: list[Payment] = []
    balance = terms.principal.value
    done = sorted(applied, key=lambda p: p.day)
    for number, (due, paid) in enumerate(zip(dates, amounts, strict=True), start=1):
        # what was prepaid before this installment, and this installment
        prepaid_by = sum((p.amount for p in done if p.day < due), ZERO)
        repaid = sum(amounts[:number], ZERO) + prepaid_by
        balance = terms.principal.value - repaid
        payments.append(Payment(number, due, paid, balance, number == len(dates)))
    return payments, applied


def _reductions(
    paid: Decimal, later: list[int], amounts: list[Decimal], how: Application
) -> list[tuple[int, Decimal]]:
    """How a prepayment reduces the installments still to come (`later`, in date order)."""
    found: list[tuple[int, Decimal]] = []
    left = paid
    if how is Application.inverse_order_of_maturity:
        for i in reversed(later):
            take = min(amounts[i], left)
            if take:
                found.append((i, take))
            left -= take
        return found
    total = sum((amounts[i] for i in later), ZERO)
    for i in later[:-1]:
        share = (paid * amounts[i] / total).quantize(CENT, rounding=ROUND_HALF_UP)
        found.append((i, share))
        left -= share
    if later:
        found.append((later[-1], left))  # the last takes the rounding's remainder
    return found


def repaid_before_maturity(terms: TermLoanTerms) -> Decimal:
    """The principal the level installments before maturity add up to (more than the
    principal is a schedule no lender writes)."""
    amount, _ = level_installment(terms)
    return amount * (len(payment_dates(terms)) - 1) if terms.principal.value else ZERO
