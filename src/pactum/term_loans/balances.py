"""A term loan's daily balances from its own schedule, for an interest clause that accrues on
them (`balance_from: <term_loan clause id>`) instead of balances.csv rows.

The principal is outstanding from the day the loan is made (`advanced`); before it the balance
is zero, which is known, not missing. Each installment lowers the balance on the day it is paid
(its due date rolled as the clause rolls it) and each prepayment on its own date: the day of a
payment accrues at the lower balance, as balances.csv rows are read ("including the first day
but excluding the last day" of a loan amount).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from pactum.clauses.api import ClauseContext
from pactum.facts.balances import AgreementBalances, Balance
from pactum.money import ZERO, money_str
from pactum.term_loans.clause_type import known_prepayments
from pactum.term_loans.schedule import schedule
from pactum.term_loans.schema import TermLoanTerms


def scheduled_balances(ctx: ClauseContext[TermLoanTerms]) -> AgreementBalances:
    """The loan's balance from each day it changes: the advance, each installment paid and
    each prepayment recorded by the as-of date. Without `advanced` there is none (the caller
    has refused the sheet)."""
    terms = ctx.terms
    if terms.advanced is None:
        return AgreementBalances()
    advanced, principal = terms.advanced.value, terms.principal.value
    prepaid = known_prepayments(ctx)
    roll = terms.roll.value
    # what lowers the balance, by the day it is paid
    repayments: list[tuple[date, Decimal, str]] = [
        (ctx.calendar.roll(p.due, roll), p.principal, f"installment {p.number}")
        for p in schedule(terms, prepaid)
        if p.principal > 0
    ]
    repayments += [(day, amount, f"prepayment of {money_str(amount)}") for day, amount in prepaid]
    rows = [Balance(date.min, ZERO, 0, f"{money_str(ZERO)} before the advance on {advanced}")]
    rows.append(Balance(advanced, principal, 0, f"{money_str(principal)} from {advanced} (made)"))
    for day in sorted({day for day, _, _ in repayments}):
        repaid = sum((amount for paid, amount, _ in repayments if paid <= day), ZERO)
        why = ", ".join(what for paid, _, what in repayments if paid == day)
        balance = principal - repaid
        rows.append(Balance(day, balance, 0, f"{money_str(balance)} from {day} ({why})"))
    return AgreementBalances(tuple(rows))
