"""The `term_loan` clause type: a loan repaid in installments of principal, with its balloon."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from pactum.clauses.api import (
    ClauseContext,
    ClauseFindings,
    ClauseType,
    Reconciliation,
    TermProblem,
    TermSheet,
)
from pactum.findings import Obligation, ObligationCategory, Trace, Unit, Value
from pactum.money import ZERO, money_display, money_str
from pactum.term_loans.schedule import (
    CENT,
    Payment,
    level_installment,
    payment_dates,
    repaid_before_maturity,
    schedule,
)
from pactum.term_loans.schema import TermLoanTerms
from pactum.terms.values import sources

HORIZON = timedelta(days=365)  # what `check` lists ahead of its as-of date


class TermLoan(ClauseType[TermLoanTerms]):
    name = "term_loan"
    description = (
        "A loan repaid in installments of principal every month or quarter, the rest (the "
        "balloon) due at maturity: each payment with its amount and the balance after it."
    )
    schema = TermLoanTerms

    def validate(self, terms: TermLoanTerms, header: TermSheet) -> Sequence[TermProblem]:
        first, maturity = terms.first_payment.value, terms.maturity.value
        if first > maturity:
            return [
                (
                    ("first_payment",),
                    f"{first.isoformat()}, after the maturity {maturity.isoformat()}",
                    "a first payment on or before maturity",
                )
            ]
        repaid, principal = repaid_before_maturity(terms), terms.principal.value
        if repaid > principal:
            count = len(payment_dates(terms)) - 1
            amount, _ = level_installment(terms)
            return [
                (
                    ("installment",) if terms.installment is not None else ("installments",),
                    f"{count} installments of {money_str(amount)} before maturity, "
                    f"{money_str(repaid)} in all",
                    f"installments that repay at most the principal ({money_str(principal)})",
                )
            ]
        return []

    def reconcile(self, terms: TermLoanTerms) -> Sequence[Reconciliation]:
        """A stated installment beside the number of equal installments: recomputed."""
        if terms.installment is None or terms.installments is None:
            return []
        n = terms.installments.value
        computed = (terms.principal.value / n).quantize(CENT)
        stated = terms.installment.value
        found = f"installment: the document states {money_str(stated)}"
        how = f"{money_str(computed)} from the terms (principal / {n}, to the cent)"
        if stated == computed:
            return [(("installment",), "ok", found, f"{how}: agrees")]
        return [(("installment",), "fail", found, f"{how}; difference {stated - computed}")]

    def evaluate(self, ctx: ClauseContext[TermLoanTerms]) -> ClauseFindings:
        terms, as_of = ctx.terms, ctx.as_of
        payments = schedule(terms)
        paid = [p for p in payments if p.due <= as_of]
        outstanding = paid[-1].balance_after if paid else terms.principal.value
        amount, how = level_installment(terms)
        refs = sources(terms.principal, terms.installment, terms.installments, terms.every)
        balloon = payments[-1]
        values = (
            Value(
                "installment",
                amount,
                Unit.money,
                f"{terms.title}: each installment of principal",
                Trace(how, {"principal": money_str(terms.principal.value)}, refs),
            ),
            Value(
                "principal_outstanding",
                outstanding,
                Unit.money,
                f"{terms.title}: principal outstanding as scheduled",
                Trace(
                    "principal - the installments due on or before the as-of date",
                    {
                        "principal": money_str(terms.principal.value),
                        "installments due": str(len(paid)),
                        "repaid": money_str(terms.principal.value - outstanding),
                    },
                    refs,
                ),
            ),
            Value(
                "balloon",
                balloon.principal,
                Unit.money,
                f"{terms.title}: due at maturity {balloon.due.isoformat()}",
                Trace(
                    "principal - the installments before maturity",
                    {
                        "principal": money_str(terms.principal.value),
                        "installments before maturity": str(len(payments) - 1),
                        "installment": money_str(amount),
                    },
                    (*refs, *sources(terms.maturity)),
                ),
            ),
        )
        due = _obligations(ctx, payments, as_of, as_of + HORIZON)
        return ClauseFindings(values=values, obligations=tuple(due))

    def obligations_between(
        self, ctx: ClauseContext[TermLoanTerms], start: date, end: date
    ) -> Sequence[Obligation]:
        return _obligations(ctx, schedule(ctx.terms), start, end)


def _obligations(
    ctx: ClauseContext[TermLoanTerms], payments: list[Payment], start: date, end: date
) -> list[Obligation]:
    terms, calendar = ctx.terms, ctx.calendar
    roll = terms.roll.value
    found = []
    for p in payments:
        day = calendar.roll(p.due, roll)
        if not start <= day <= end or p.principal == ZERO:
            continue
        what = (
            f"{terms.title}: the rest of the principal at maturity"
            if p.at_maturity
            else f"{terms.title}: installment {p.number} of principal"
        )
        notes = [f"balance after it {money_display(p.balance_after)}"]
        if (rolled := calendar.roll_note(p.due, day, roll)) != "":
            notes.append(rolled)
        refs = sources(terms.installment, terms.installments, terms.every, terms.first_payment)
        if p.at_maturity:
            refs = (*refs, *sources(terms.maturity))
        found.append(
            Obligation(
                day,
                what,
                p.principal,
                refs,
                "; ".join(notes),
                ObligationCategory.payment,
                f"{ctx.clause.id}-{p.number}",
            )
        )
    return found


CLAUSE = TermLoan()
