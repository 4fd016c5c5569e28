"""The `security_deposit` clause type: a cash deposit or a letter of credit held under any
agreement (a lease's today, a purchase agreement's tomorrow), with its reduction schedule,
the condition that suspends or loses a reduction during a default, its return after the
term, and the balance held on any date."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import ClassVar

from pydantic import BaseModel

from pactum.clauses.api import (
    ClauseContext,
    ClauseFindings,
    ClauseType,
    RollColumn,
    TermProblem,
    TermSheet,
)
from pactum.findings import Alert, Obligation, ObligationCategory, Severity, Trace, Unit, Value
from pactum.money import money_display, money_str
from pactum.security_deposits.schedule import (
    Step,
    StepStatus,
    balance_on,
    default_spans,
    steps,
)
from pactum.security_deposits.schema import DepositEvent, SecurityDepositTerms
from pactum.security_deposits.validation import validate
from pactum.terms.values import source_ref, sources

# `pactum check` lists what falls due in the year after the as-of date
OBLIGATION_HORIZON = timedelta(days=365)


class SecurityDeposit(ClauseType[SecurityDepositTerms]):
    name = "security_deposit"
    survives_the_term = True  # owed after the agreement's term too
    description = (
        "A cash deposit or letter of credit: its amount, reductions on anniversaries or dates "
        "(suspended or lost during a default), its return after the term, the balance held."
    )
    schema = SecurityDepositTerms
    written_as: ClassVar[Mapping[str, tuple[str, ...]]] = {
        "letter_of_credit": ("letter of credit",),
        "cash": ("cash", "security deposit"),
        "from_day_after": ("from the day after",),
        "business_days": ("business days",),
        "suspended": ("suspended",),
        "lost": ("forfeited", "lost"),
    }

    def event_models(self, terms: SecurityDepositTerms) -> Mapping[str, type[BaseModel]]:
        """The default and cure events its condition reads (the lease's, by default)."""
        condition = terms.condition
        if condition is None:
            return {}
        return {condition.default_event: DepositEvent, condition.cure_event: DepositEvent}

    def validate(self, terms: SecurityDepositTerms, header: TermSheet) -> Sequence[TermProblem]:
        return validate(terms, header)

    def evaluate(self, ctx: ClauseContext[SecurityDepositTerms]) -> ClauseFindings:
        found = _steps(ctx)
        end = ctx.as_of + OBLIGATION_HORIZON
        return ClauseFindings(
            values=tuple(_values(ctx, found)),
            obligations=tuple(_obligations(ctx, found, ctx.as_of, end)),
            alerts=tuple(_alerts(ctx, found)),
        )

    def obligations_between(
        self, ctx: ClauseContext[SecurityDepositTerms], start: date, end: date
    ) -> Sequence[Obligation]:
        return _obligations(ctx, _steps(ctx), start, end)

    def beside_roll(
        self, ctx: ClauseContext[SecurityDepositTerms], days: Sequence[date]
    ) -> Sequence[RollColumn]:
        """The amount held on each row's due date, the reductions as known on the as-of date
        (later ones projected, no default assumed)."""
        found = _steps(ctx)
        terms = ctx.terms
        return (
            RollColumn(
                f"{ctx.clause.id}_held",
                {day: balance_on(terms, found, day) for day in days},
                summed=False,
                note=f"{ctx.clause.id} held: {terms.title} ({terms.form.value.words}) held on "
                "the row's due date, each reduction in effect by then applied (a suspended "
                "or lost one not); after the as-of date as scheduled.",
            ),
        )


def _steps(ctx: ClauseContext[SecurityDepositTerms]) -> list[Step]:
    condition = ctx.terms.condition
    spans = (
        default_spans(ctx.events(), condition.default_event, condition.cure_event, ctx.as_of)
        if condition is not None
        else []
    )
    return steps(ctx.terms, spans, ctx.as_of)


def _values(ctx: ClauseContext[SecurityDepositTerms], found: list[Step]) -> list[Value]:
    terms, as_of = ctx.terms, ctx.as_of
    prefix = ctx.clause.id
    inputs = {"amount given": f"{money_str(terms.amount.value)} on {terms.given.value}"}
    for step in found:
        effective = step.effective
        held_from = f", in effect from {effective.isoformat()}" if effective else ""
        inputs[f"reduction {step.number}, {step.when()}"] = (
            f"{step.change()}: {step.why()}{held_from}"
        )
    balance = Value(
        f"{prefix}-balance",
        balance_on(terms, found, as_of),
        Unit.money,
        f"{terms.title} ({terms.form.value.words}) held on {as_of.isoformat()}",
        Trace(
            "the amount given, with each reduction in effect on the date applied in order "
            "(a suspended or lost reduction is not)",
            inputs,
            sources(
                terms.amount,
                terms.given,
                *(s.reduction.to or s.reduction.by for s in found),
                terms.condition,
            ),
        ),
    )
    values = [balance]
    returned = terms.returned
    if returned is not None:
        due = _return_due(ctx)
        values.append(
            Value(
                f"{prefix}-return-due",
                due,
                Unit.date,
                f"{terms.title}: return due",
                Trace(
                    "the term's end + days, rolled as the clause says",
                    {
                        "term ends": returned.after.value.isoformat(),
                        "days": str(returned.days.value),
                    },
                    sources(returned.after, returned.days, returned.roll),
                ),
            )
        )
    return values


def _return_due(ctx: ClauseContext[SecurityDepositTerms]) -> date:
    returned = ctx.terms.returned
    assert returned is not None
    unrolled = returned.after.value + timedelta(days=returned.days.value)
    return ctx.calendar.roll(unrolled, returned.roll.value)


def _obligations(
    ctx: ClauseContext[SecurityDepositTerms], found: list[Step], start: date, end: date
) -> list[Obligation]:
    terms = ctx.terms
    words = terms.form.value.words
    listed: list[Obligation] = []
    act = terms.reduced_by
    for step in found:
        effective = step.effective
        if effective is None:
            continue  # suspended until a cure, or lost: the alerts say so
        due = effective
        if act is not None and act.within.value:
            days = act.within.value
            due = (
                ctx.calendar.add_business_days(effective, days)
                if act.business_days.value
                else effective + timedelta(days=days)
            )
        if not start <= due <= end:
            continue
        who = f" ({act.party.value.value}: {act.act})" if act is not None else ""
        notes = [] if step.status is StepStatus.taken else [step.why()]
        if effective != due:
            notes.append(f"the reduced amount holds from {effective.isoformat()}")
        notes.append(ctx.calendar.not_rolled_note(due))
        listed.append(
            Obligation(
                due,
                f"{terms.title}: {words} reduced {step.change()}{who}",
                balance_on(terms, found, effective),
                sources(
                    step.reduction.to or step.reduction.by,
                    step.reduction.anniversary or step.reduction.date,
                    *((act.party, act.within) if act is not None else ()),
                    terms.condition,
                ),
                "; ".join(n for n in notes if n),
                ObligationCategory.other,
                f"{ctx.clause.id}-reduction-{step.number}",
            )
        )
    returned = terms.returned
    if returned is not None:
        due = _return_due(ctx)
        if start <= due <= end:
            unrolled = returned.after.value + timedelta(days=returned.days.value)
            listed.append(
                Obligation(
                    due,
                    f"{terms.title}: {words} returned ({returned.party.value.value}), "
                    f"{returned.days.value} days after the term ends on {returned.after.value}",
                    balance_on(terms, found, returned.after.value),
                    sources(returned.days, returned.after, returned.roll),
                    ctx.calendar.roll_note(unrolled, due, returned.roll.value),
                    ObligationCategory.payment,
                    f"{ctx.clause.id}-return",
                )
            )
    return sorted(listed, key=lambda o: (o.due, o.what))


def _alerts(ctx: ClauseContext[SecurityDepositTerms], found: list[Step]) -> list[Alert]:
    terms = ctx.terms
    words = terms.form.value.words
    alerts: list[Alert] = []
    for step in found:
        if step.status not in (StepStatus.suspended, StepStatus.lost):
            continue
        assert step.default is not None
        if step.status is StepStatus.suspended:
            message = (
                f"{terms.title}: the reduction of the {words} {step.change()} due on "
                f"{step.when()} is suspended: {step.default.describe()}; it is taken on the "
                f"cure. {money_display(balance_on(terms, found, ctx.as_of))} is held."
            )
        else:
            message = (
                f"{terms.title}: the reduction of the {words} {step.change()} due on "
                f"{step.when()} is lost: {step.default.describe()}."
            )
        alerts.append(Alert(Severity.warning, message, source_ref(terms.condition)))
    return alerts


CLAUSE = SecurityDeposit()
