"""A clause type from outside Pactum, as another package would write one: a guarantee capped at
an amount, until an expiry date. Nothing in Pactum names it; it is found through the entry point
`pactum.clauses: guarantee = pactum_guarantee:CLAUSE` (see tests/test_clause_plugin.py).

- values: the cap, what has been called under it, what remains;
- a test: the calls stay within the cap;
- an obligation: the expiry date;
- an alert: a call beyond the cap;
- a document (the guarantee statement) and a chart (the calls against the cap).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import ClassVar

from pydantic import BaseModel, Field

from pactum.charts import Axis, Chart, Mark, Role, Series, level
from pactum.clauses.api import (
    STRICT,
    AgreementFindings,
    ClauseContext,
    ClauseFindings,
    ClauseType,
    TermProblem,
    TermSheet,
)
from pactum.document import Document, Lines, from_value
from pactum.findings import (
    Alert,
    Basis,
    Comparator,
    Obligation,
    ObligationCategory,
    Severity,
    TestResult,
    Trace,
    Unit,
    Value,
)
from pactum.terms.values import Term, sources


class GuaranteeTerms(BaseModel):
    model_config = STRICT

    guarantor: str
    cap: Term[Decimal] = Field(description="the most the guarantor can be called for")
    expires: Term[date]


class CallEvent(BaseModel):
    """The beneficiary called on the guarantee for an amount."""

    model_config = STRICT
    amount: Decimal = Field(gt=0)
    note: str = ""


class Guarantee(ClauseType[GuaranteeTerms]):
    name = "guarantee"
    description = "A guarantee capped at an amount until it expires; calls against the cap."
    schema = GuaranteeTerms
    events: ClassVar[Mapping[str, type[BaseModel]]] = {"guarantee_call": CallEvent}

    def validate(self, terms: GuaranteeTerms, header: TermSheet) -> Sequence[TermProblem]:
        if terms.cap.value <= 0:
            return [(("cap",), str(terms.cap.value), "a cap above zero")]
        return []

    def evaluate(self, ctx: ClauseContext[GuaranteeTerms]) -> ClauseFindings:
        terms = ctx.terms
        calls = [e for e in ctx.events("guarantee_call") if e.date <= ctx.as_of]
        called = sum((e.data.amount for e in calls), Decimal(0))
        cap = terms.cap.value
        cap_sources = sources(terms.cap)
        values = (
            Value(
                "guarantee_cap", cap, Unit.money, "Guarantee cap", Trace("stated", {}, cap_sources)
            ),
            Value(
                "guarantee_called",
                called,
                Unit.money,
                "Called under the guarantee",
                Trace("sum of the calls to date", {e.where(): str(e.data.amount) for e in calls}),
            ),
            Value(
                "guarantee_remaining",
                cap - called,
                Unit.money,
                "Remaining under the cap",
                Trace("cap - called", {"cap": str(cap), "called": str(called)}, cap_sources),
            ),
        )
        test = TestResult(
            id="guarantee_within_cap",
            label="Calls within the guarantee cap",
            test_date=ctx.as_of,
            basis=Basis.actual,
            comparator=Comparator.at_most,
            unit=Unit.money,
            required=cap,
            actual=called,
            passed=called <= cap,
            headroom=cap - called,
        )
        alerts = (
            ()
            if called <= cap
            else (
                Alert(
                    Severity.critical, f"Calls exceed the {terms.guarantor} cap.", cap_sources[0]
                ),
            )
        )
        obligations = (
            (
                Obligation(
                    terms.expires.value,
                    f"{terms.guarantor} guarantee expires",
                    sources=sources(terms.expires),
                    category=ObligationCategory.end,
                    id="guarantee-expires",
                ),
            )
            if terms.expires.value >= ctx.as_of
            else ()
        )
        return ClauseFindings(values, (test,), obligations, alerts)

    def documents(
        self, ctx: ClauseContext[GuaranteeTerms], findings: AgreementFindings
    ) -> Sequence[Document]:
        own = ctx.own(findings)
        return [
            Document(
                kind="guarantee-statement",
                title="Guarantee Statement",
                company=ctx.portfolio.config.company,
                agreement_id=ctx.agreement.id,
                agreement_title=ctx.agreement.sheet.title,
                as_of=ctx.as_of,
                sections=(Lines(ctx.terms.guarantor, tuple(from_value(v) for v in own.values)),),
            )
        ]

    def charts(
        self, ctx: ClauseContext[GuaranteeTerms], findings: AgreementFindings
    ) -> Sequence[Chart]:
        calls = [e for e in ctx.events("guarantee_call") if e.date <= ctx.as_of]
        x = tuple(e.date.isoformat() for e in calls)
        running: list[Decimal] = []
        for e in calls:
            running.append((running[-1] if running else Decimal(0)) + e.data.amount)
        return [
            Chart(
                f"chart-guarantee-{ctx.agreement.id}-{ctx.clause.id}",
                f"Calls under the {ctx.terms.guarantor} guarantee",
                (
                    Series("Called", Mark.line_and_markers, Role.amount, x, tuple(running)),
                    level("Cap", x, ctx.terms.cap.value),
                ),
                left=Axis(Unit.money, from_zero=True),
            )
        ]


CLAUSE = Guarantee()
