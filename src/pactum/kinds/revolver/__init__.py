"""The `revolver` kind: a credit facility, asset-based or not, computed as of any date.

Each part of the sheet adds its findings only when the sheet has it: the borrowing base its
advances and availability, reporting its frequency and reports, covenants and capex their
tests, fees their costs; the commitment and the maturity are always there.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from difflib import get_close_matches
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from pydantic import BaseModel

from pactum.clauses.api import (
    AgingCertificate,
    AgingFiles,
    AgreementFindings,
    ClauseContext,
    ClauseFindings,
    ClauseType,
    TermProblem,
    TermSheet,
)
from pactum.collateral.detail_facts import DetailFiles
from pactum.dates import Recurrence
from pactum.errors import Problem, shown
from pactum.facts.dated_snapshots import InForce
from pactum.facts.events import AgreementEvents, Event
from pactum.financial_tests.alerts import overdue_actuals_alerts, test_alerts
from pactum.financial_tests.evaluation import Measures, evaluate_test, test_dates
from pactum.findings import (
    Alert,
    Basis,
    Comparator,
    Obligation,
    Severity,
    TestResult,
    Trace,
    Unit,
    Value,
    by_severity,
)
from pactum.kinds.revolver import borrowing_base
from pactum.kinds.revolver.calendar_obligations import (
    collateral_in_force,
    obligations_between,
    signed,
)
from pactum.kinds.revolver.capex import evaluate_capex
from pactum.kinds.revolver.fact_items import late_fact_alerts, unread_item_alerts
from pactum.kinds.revolver.obligations import maturity_alerts, next_report_due, obligations
from pactum.kinds.revolver.pricing import pricing_margin
from pactum.kinds.revolver.redetermination import deficiency_findings
from pactum.kinds.revolver.rollforward import load_revolver_facts
from pactum.kinds.revolver.schema import (
    EVENTS,
    ConsentEvent,
    RedeterminationEvent,
    RevolverTerms,
)
from pactum.kinds.revolver.validation import definition_set, validate
from pactum.money import money_display, money_str, percent_str
from pactum.portfolio import Portfolio
from pactum.terms.instruments import with_waivers
from pactum.terms.values import sources

if TYPE_CHECKING:
    from pactum.charts import Chart
    from pactum.document import Document

OBLIGATION_HORIZON = timedelta(days=365)


def evaluate(ctx: ClauseContext[RevolverTerms]) -> ClauseFindings:
    sheet, agreement, portfolio, as_of = ctx.terms, ctx.agreement, ctx.portfolio, ctx.as_of
    facts = portfolio.facts
    events = facts.events.for_agreement(agreement.id)
    fy_end = portfolio.fiscal_year_end_month
    alerts: list[Alert] = []

    collateral = collateral_in_force(agreement, sheet, portfolio)
    now = borrowing_base.compute(sheet, collateral, facts.loans, events, as_of)
    values = list(now.values)
    if sheet.reporting is not None:
        values += _reporting(sheet, now, as_of, alerts)
    values.append(
        Value(
            "maturity",
            sheet.maturity.value,
            Unit.date,
            "Maturity",
            Trace("stated", {}, sources(sheet.maturity)),
        )
    )

    if now.availability < 0:
        alerts.append(
            Alert(
                Severity.critical,
                (f"Overadvance: loans exceed the line cap by {money_display(-now.availability)}."),
            )
        )

    tests = _covenant_tests(ctx, events, alerts)
    rbl = sheet.borrowing_base.amount_by_redetermination if sheet.borrowing_base else None
    deficiency_due: list[Obligation] = []
    if rbl is not None:
        more, cure_tests, deficiency_due, cure_alerts = deficiency_findings(
            rbl, events, facts.loans, as_of
        )
        values += more
        tests += cure_tests
        alerts += cure_alerts
    margin = pricing_margin(sheet.pricing_grid, tests) if sheet.pricing_grid else None
    if margin is not None:
        values.append(margin)
    tests += _draw_tests(sheet, portfolio, events, collateral, as_of, alerts)

    # nothing falls due under the facility after its maturity (the calendar stops there too)
    horizon = min(as_of + OBLIGATION_HORIZON, sheet.maturity.value)
    found = obligations(sheet, agreement.calendar(), as_of, horizon, fy_end)
    found += [o for o in deficiency_due if o.due <= horizon]
    alerts += maturity_alerts(sheet, as_of)
    alerts += unread_item_alerts(sheet, portfolio)
    alerts += late_fact_alerts(sheet, portfolio)
    if sheet.pricing_grid is not None and sheet.pricing_grid.status == "not_provided":
        alerts.append(
            Alert(
                Severity.info,
                (
                    "Interest pricing is not computed: "
                    + (sheet.pricing_grid.note or "the grid is not provided.")
                ),
                sheet.pricing_grid.source_ref(),
            )
        )
    return ClauseFindings(
        values=tuple(values),
        tests=tuple(sorted(tests, key=lambda t: t.test_date, reverse=True)),  # latest first
        obligations=tuple(found),
        alerts=by_severity(alerts),
    )


def _reporting(
    sheet: RevolverTerms, now: borrowing_base.Availability, as_of: date, alerts: list[Alert]
) -> list[Value]:
    """The next borrowing-base report due, and a warning while reporting is weekly."""
    rep = sheet.reporting
    assert rep is not None and now.reporting_frequency is not None
    due_value = next_report_value(sheet, now.reporting_frequency, as_of)
    due = due_value.value
    assert isinstance(due, date)
    threshold = rep.excess_availability_threshold.value
    if now.reporting_frequency == "weekly":
        shown = "n/a" if now.excess_fraction is None else percent_str(now.excess_fraction)
        alerts.append(
            Alert(
                Severity.warning,
                (
                    f"Excess availability {shown} is not above {percent_str(threshold)}: borrowing-base "
                    f"reporting is weekly (next due {due.isoformat()})."
                ),
                rep.excess_availability_threshold.source_ref(),
            )
        )
    return [due_value]


def next_report_value(sheet: RevolverTerms, frequency: str, as_of: date) -> Value:
    """The next borrowing-base report due on or after `as_of`, with its trace."""
    rep = sheet.reporting
    assert rep is not None  # only a sheet with a reporting clause has reports
    return Value(
        "next_borrowing_base_report_due",
        next_report_due(rep, frequency, as_of),
        Unit.date,
        "Next borrowing-base report due",
        Trace(
            f"{frequency} reporting: "
            + (
                f"{rep.monthly_due_days_after_month_end.value} days after month end"
                if frequency == "monthly"
                else f"each {rep.weekly_due_weekday.value.value}"
            ),
            {"as_of": as_of.isoformat()},
            sources(rep.monthly_due_days_after_month_end, rep.weekly_due_weekday),
        ),
    )


def _covenant_tests(
    ctx: ClauseContext[RevolverTerms],
    events: AgreementEvents,
    alerts: list[Alert],
) -> list[TestResult]:
    sheet, as_of = ctx.terms, ctx.as_of
    financials = ctx.portfolio.facts.financials.known_at(as_of)
    fy_end = ctx.portfolio.fiscal_year_end_month
    tests: list[TestResult] = []
    if sheet.financial_items is not None:
        measures = Measures(sheet.financial_items, definition_set(sheet), financials, fy_end)
        dated = signed(ctx.agreement)
        first = dated or min(financials.periods(), default=as_of)
        every = Recurrence.quarter_end  # covenant_tests: fiscal_quarter_end
        for covenant in sheet.covenants:
            for on in test_dates(covenant, every, first, measures, as_of, ctx.dates):
                tests.append(evaluate_test(covenant, every, measures, on, ctx.dates))
    if sheet.capex is not None:
        capex_dates = sorted({t.test_date for t in tests}) or [as_of]
        for on in capex_dates:
            result = evaluate_capex(sheet, sheet.capex, financials, events, on, as_of, fy_end)
            if result is not None:
                tests.append(result[0])
                alerts += result[1]
    # a forecast quarter that lacks the data for a test says nothing: leave it out
    tests = [t for t in tests if not (t.basis is Basis.forecast and t.passed is None)]
    # a waiver in force takes a waived date's result out of the failures
    tests = with_waivers(tests, ctx.agreement.sheet.instruments, as_of)
    due_days = sheet.financial_statements_due_days
    statements_due = timedelta(days=due_days.value) if due_days is not None else None
    for test in tests:
        alerts += test_alerts(test, as_of, statements_due)
    due_source = due_days.source_ref() if due_days is not None else None
    alerts += overdue_actuals_alerts(tests, as_of, statements_due, due_source)
    return tests


def _draw_tests(
    sheet: RevolverTerms,
    portfolio: Portfolio,
    events: AgreementEvents,
    collateral: InForce,
    as_of: date,
    alerts: list[Alert],
) -> list[TestResult]:
    """Each draw request against availability on its date (the bank monitors disbursements);
    without a borrowing base, against the commitment less what is drawn.

    Only draws not yet in the loan balance are checked: those dated after the loans row in
    force at the as-of date (a later row already includes the draw), future requests too.
    """
    facts = portfolio.facts
    reported = facts.loans.in_force("revolver_outstanding", as_of)
    room = "availability" if sheet.borrowing_base else "commitment - loans"
    tests = []
    for event in events.named("draw_request"):
        if reported is not None and event.date <= reported.as_of:
            continue
        amount = event.data.amount
        # a future request is checked on what is known at the as-of date
        on = min(event.date, as_of)
        then = borrowing_base.compute(sheet, collateral, facts.loans, events, on)
        fits = amount <= then.availability
        remaining = then.availability - amount
        tests.append(
            TestResult(
                id="draw_request",
                label=f"Draw request of {money_display(amount)}",
                test_date=event.date,
                basis=Basis.request,
                comparator=Comparator.at_most,
                unit=Unit.money,
                required=then.availability,
                actual=amount,
                passed=fits,
                headroom=remaining,
                note=f"{room} after the draw {money_display(remaining)} ({event.where()})",
                trace=Trace(
                    f"draw amount <= {room} on the draw date",
                    {room: money_str(then.availability), "amount": money_str(amount)},
                ),
            )
        )
        if not fits:
            alerts.append(
                Alert(
                    Severity.warning,
                    (
                        f"Draw request of {money_display(amount)} on {event.date.isoformat()} exceeds "
                        f"{room} of {money_display(then.availability)} by "
                        f"{money_display(-remaining)}."
                    ),
                )
            )
    return tests


class Revolver(ClauseType[RevolverTerms]):
    name = "revolver"
    description = (
        "A credit facility: commitment and maturity; where the agreement has them, a borrowing "
        "base with availability and its reporting trigger, covenants, capex, draws."
    )
    schema = RevolverTerms
    events = EVENTS
    # "$8,000,000 ... minus Letter of Credit Usage": a deduction from the commitment too
    # and a cross-aging threshold that counts itself: "thirty percent (30%) or more"
    written_as: ClassVar[Mapping[str, tuple[str, ...]]] = {
        "from_commitment_too": ("minus", "less"),
        "at_least": ("at least", "or more"),
    }

    def test_ids(self, terms: RevolverTerms) -> Sequence[str]:
        return [c.id for c in terms.covenants]

    def figures(self, terms: RevolverTerms) -> Sequence[str]:
        """Availability and what it is worked out from, for later clauses to name
        (`facility.excess_availability`)."""
        if terms.borrowing_base is None:
            return ()
        found = ["borrowing_base", "line_cap", "availability"]
        if terms.reporting is not None:
            found += ["excess_availability", "excess_availability_pct"]
        return tuple(found)

    def validate(self, terms: RevolverTerms, header: TermSheet) -> Sequence[TermProblem]:
        return validate(terms, header)

    def term_end(self, ctx: ClauseContext[RevolverTerms]) -> tuple[date, str] | None:
        return ctx.terms.maturity.value, "maturity"

    def load_facts(self, folder: Path) -> DetailFiles | None:
        return load_revolver_facts(folder)

    def check_event(self, terms: RevolverTerms, event: Event, data: BaseModel) -> Problem | None:
        """A consent is to a condition the sheet names: another would change nothing; a
        redetermination is of a borrowing base set by amount."""
        base = terms.borrowing_base
        if isinstance(data, RedeterminationEvent):
            if base is not None and base.amount_by_redetermination is not None:
                return None
            return Problem(
                event.file,
                event.line_of("event"),
                "event",
                "redetermination",
                "a borrowing base set by amount (borrowing_base.amount_by_redetermination) "
                "in the agreement's revolver",
            )
        if not isinstance(data, ConsentEvent):
            return None
        named = sorted(
            {c.condition.value for c in (base.inventory_classes if base else []) if c.condition}
        )
        if data.condition in named:
            return None
        meant = get_close_matches(data.condition, named, n=1, cutoff=0.8)
        return Problem(
            event.file,
            event.line_of("condition"),
            "condition",
            shown(data.condition) + (f" (did you mean {meant[0]!r}?)" if meant else ""),
            "a condition the sheet names: " + (", ".join(named) or "(it names none)"),
        )

    def evaluate(self, ctx: ClauseContext[RevolverTerms]) -> ClauseFindings:
        return evaluate(ctx)

    def certifies_aging(self, terms: RevolverTerms) -> bool:
        return terms.borrowing_base is not None

    def certificate_from_aging(
        self,
        ctx: ClauseContext[RevolverTerms],
        files: AgingFiles,
        failed_tests: Sequence[TestResult] = (),
    ) -> AgingCertificate:
        # imported here: the collateral engine (Ibis, DuckDB) only when an aging is posted
        from pactum.kinds.revolver.aging_certificate import certificate_from_aging

        return certificate_from_aging(ctx, files, failed_tests)

    def recorded_tables(self, ctx: ClauseContext[RevolverTerms], folder: Path) -> dict[str, Path]:
        # imported here: a run that records nothing never loads the collateral engine
        from pactum.kinds.revolver.recorded_ledger import recorded_ledger

        return recorded_ledger(ctx, folder)

    def obligations_between(
        self, ctx: ClauseContext[RevolverTerms], start: date, end: date
    ) -> Sequence[Obligation]:
        return obligations_between(ctx.agreement, ctx.terms, ctx.portfolio, ctx.as_of, start, end)

    def charts(
        self, ctx: ClauseContext[RevolverTerms], findings: AgreementFindings
    ) -> Sequence[Chart]:
        from pactum.kinds.revolver.series import charts  # imported here: `check` draws none

        return charts(ctx, findings, evaluate)

    def documents(
        self, ctx: ClauseContext[RevolverTerms], findings: AgreementFindings
    ) -> Sequence[Document]:
        # imported here: `check` never pays for the certificates' layouts
        from pactum.financial_tests.compliance_certificate import compliance_certificate
        from pactum.kinds.revolver.borrowing_base_certificate import from_clause

        company = ctx.portfolio.config.company
        sheet = ctx.terms
        found = []
        if sheet.borrowing_base is not None:  # a certificate of what the sheet has
            base = from_clause(ctx.agreement, sheet, ctx.portfolio, ctx.as_of)
            found.append(base.with_failed_tests(findings.failed_tests).document())
        if sheet.covenants or sheet.capex is not None:
            own = ctx.own(findings)
            order = [c.id for c in sheet.covenants]
            certificate = compliance_certificate(company, order, sheet.definitions, own, ctx.as_of)
            found.append(certificate.document())
        return found


CLAUSE = Revolver()
