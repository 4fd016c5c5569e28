"""Evaluation: a pure function of (portfolio, as-of date) to findings.

Each clause of each agreement is evaluated in sheet order, seeing what the clauses before it
found (a reporting clause reads the borrowing base's availability); every record it returns is
stamped with the clause behind it, then the agreement's findings are the clauses' together.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from pactum.clauses.api import ClauseContext, ClauseFindings, registered
from pactum.clauses.api import clause_contexts as clauses_on
from pactum.clauses.api import clauses_on_demand as on_demand
from pactum.dates import add_months
from pactum.findings import (
    AgreementFindings,
    Alert,
    ClauseRef,
    Findings,
    Severity,
    Trace,
    Unit,
    Value,
    by_severity,
)
from pactum.portfolio import Agreement, Book, Portfolio

__all__ = [
    "check",
    "check_book",
    "clause_contexts",
    "evaluate_agreement",
    "signed_on",
    "term_ended",
]


def check(portfolio: Portfolio, as_of: date) -> Findings:
    results = tuple(
        evaluate_agreement(agreement, portfolio, as_of)
        for agreement in portfolio.agreements.values()
    )
    return Findings(as_of=as_of, company=portfolio.config.company, agreements=results)


def check_book(book: Book, as_of: date) -> Findings:
    """Each borrower's agreements on its own facts, one after another; one company's
    portfolio gives its findings as `check` does."""
    if not book.is_book:
        return check(book.borrowers[0].portfolio, as_of)
    agreements = tuple(
        replace(found, borrower=borrower.id)
        for borrower in book.borrowers
        for found in check(borrower.portfolio, as_of).agreements
    )
    borrowers = tuple((b.id, b.name) for b in book.borrowers if b.id is not None)
    return Findings(as_of, book.name, agreements, borrowers)


def evaluate_agreement(
    agreement: Agreement, portfolio: Portfolio, as_of: date
) -> AgreementFindings:
    agreement = agreement.at(as_of)  # each clause as its instruments stand on the date
    clauses = tuple(ClauseRef(c.id, c.type) for c in agreement.clauses)
    title = agreement.sheet.title
    signed = signed_on(agreement)
    if signed is not None and signed > as_of:
        # nothing of it binds yet: no test, no deadline, no warning as if it were in force
        note = (
            f"Not yet in force: the agreement is dated {signed.isoformat()}, after "
            f"{as_of.isoformat()}; nothing of it is tested or due before then."
        )
        alert = Alert(Severity.info, note, clause=agreement.clauses[0].id)
        return AgreementFindings(
            agreement.id, title, clauses, alerts=(alert,), in_force_from=signed
        )
    ended = term_ended(agreement, portfolio, as_of)
    if ended is not None:
        day, what, clause_id = ended
        # what survives the term (a reimbursement, a deposit to return) is still worked out
        survive = any(registered(c.type).survives_the_term for c in agreement.clauses)
        survive_note = survive or bool(agreement.sheet.survives)
        note = (
            f"Ended: the agreement's term ended on {day.isoformat()} ({what}); nothing of it "
            f"is tested or due after then{' but what survives its term' if survive_note else ''}."
        )
        alert = Alert(Severity.info, note, clause=clause_id)
        surviving = [
            f
            for ctx, f in (clauses_on(agreement, portfolio, as_of) if survive else [])
            if registered(ctx.clause.type).survives_the_term
        ]
        sections = ClauseFindings(values=tuple(surviving_sections(agreement, day)))
        return _gathered(
            agreement.id, title, clauses, [sections, *surviving], (alert,), ended_on=day
        )
    found = [f for _, f in clauses_on(agreement, portfolio, as_of)]
    return _gathered(agreement.id, title, clauses, found)


def surviving_sections(agreement: Agreement, ended: date) -> list[Value]:
    """The sections the sheet says survive the term, each with the day it survives to (its
    years after the term's last day) or `indefinitely`, cited."""
    values: list[Value] = []
    for index, survival in enumerate(agreement.sheet.survives, start=1):
        label = f"{survival.sections} survive the term" + (
            f" ({survival.title})" if survival.title else ""
        )
        refs = [survival.source_ref()]
        if survival.for_years is None:
            trace = Trace("survives without a limit", {"term ended": ended.isoformat()}, refs)
            values.append(Value(f"survives_{index}", "indefinitely", Unit.text, label, trace))
            continue
        years = survival.for_years.value
        until = add_months(ended, 12 * years)
        if (ref := survival.for_years.source_ref()) is not None:
            refs.append(ref)
        trace = Trace(
            "the term's last day + years",
            {"term ended": ended.isoformat(), "years": str(years)},
            refs,
        )
        values.append(Value(f"survives_{index}", until, Unit.date, label + ", until", trace))
    return values


def _gathered(
    agreement_id: str,
    title: str,
    clauses: tuple[ClauseRef, ...],
    found: Sequence[ClauseFindings],
    first_alerts: tuple[Alert, ...] = (),
    ended_on: date | None = None,
) -> AgreementFindings:
    """An agreement's findings from its clauses' (all of them, or those that survive its term),
    obligations by date across the clauses as each clause lists its own."""
    return AgreementFindings(
        id=agreement_id,
        title=title,
        clauses=clauses,
        values=tuple(v for f in found for v in f.values),
        tests=tuple(t for f in found for t in f.tests),
        obligations=tuple(
            sorted((o for f in found for o in f.obligations), key=lambda o: (o.due, o.what))
        ),
        alerts=(*first_alerts, *by_severity([a for f in found for a in f.alerts])),
        notices=tuple(n for f in found for n in f.notices),
        ended_on=ended_on,
    )


def clause_contexts(
    agreement: Agreement, portfolio: Portfolio, as_of: date, through: str | None = None
) -> list[tuple[ClauseContext[Any], ClauseFindings]]:
    """Each clause's context and findings on `as_of` (`pactum.clauses.api.clause_contexts`);
    none for an agreement not yet in force then, so that the calendar lists nothing of an
    agreement signed after its as-of date."""
    if not _signed_by(agreement, as_of):
        return []
    return clauses_on(agreement, portfolio, as_of, through)


def clauses_on_demand(
    agreement: Agreement, portfolio: Portfolio, as_of: date
) -> Iterator[tuple[ClauseContext[Any], Callable[[], ClauseFindings]]]:
    """Each clause's context on `as_of`, its findings worked out when asked for
    (`pactum.clauses.api.clauses_on_demand`); none for an agreement not yet in force then."""
    if not _signed_by(agreement, as_of):
        return iter(())
    return on_demand(agreement, portfolio, as_of)


def _signed_by(agreement: Agreement, as_of: date) -> bool:
    signed = signed_on(agreement)
    return signed is None or signed <= as_of


def signed_on(agreement: Agreement) -> date | None:
    """The day the agreement takes effect as its sheet dates it: the header's `dated`, or its
    first instrument's effective date; None when the sheet gives neither."""
    sheet = agreement.sheet
    if sheet.instruments:
        return sheet.instruments[0].effective_on
    return sheet.dated.value if sheet.dated is not None else None


def term_ended(
    agreement: Agreement, portfolio: Portfolio, as_of: date
) -> tuple[date, str, str] | None:
    """The day the agreement's term ended, what that day is and the clause that sets it, when
    `as_of` is after it: the latest end any of its clauses gives (a facility's maturity, a
    lease's expiry). None while in force, or when no clause ends it."""
    ends: list[tuple[date, str, str]] = []
    for clause in agreement.clauses:
        ctx: ClauseContext[Any] = ClauseContext(agreement, clause, clause.terms, portfolio, as_of)
        end = registered(clause.type).term_end(ctx)
        if end is not None:
            ends.append((end[0], end[1], clause.id))
    if not ends:
        return None
    last = max(ends, key=lambda e: e[0])
    return last if as_of > last[0] else None
