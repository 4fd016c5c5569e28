"""Every obligation of every agreement over a window of dates: the `pactum calendar` listing.

Each clause is asked for its obligations from the first to the last day of the window, as
known at the as-of date (`ClauseType.obligations_between`); a clause type without that hook
gives those its evaluation at the as-of date lists. Deadlines stay where the agreements put them: a date on a
weekend or holiday carries its note and is not rolled unless the term sheet says so.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from pactum.clauses.api import registered
from pactum.errors import InputError, Problem
from pactum.evaluate import clauses_on_demand
from pactum.findings import Obligation, ObligationCategory
from pactum.format import sources_text
from pactum.money import money_display, money_str
from pactum.portfolio import Agreement, Book, Portfolio

SCHEMA_ID = "pactum.calendar/1"
# a title longer than this no longer fits a calendar's event line; the rest is in the
# description
TITLE_LIMIT = 80
SHORT_NAME_WORDS = 2
ELLIPSIS = "\u2026"


def short_name(title: str, agreement_id: str) -> str:
    """The default short name of an agreement: the first words of its title that start with a
    capital letter or a digit, at most two ('SouthTrust asset-based ...' -> 'SouthTrust',
    'IPOF Group standstill ...' -> 'IPOF Group'); the id when the title starts otherwise."""
    words: list[str] = []
    for word in title.split()[:SHORT_NAME_WORDS]:
        bare = word.rstrip(",;:.")
        if not bare or not (bare[0].isupper() or bare[0].isdigit()):
            break
        words.append(bare)
        if bare != word:  # 'Windham,' ends the name
            break
    return " ".join(words) or agreement_id


def _without_asides(text: str) -> str:
    """`text` without its parenthesised asides, nested ones included ('Maximum Leverage
    Ratio (7.2.4(a)): test date' -> 'Maximum Leverage Ratio: test date')."""
    kept: list[str] = []
    depth = 0
    for char in text:
        if char == "(":
            depth += 1
        elif char == ")" and depth:
            depth -= 1
        elif not depth:
            kept.append(char)
    return " ".join("".join(kept).split()).replace(" :", ":").replace(" ,", ",")


def short_label(obligation: Obligation) -> str:
    """What is due in a few words: a rent installment is 'Rent' (the month is the event's
    date); anything else is what the clause says up to its first ';', without asides in
    parentheses."""
    if obligation.category is ObligationCategory.rent and obligation.amount is not None:
        return "Rent"
    return _without_asides(obligation.what.split(";")[0]) or obligation.what


def _cut(text: str, room: int) -> str:
    """`text` in at most `room` characters, cut at a word and marked with an ellipsis."""
    if len(text) <= room:
        return text
    head = text[: max(room - 1, 1)]
    if " " in head:
        head = head.rsplit(" ", 1)[0]
    return head.rstrip(" ,:;") + ELLIPSIS


def default_window(as_of: date) -> tuple[date, date]:
    """The calendar year of the as-of date."""
    return date(as_of.year, 1, 1), date(as_of.year, 12, 31)


@dataclass(frozen=True)
class CalendarEntry:
    """One obligation of one agreement."""

    agreement_id: str
    agreement_title: str
    obligation: Obligation
    agreement_short: str = ""  # for calendar titles
    borrower: str | None = None  # in a book of borrowers
    # its clause is not the first of its type in the sheet: its UID names the clause
    # (`clauses_named_in_uids`)
    clause_in_uid: bool = False

    @property
    def title(self) -> str:
        """'Rent $61,121.84 · Windham': what, the amount, the agreement's short name, in at
        most TITLE_LIMIT characters (what is shortened first; the amount is never cut)."""
        o = self.obligation
        amount = f" {money_display(o.amount)}" if o.amount is not None else ""
        name = f" \u00b7 {self.agreement_short or self.agreement_id}"
        room = TITLE_LIMIT - len(amount) - len(name)
        return f"{_cut(short_label(o), room)}{amount}{name}"

    @property
    def uid(self) -> str:
        """Stable across runs: the agreement and the obligation's own id (or, for one without
        an id, its date and a digest of what it is), so a re-export updates, not duplicates."""
        o = self.obligation
        key = o.id or f"{o.due.isoformat()}-{hashlib.sha256(o.what.encode()).hexdigest()[:12]}"
        if self.clause_in_uid:
            key = f"{key}.{o.clause}"
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
            "title": self.title,
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
    for ctx, evaluated in clauses_on_demand(agreement, portfolio, as_of):
        clause = ctx.clause
        listed = registered(clause.type).obligations_between(ctx, start, end)
        if listed is None:
            listed = [o for o in evaluated().obligations if start <= o.due <= end]
        found += [replace(o, clause=clause.id) for o in listed]
    return found


def clauses_named_in_uids(agreement: Agreement) -> frozenset[str]:
    """The clauses whose obligations' UIDs name them: each clause after the first of its type
    in the sheet, every instrument's included. Two clauses of one type may give obligations of
    one id (two `fees` clauses, each with a fee `unused`), and a calendar keeps one event per
    UID; the first of each type keeps the UID it has always had, and a clause's UID follows
    from the sheet alone, not from the window, so that a re-export updates its events."""
    first: dict[str, str] = {}
    named: set[str] = set()
    for clause in agreement.versions or agreement.clauses:
        if first.setdefault(clause.type, clause.id) != clause.id:
            named.add(clause.id)
    return frozenset(named)


def obligation_calendar(
    portfolio: Portfolio, as_of: date, start: date, end: date
) -> ObligationCalendar:
    """Every agreement's obligations due from `start` to `end` (both included), by date."""
    entries = [
        CalendarEntry(
            agreement.id,
            agreement.sheet.title,
            o,
            agreement.sheet.short_name or short_name(agreement.sheet.title, agreement.id),
            clause_in_uid=o.clause in named,
        )
        for agreement in portfolio.agreements.values()
        for named in (clauses_named_in_uids(agreement),)
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
    entries.sort(key=book_order)
    return ObligationCalendar(book.name, as_of, start, end, tuple(entries))


def book_order(entry: CalendarEntry) -> tuple[date, str, str, str]:
    """Where an entry comes in a book's calendar: by date, then borrower, agreement and what
    is due."""
    return (entry.obligation.due, entry.borrower or "", entry.agreement_id, entry.obligation.what)


@dataclass(frozen=True)
class CalendarFilter:
    """Which agreements and categories a calendar keeps; an empty set keeps all."""

    agreements: frozenset[str] = frozenset()
    categories: frozenset[ObligationCategory] = frozenset()

    def keeps(self, entry: CalendarEntry) -> bool:
        return (not self.agreements or entry.agreement_id in self.agreements) and (
            not self.categories or entry.obligation.category in self.categories
        )


def calendar_filter(
    known: Collection[str],
    agreements: Sequence[str],
    categories: Sequence[str],
    agreement_field: str = "--agreement",
    category_field: str = "--category",
) -> CalendarFilter:
    """The filter the options ask for; an agreement id not `known` (the portfolio's) or a category
    that does not exist is bad input naming the valid ones (a typo would otherwise give an
    empty calendar that looks like a quiet month)."""
    problems = [
        Problem("", None, agreement_field, repr(a), "one of " + ", ".join(known))
        for a in agreements
        if a not in known
    ]
    valid = [c.value for c in ObligationCategory]
    problems += [
        Problem("", None, category_field, repr(c), "one of " + ", ".join(valid))
        for c in categories
        if c not in valid
    ]
    if problems:
        raise InputError(problems[:1])  # one line: the first wrong value
    return CalendarFilter(
        frozenset(agreements), frozenset(ObligationCategory(c) for c in categories)
    )


def filtered(calendar: ObligationCalendar, only: CalendarFilter) -> ObligationCalendar:
    return replace(calendar, entries=tuple(e for e in calendar.entries if only.keeps(e)))
