"""The `financial_tests` clause type: the financial covenants of any agreement, each a metric
or ratio over the company's financials, tested on recurring period ends over its measuring
period, against levels on a dated schedule."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, ClassVar, cast

from pactum.clauses.api import (
    AgreementFindings,
    ClauseContext,
    ClauseFindings,
    ClauseType,
    TermProblem,
    TermSheet,
)
from pactum.dates import RECURRENCE_WORDS
from pactum.financial_tests.alerts import test_alerts
from pactum.financial_tests.evaluation import Measures, evaluate_test, required_at, test_dates
from pactum.financial_tests.schema import FinancialTestsTerms
from pactum.financial_tests.series import test_charts
from pactum.financial_tests.validation import definition_problems, definition_set, test_problems
from pactum.findings import Basis, Obligation, ObligationCategory, TestResult, by_severity
from pactum.terms.instruments import with_waivers
from pactum.terms.values import source_ref

if TYPE_CHECKING:
    from pactum.charts import Chart
    from pactum.document import Document


class FinancialTests(ClauseType[FinancialTestsTerms]):
    name = "financial_tests"
    description = (
        "Financial covenants: a metric or ratio over the financials, tested on period ends "
        "over trailing, year-to-date or period-to-date periods, against dated levels."
    )
    schema = FinancialTestsTerms
    written_as: ClassVar[Mapping[str, tuple[str, ...]]] = {
        "inclusive": ("not less than", "not more than", "at least", "or more", "or less"),
        "minimum": ("not less than", "at least", "less than", "minimum"),
        "maximum": ("not more than", "not exceed", "greater than", "maximum", "more than"),
        **RECURRENCE_WORDS,
    }

    def validate(self, terms: FinancialTestsTerms, header: TermSheet) -> Sequence[TermProblem]:
        definitions, problems = definition_problems(terms.financial_items, terms.definitions)
        if definitions is None:
            return problems
        problems += test_problems(terms.tests, definitions, set(header.dates), ("tests",))
        for i, test in enumerate(terms.tests):
            if test.tested is None:
                problems.append(
                    (
                        ("tests", i),
                        "no `tested`",
                        "tested: {every: month_end|quarter_end|fiscal_year_end, first: DATE}",
                    )
                )
        return problems

    def test_ids(self, terms: FinancialTestsTerms) -> Sequence[str]:
        return [t.id for t in terms.tests]

    def evaluate(self, ctx: ClauseContext[FinancialTestsTerms]) -> ClauseFindings:
        # a waiver in force takes a waived date's result out of the failures
        tests = with_waivers(_results(ctx), ctx.agreement.sheet.instruments, ctx.as_of)
        alerts = [a for t in tests for a in test_alerts(t, ctx.as_of, None)]
        return ClauseFindings(tests=tuple(tests), alerts=tuple(by_severity(alerts)))

    def obligations_between(
        self, ctx: ClauseContext[FinancialTestsTerms], start: date, end: date
    ) -> Sequence[Obligation]:
        """Each test's test dates in the window, as the calendar's covenant test dates."""
        found: list[Obligation] = []
        later = ctx.on(max(end, ctx.as_of))
        measures = _measures(later, later.terms)
        for test in later.terms.tests:
            assert test.tested is not None
            every = test.tested.every
            for on in test_dates(test, every.value, start, measures, end, later.dates):
                if start <= on <= end:
                    found.append(
                        Obligation(
                            on,
                            f"{test.title}: test date",
                            None,
                            tuple(r for r in (source_ref(every),) if r is not None),
                            "",
                            ObligationCategory.covenant_test,
                            f"{test.id}-{on.isoformat()}",
                        )
                    )
        return found

    def documents(
        self, ctx: ClauseContext[FinancialTestsTerms], findings: AgreementFindings
    ) -> Sequence[Document]:
        # imported here: `check` never pays for the certificate's layout
        from pactum.financial_tests.compliance_certificate import compliance_certificate

        terms = ctx.terms
        certificate = compliance_certificate(
            ctx.portfolio.config.company,
            [t.id for t in terms.tests],
            terms.definitions,
            ctx.own(findings),
            ctx.as_of,
        )
        return [certificate.document()]

    def charts(
        self, ctx: ClauseContext[FinancialTestsTerms], findings: AgreementFindings
    ) -> Sequence[Chart]:
        return test_charts(ctx.agreement.id, findings, ctx.clause.id)


def _measures(ctx: ClauseContext[FinancialTestsTerms], terms: FinancialTestsTerms) -> Measures:
    return Measures(
        terms.financial_items,
        definition_set(terms.financial_items, terms.definitions),
        ctx.portfolio.facts.financials.known_at(ctx.as_of),
        ctx.portfolio.fiscal_year_end_month,
    )


def _earlier_versions(ctx: ClauseContext[FinancialTestsTerms]) -> list[FinancialTestsTerms]:
    """The clause as earlier instruments in force by the as-of date wrote it, latest first:
    a test date before a later version's schedule begins is still governed by them (No. 6
    restates the leverage table from Q4 2007; Q3 2007 keeps No. 5's level)."""
    agreement = ctx.agreement
    order = {i.id: n for n, i in enumerate(agreement.sheet.instruments)}
    mine = order.get(ctx.clause.instrument or "", 0)
    earlier = [
        v
        for v in agreement.versions
        if v.id == ctx.clause.id
        and order.get(v.instrument or "", 0) < mine
        and isinstance(v.terms, FinancialTestsTerms)
    ]
    earlier.sort(key=lambda v: order.get(v.instrument or "", 0), reverse=True)
    # each with its dates worked out on the as-of date, as the clause's own
    return [
        ClauseContext(
            agreement, v, cast(FinancialTestsTerms, v.terms), ctx.portfolio, ctx.as_of
        ).terms
        for v in earlier
    ]


def _results(ctx: ClauseContext[FinancialTestsTerms]) -> list[TestResult]:
    dated = ctx.agreement.sheet.dated
    default_first = dated.value if dated is not None else ctx.as_of
    # each version of the clause with what its tests read, the latest (this one) first
    versions = [(v, _measures(ctx, v)) for v in (ctx.terms, *_earlier_versions(ctx))]
    results: list[TestResult] = []
    for test in ctx.terms.tests:
        assert test.tested is not None  # checked at load
        every = test.tested.every.value
        # the test as each version writes it, the latest first
        written = [(m, t) for v, m in versions for t in v.tests if t.id == test.id]
        on_dates: set[date] = set()
        for measures, t in written:
            on_dates |= set(test_dates(t, every, default_first, measures, ctx.as_of, ctx.dates))
        for on in sorted(on_dates):
            measures, governing = next(
                ((m, t) for m, t in written if required_at(t, on, ctx.dates)[0] is not None),
                written[0],
            )
            result = evaluate_test(governing, every, measures, on, ctx.dates)
            # a forecast period that lacks the data for a test says nothing: leave it out
            if not (result.basis is Basis.forecast and result.passed is None):
                results.append(result)
    return results


CLAUSE = FinancialTests()
