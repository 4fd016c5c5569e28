"""The `expense_reimbursement` clause type: documented expenses reimbursed up to a total limit,
each request within N calendar or business days of its documentation (and all of it by a final
date if the agreement sets one). Any agreement may have one: a cooperation agreement's
reimbursement of an activist's costs, a credit agreement's lender expenses, a merger's.

Requests are applied to the limit in date order: the part of a request beyond the room left
is not owed. Payments settle the requests in the same order (the oldest first), so each
request has the day it was paid in full, or is still open.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import ClassVar

from pydantic import BaseModel

from pactum.clauses.api import ClauseContext, ClauseFindings, ClauseType, TermProblem, TermSheet
from pactum.expense_reimbursement.schema import EVENTS, ExpenseReimbursementTerms
from pactum.findings import (
    Alert,
    Basis,
    Comparator,
    Obligation,
    ObligationCategory,
    Severity,
    SourceRef,
    TestResult,
    Trace,
    Unit,
    Value,
)
from pactum.money import ZERO, money_display, money_str
from pactum.terms.named_dates import ResolvedDate
from pactum.terms.values import source_ref, sources

HORIZON = timedelta(days=365)  # what `check` lists ahead of its as-of date


@dataclass(frozen=True)
class Request:
    """One request for reimbursement, applied to the limit in date order."""

    day: date
    amount: Decimal
    owed: Decimal  # the part of it within the room the limit left (the rest is not owed)
    key: str  # stable: the obligation's id within the clause
    label: str  # "the Initial Reimbursement requested 2020-05-13"
    sources: tuple[SourceRef, ...]
    due: date  # after the roll
    due_note: str  # how the due date was counted
    paid_on: date | None = None  # the payment that settled it in full, oldest request first
    unpaid: Decimal = ZERO  # what is still open of `owed` on the as-of date


@dataclass(frozen=True)
class Ledger:
    """The requests and payments recorded by the as-of date, worked out against the limit."""

    requests: tuple[Request, ...]
    payments: tuple[tuple[date, Decimal], ...]
    requested: Decimal
    owed: Decimal  # the requests within the limit
    paid: Decimal

    @property
    def unpaid(self) -> Decimal:
        return max(ZERO, self.owed - self.paid)


class ExpenseReimbursement(ClauseType[ExpenseReimbursementTerms]):
    name = "expense_reimbursement"
    survives_the_term = True  # owed after the agreement's term too
    description = (
        "Documented expenses reimbursed up to a total limit, each request paid within N "
        "calendar or business days: requested, paid, the room left, the payment deadlines."
    )
    schema = ExpenseReimbursementTerms
    events: ClassVar[Mapping[str, type[BaseModel]]] = EVENTS
    written_as: ClassVar[Mapping[str, tuple[str, ...]]] = {"limit": ("not exceeding", "cap")}

    def validate(
        self, terms: ExpenseReimbursementTerms, header: TermSheet
    ) -> Sequence[TermProblem]:
        if terms.initial is not None and terms.initial.amount.value > terms.limit.value:
            return [
                (
                    ("initial", "amount"),
                    money_display(terms.initial.amount.value),
                    f"at most the limit, {money_display(terms.limit.value)}",
                )
            ]
        return []

    def evaluate(self, ctx: ClauseContext[ExpenseReimbursementTerms]) -> ClauseFindings:
        terms, as_of = ctx.terms, ctx.as_of
        book = ledger(ctx)
        limit = terms.limit.value
        room = limit - book.owed
        limit_refs = sources(terms.limit)
        listed = {"limit": money_str(limit)} | {
            f"{r.day.isoformat()} ({r.key})": money_str(r.amount) for r in book.requests
        }
        values = (
            Value(
                "expenses_requested",
                book.requested,
                Unit.money,
                f"{terms.title}: requested to date",
                Trace("the sum of the requests recorded by the as-of date", listed, _refs(book)),
            ),
            Value(
                "expenses_paid",
                book.paid,
                Unit.money,
                f"{terms.title}: reimbursed to date",
                Trace(
                    "the sum of the payments recorded by the as-of date",
                    {d.isoformat(): money_str(a) for d, a in book.payments},
                ),
            ),
            Value(
                "expenses_unpaid",
                book.unpaid,
                Unit.money,
                f"{terms.title}: requested within the limit and not yet paid",
                Trace(
                    "min(requested, limit) - paid",
                    {
                        "requested": money_str(book.requested),
                        "limit": money_str(limit),
                        "paid": money_str(book.paid),
                    },
                    limit_refs,
                ),
            ),
            Value(
                "expense_limit_remaining",
                room,
                Unit.money,
                f"{terms.title}: room left under the limit",
                Trace(
                    "limit - min(requested, limit)",
                    {"limit": money_str(limit), "requested": money_str(book.requested)},
                    (*limit_refs, *_refs(book)),
                ),
            ),
        )
        # the payer's side of the limit: what it reimbursed, and the room left for it
        test = TestResult(
            "expenses_paid_within_limit",
            f"{terms.title}: reimbursed within the limit",
            as_of,
            Basis.actual,
            Comparator.at_most,
            Unit.money,
            limit,
            book.paid,
            book.paid <= limit,
            limit - book.paid,
            trace=Trace(
                "paid <= limit",
                {"paid": money_str(book.paid), "limit": money_str(limit)},
                limit_refs,
            ),
        )
        return ClauseFindings(
            values=values,
            tests=(test,),
            obligations=tuple(_obligations(ctx, book, as_of, as_of + HORIZON, open_only=True)),
            alerts=tuple(_alerts(ctx, book)),
        )

    def obligations_between(
        self, ctx: ClauseContext[ExpenseReimbursementTerms], start: date, end: date
    ) -> Sequence[Obligation]:
        return _obligations(ctx, ledger(ctx), start, end, open_only=False)


def _refs(book: Ledger) -> tuple[SourceRef, ...]:
    return tuple(ref for r in book.requests for ref in r.sources)


def ledger(ctx: ClauseContext[ExpenseReimbursementTerms]) -> Ledger:
    """The requests and payments recorded by the as-of date, against the limit."""
    terms, as_of = ctx.terms, ctx.as_of
    raw: list[tuple[date, int, Decimal, str, str, tuple[SourceRef, ...]]] = []
    if terms.initial is not None:
        found = ctx.dates.resolve(terms.initial.requested)
        if isinstance(found, ResolvedDate) and found.day <= as_of:
            ref = source_ref(terms.initial.amount)
            raw.append(
                (
                    found.day,
                    0,  # on its day, before any request recorded as an event
                    terms.initial.amount.value,
                    "initial",
                    f"the initial reimbursement requested {found.day.isoformat()}",
                    (*((ref,) if ref else ()), *found.sources),
                )
            )
    for event in ctx.events("expenses_requested"):
        if event.date <= as_of:
            raw.append(
                (
                    event.date,
                    1,
                    event.data.amount,
                    f"request-{event.date.isoformat()}",
                    f"the request of {event.date.isoformat()}",
                    (),
                )
            )
    raw.sort(key=lambda r: (r[0], r[1]))
    payments = tuple(
        (e.date, Decimal(e.data.amount)) for e in ctx.events("expenses_paid") if e.date <= as_of
    )
    paid = sum((a for _, a in payments), ZERO)
    limit = terms.limit.value
    requests: list[Request] = []
    keys: dict[str, int] = {}
    before = ZERO  # owed by the requests before this one
    for day, _, amount, key, label, refs in raw:
        keys[key] = keys.get(key, 0) + 1
        if keys[key] > 1:  # two requests on one day: each its own obligation
            key = f"{key}-{keys[key]}"
        owed = max(ZERO, min(amount, limit - before))
        due, note = _due(ctx, day)
        settled = _settled_on(payments, before + owed) if owed > ZERO else day
        covered = min(owed, max(ZERO, paid - before))
        requests.append(
            Request(day, amount, owed, key, label, refs, due, note, settled, owed - covered)
        )
        before += owed
    requested = sum((r.amount for r in requests), ZERO)
    return Ledger(tuple(requests), payments, requested, before, paid)


def _settled_on(payments: Sequence[tuple[date, Decimal]], through: Decimal) -> date | None:
    """The day the payments, in date order, first add up to `through` (None: not yet)."""
    total = ZERO
    for day, amount in sorted(payments):
        total += amount
        if total >= through:
            return day
    return None


def _due(ctx: ClauseContext[ExpenseReimbursementTerms], requested: date) -> tuple[date, str]:
    """When a request falls due: N calendar or business days after it (the count starts the
    day after), or the final date if that comes first; rolled as the sheet says."""
    terms, calendar = ctx.terms, ctx.calendar
    within = terms.pay_within
    if within.business_days is not None:
        unrolled = calendar.add_business_days(requested, within.business_days.value)
        note = f"{within.count.value} business days after {requested.isoformat()}"
    else:
        unrolled = requested + timedelta(days=within.count.value)
        note = f"{within.count.value} days after {requested.isoformat()}"
    if terms.paid_by is not None:
        final = ctx.dates.resolve(terms.paid_by)
        if isinstance(final, ResolvedDate) and final.day < unrolled:
            unrolled = final.day
            note += f", but no later than the final date {final.day.isoformat()}"
    due = calendar.roll(unrolled, terms.roll.value)
    return due, f"{note}; {calendar.roll_note(unrolled, due, terms.roll.value)}".rstrip("; ")


def _obligations(
    ctx: ClauseContext[ExpenseReimbursementTerms],
    book: Ledger,
    start: date,
    end: date,
    *,
    open_only: bool,
) -> list[Obligation]:
    """Each request's payment due from `start` to `end` (`check`: those still open, overdue
    ones included; the calendar: all), and the final date for everything within the limit."""
    terms = ctx.terms
    refs = sources(terms.pay_within.count, terms.limit)
    found = []
    for r in book.requests:
        if r.owed == ZERO:
            continue
        open_now = r.unpaid > ZERO
        if open_only and not open_now:
            continue
        if not (start <= r.due <= end or (open_only and r.due < start)):
            continue
        notes = [r.due_note]
        if r.owed < r.amount:
            notes.append(f"{money_display(r.amount - r.owed)} of it beyond the limit, not owed")
        if not open_now and r.paid_on is not None:
            notes.append(f"paid in full {r.paid_on.isoformat()}")
        elif r.due < ctx.as_of:
            notes.append("overdue")
        found.append(
            Obligation(
                r.due,
                f"{terms.title}: reimburse {r.label}",
                r.unpaid if open_only else r.owed,
                (*r.sources, *refs),
                "; ".join(notes),
                ObligationCategory.payment,
                f"{ctx.clause.id}-{r.key}",
            )
        )
    if terms.paid_by is not None:
        final = ctx.dates.resolve(terms.paid_by)
        if isinstance(final, ResolvedDate) and start <= final.day <= end:
            found.append(
                Obligation(
                    final.day,
                    f"{terms.title}: every reimbursement within the limit paid",
                    book.unpaid,
                    (*final.sources, *sources(terms.limit)),
                    f"the final date; {money_display(book.unpaid)} requested and unpaid now",
                    ObligationCategory.deadline,
                    f"{ctx.clause.id}-final",
                )
            )
    return sorted(found, key=lambda o: (o.due, o.id))


def _alerts(ctx: ClauseContext[ExpenseReimbursementTerms], book: Ledger) -> list[Alert]:
    terms, as_of = ctx.terms, ctx.as_of
    limit_ref = source_ref(terms.limit)
    within_ref = source_ref(terms.pay_within.count)
    alerts = []
    if book.requested > terms.limit.value:
        over = book.requested - terms.limit.value
        alerts.append(
            Alert(
                Severity.warning,
                f"{terms.title}: requests of {money_display(book.requested)} exceed the limit "
                f"of {money_display(terms.limit.value)} by {money_display(over)}, which is not "
                "owed.",
                limit_ref,
            )
        )
    if book.paid > book.owed:
        alerts.append(
            Alert(
                Severity.warning,
                f"{terms.title}: {money_display(book.paid)} paid, "
                f"{money_display(book.paid - book.owed)} more than the requests within the "
                f"limit ({money_display(book.owed)}).",
                limit_ref,
            )
        )
    for r in book.requests:
        if r.owed == ZERO:
            continue
        if r.unpaid > ZERO and r.due < as_of:
            alerts.append(
                Alert(
                    Severity.critical,
                    f"{terms.title}: {money_display(r.unpaid)} of {r.label} was due "
                    f"{r.due.isoformat()} and is unpaid.",
                    within_ref,
                )
            )
        elif r.unpaid == ZERO and r.paid_on is not None and r.paid_on > r.due:
            alerts.append(
                Alert(
                    Severity.warning,
                    f"{terms.title}: {r.label} was paid in full {r.paid_on.isoformat()}, "
                    f"{(r.paid_on - r.due).days} days after it was due ({r.due.isoformat()}).",
                    within_ref,
                )
            )
        elif r.unpaid > ZERO and r.due - as_of <= timedelta(days=7):
            alerts.append(
                Alert(
                    Severity.warning,
                    f"{terms.title}: {money_display(r.unpaid)} of {r.label} due "
                    f"{r.due.isoformat()}, {(r.due - as_of).days} days away.",
                    within_ref,
                )
            )
    return alerts


CLAUSE = ExpenseReimbursement()
