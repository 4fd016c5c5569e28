"""The `term_loan` clause type: a loan repaid in installments of principal, with its balloon."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from decimal import Decimal
from typing import ClassVar

from pydantic import BaseModel

from pactum.clauses.api import (
    ClauseContext,
    ClauseFindings,
    ClauseType,
    EventProblem,
    Reconciliation,
    TermProblem,
    TermSheet,
)
from pactum.facts.events import Event
from pactum.findings import Obligation, ObligationCategory, Trace, Unit, Value
from pactum.money import ZERO, money_display, money_str
from pactum.term_loans.schedule import (
    CENT,
    Payment,
    PrepaymentTooLarge,
    level_installment,
    payment_dates,
    repaid_before_maturity,
    schedule,
)
from pactum.term_loans.schema import PrepaymentEvent, TermLoanTerms
from pactum.terms.values import sources

HORIZON = timedelta(days=365)  # what `check` lists ahead of its as-of date


class TermLoan(ClauseType[TermLoanTerms]):
    name = "term_loan"
    description = (
        "A loan repaid in installments of principal every month or quarter, the rest (the "
        "balloon) due at maturity: each payment with its amount and the balance after it."
    )
    schema = TermLoanTerms
    # how agreements write the order prepayments are applied in
    written_as: ClassVar[Mapping[str, tuple[str, ...]]] = {
        "inverse_order_of_maturity": (
            "inverse order of their maturity",
            "inverse order of maturity",
        ),
        "pro_rata": ("pro rata", "ratably"),
    }

    def event_models(self, terms: TermLoanTerms) -> Mapping[str, type[BaseModel]]:
        """The prepayments, when the sheet says how they are applied."""
        return {terms.prepayments.event: PrepaymentEvent} if terms.prepayments else {}

    def validate_events(self, terms: TermLoanTerms, events: list[Event]) -> Sequence[EventProblem]:
        """A prepayment of more than the principal then outstanding is refused."""
        if terms.prepayments is None:
            return []
        found = [e for e in events if e.event == terms.prepayments.event]
        try:
            schedule(terms, _prepaid(found))
        except PrepaymentTooLarge as exc:
            event = found[exc.index]
            return [
                (
                    event,
                    "amount",
                    f"{money_display(_prepaid([event])[0][1])} prepaid on {event.date.isoformat()}",
                    f"at most the principal then outstanding, {money_display(exc.outstanding)} "
                    f"(the installments due after {event.date.isoformat()})",
                )
            ]
        return []

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
        if terms.advanced is not None and terms.advanced.value > first:
            advanced = terms.advanced.value
            return [
                (
                    ("advanced",),
                    f"{advanced.isoformat()}, after the first payment {first.isoformat()}",
                    "the loan made on or before its first payment",
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
        prepaid = known_prepayments(ctx)
        payments = schedule(terms, prepaid)
        paid = [p for p in payments if p.due <= as_of]
        prepaid_total = sum((amount for _, amount in prepaid), Decimal(0))
        repaid = sum((p.principal for p in paid), Decimal(0)) + prepaid_total
        outstanding = terms.principal.value - repaid
        prepay_refs = sources(terms.prepayments.applied) if terms.prepayments else ()
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
                    "principal - the installments due on or before the as-of date"
                    + (" - prepayments" if prepaid else ""),
                    {
                        "principal": money_str(terms.principal.value),
                        "installments due": str(len(paid)),
                        **(
                            {
                                "prepayments": "; ".join(
                                    f"{money_str(a)} on {d.isoformat()}" for d, a in prepaid
                                )
                            }
                            if prepaid
                            else {}
                        ),
                        "repaid": money_str(repaid),
                    },
                    (*refs, *prepay_refs),
                ),
            ),
            Value(
                "balloon",
                balloon.principal,
                Unit.money,
                f"{terms.title}: due at maturity {balloon.due.isoformat()}",
                Trace(
                    "principal - the installments before maturity"
                    + (" - prepayments, applied " + _applied(terms) if prepaid else ""),
                    {
                        "principal": money_str(terms.principal.value),
                        "installments before maturity": str(len(payments) - 1),
                        "installment": money_str(amount),
                        **({"prepaid": money_str(prepaid_total)} if prepaid else {}),
                    },
                    (*refs, *sources(terms.maturity), *prepay_refs),
                ),
            ),
        )
        due = _obligations(ctx, payments, as_of, as_of + HORIZON)
        return ClauseFindings(values=values, obligations=tuple(due))

    def obligations_between(
        self, ctx: ClauseContext[TermLoanTerms], start: date, end: date
    ) -> Sequence[Obligation]:
        return _obligations(ctx, schedule(ctx.terms, known_prepayments(ctx)), start, end)


def _prepaid(events: list[Event]) -> list[tuple[date, Decimal]]:
    found = []
    for event in events:
        data = event.data
        assert isinstance(data, PrepaymentEvent)  # the portfolio read it with this model
        found.append((event.date, data.amount))
    return found


def known_prepayments(ctx: ClauseContext[TermLoanTerms]) -> list[tuple[date, Decimal]]:
    """The prepayments recorded by the as-of date (none when the sheet has no rule for them)."""
    rule = ctx.terms.prepayments
    if rule is None:
        return []
    return _prepaid([e for e in ctx.events(rule.event) if e.date <= ctx.as_of])


def _applied(terms: TermLoanTerms) -> str:
    assert terms.prepayments is not None
    return terms.prepayments.applied.value.value.replace("_", " ")


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
