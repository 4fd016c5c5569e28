"""Every obligation of every agreement over a window of dates: the `pactum calendar` listing.

Each clause is asked for its obligations from the first to the last day of the window, as
known at the as-of date (`ClauseType.obligations_between`); a clause type without that hook
gives those its evaluation at the as-of date lists. Deadlines stay where the agreements put them: a date on a
weekend or holiday carries its note and is not rolled unless the term sheet says so.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from pactum.clauses.api import registered
from pactum.evaluate import clause_contexts
from pactum.findings import Obligation
from pactum.format import sources_text
from pactum.money import money_str
from pactum.portfolio import Agreement, Book, Portfolio

SCHEMA_ID = "pactum.calendar/1"


def default_window(as_of: date) -> tuple[date, date]:
    """The calendar year of the as-of date."""
    return date(as_of.year, 1, 1), date(as_of.year, 12, 31)


@dataclass(frozen=True)
class CalendarEntry:
    """One obligation of one agreement."""

    agreement_id: str
    agreement_title: str
    obligation: Obligation
    borrower: str | None = None  # in a book of borrowers

    @property
    def uid(self) -> str:
        """Stable across runs: the agreement and the obligation's own id (or, for one without
        an id, its date and a digest of what it is), so a re-export updates, not duplicates."""
        o = self.obligation
        key = o.id or f"{o.due.isoformat()}-{hashlib.sha256(o.what.encode()).hexdigest()[:12]}"
        # in a book, two borrowers may hold copies of one agreement: the borrower tells them apart
        who = f"{self.agreement_id}.{self.borrower}" if self.borrower else self.agreement_id
        return f"{key}.{who}@pactum"

    def to_json(self) -> dict[str, Any]:
        o = self.obligation
        borrower = {"borrower": self.borrower} if self.borrower is not None else {}
        return {
            "uid": self.uid,
            "date": o.due.isoformat(),
            **borrower,
            "agreement": self.agreement_id,
            "agreement_title": self.agreement_title,
            "category": o.category.value,
            "id": o.id,
            "what": o.what,
            "amount": money_str(o.amount) if o.amount is not None else None,
            # the clauses as text (pactum.calendar/1 is unchanged), null when there are none
            "source": sources_text(o.sources) or None,
            "note": o.note,
        }


@dataclass(frozen=True)
class ObligationCalendar:
    company: str
    as_of: date
    start: date
    end: date
    entries: tuple[CalendarEntry, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA_ID,
            "company": self.company,
            "as_of": self.as_of.isoformat(),
            "from": self.start.isoformat(),
            "to": self.end.isoformat(),
            "events": [e.to_json() for e in self.entries],
        }


def _obligations(
    agreement: Agreement, portfolio: Portfolio, as_of: date, start: date, end: date
) -> list[Obligation]:
    """Each clause's obligations in the window, each naming its clause; a clause type without
    `obligations_between` gives those its evaluation at the as-of date lists. Each clause is
    given what the sheet's earlier clauses found at the as-of date (a cure period runs from a
    notice the notices clause found given)."""
    found: list[Obligation] = []
    for ctx, evaluated in clause_contexts(agreement, portfolio, as_of):
        clause = ctx.clause
        listed = registered(clause.type).obligations_between(ctx, start, end)
        if listed is None:
            listed = [o for o in evaluated.obligations if start <= o.due <= end]
        found += [replace(o, clause=clause.id) for o in listed]
    return found


def obligation_calendar(
    portfolio: Portfolio, as_of: date, start: date, end: date
) -> ObligationCalendar:
    """Every agreement's obligations due from `start` to `end` (both included), by date."""
    entries = [
        CalendarEntry(agreement.id, agreement.sheet.title, o)
        for agreement in portfolio.agreements.values()
        for o in _obligations(agreement, portfolio, as_of, start, end)
    ]
    entries.sort(key=lambda e: (e.obligation.due, e.agreement_id, e.obligation.what))
    return ObligationCalendar(portfolio.config.company, as_of, start, end, tuple(entries))


def book_calendar(book: Book, as_of: date, start: date, end: date) -> ObligationCalendar:
    """Every borrower's obligations from `start` to `end`, by date, each naming its borrower;
    one company's portfolio gives its calendar as `obligation_calendar` does."""
    if not book.is_book:
        return obligation_calendar(book.borrowers[0].portfolio, as_of, start, end)
    entries = [
        replace(entry, borrower=borrower.id)
        for borrower in book.borrowers
        for entry in obligation_calendar(borrower.portfolio, as_of, start, end).entries
    ]
    entries.sort(
        key=lambda e: (e.obligation.due, e.borrower or "", e.agreement_id, e.obligation.what)
    )
    return ObligationCalendar(book.name, as_of, start, end, tuple(entries))
