"""The obligations calendar as a subscription feed: `/calendar.ics`, the file `pactum calendar
--ics` writes, served as text/calendar so that Google Calendar, Outlook or Apple Calendar can
subscribe to it (`webcal://HOST:PORT/calendar.ics`).

In a book of several borrowers it is the book's calendar, every borrower's obligations
(`borrower=` keeps one borrower's). The query takes what the command line takes: `as_of`,
`from`, `to`, `agreement` and `category` (each of the last two repeatable). The window
defaults to the as-of year and the next, so that a subscription made in December still shows
January. Beyond loopback the feed is behind the dashboard's token like every page (an
`Authorization: Bearer` header), or, since a calendar application cannot send a header, the
feed's own key in its URL (`?key=`: never the token; see `pactum.web.auth`). An agreement page
offers its agreement's feed as a subscription (`subscription`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from pactum.dates import parse_iso_date
from pactum.errors import InputError, Problem
from pactum.ical import to_ics
from pactum.obligations_calendar import (
    ObligationCalendar,
    book_calendar,
    calendar_filter,
    filtered,
    obligation_calendar,
)
from pactum.web.auth import FEED_KEY_NAME, FEED_PATH, feed_key
from pactum.web.dashboard import BookDashboard, Dashboard
from pactum.web.render import EARLIEST_AS_OF, LATEST_AS_OF, AsOf, Frame, PageError, When

router = APIRouter()
PATH = FEED_PATH
MEDIA_TYPE = "text/calendar; charset=utf-8"


def day_query(name: str, text: str | None) -> date | None:
    """A date in the query (None: not given); bad or far dates are one line, 400."""
    if text is None or not text.strip():
        return None
    try:
        day = parse_iso_date(text)
    except ValueError:
        raise PageError(
            [str(Problem("", None, name, repr(text), "a date as YYYY-MM-DD"))]
        ) from None
    if not EARLIEST_AS_OF <= day <= LATEST_AS_OF:
        expected = f"a date from {EARLIEST_AS_OF} to {LATEST_AS_OF}"
        raise PageError([str(Problem("", None, name, repr(text), expected))])
    return day


def _window(start: str | None, end: str | None, as_of: date) -> tuple[date, date]:
    """`from` and `to`; by default January 1 of the as-of year to December 31 of the next."""
    first = day_query("from", start) or date(as_of.year, 1, 1)
    last = day_query("to", end) or date(first.year + 1, 12, 31)
    if first > last:
        found = f"{first.isoformat()} after to {last.isoformat()}"
        raise PageError(
            [str(Problem("", None, "from", found, "a first day on or before the last"))]
        )
    return first, last


def calendar_listing(
    board: Dashboard | BookDashboard,
    when: AsOf,
    first: date,
    last: date,
    agreement: list[str],
    category: list[str],
    borrower: str | None = None,
) -> ObligationCalendar:
    """The obligations from `first` to `last` the query keeps: one company's, or in a book of
    several borrowers every borrower's (or `borrower`'s), each naming its borrower (`pactum
    calendar BOOK`)."""
    if borrower is not None:
        ids = list(board.borrowers) if isinstance(board, BookDashboard) else []
        if borrower not in ids:
            expected = "one of " + ", ".join(ids) if ids else "none: the dashboard is one company's"
            raise PageError([str(Problem("", None, "borrower", repr(borrower), expected))])
    if isinstance(board, BookDashboard):
        known = [
            a
            for b in board.book.borrowers
            if borrower is None or b.id == borrower
            for a in b.portfolio.agreements
        ]
    else:
        known = list(board.portfolio.agreements)
    try:
        only = calendar_filter(known, agreement, category, "agreement", "category")
        if isinstance(board, BookDashboard):
            listing = book_calendar(board.book, when.date, first, last)
        else:
            listing = obligation_calendar(board.portfolio, when.date, first, last)
        listing = filtered(listing, only)
        if borrower is None:
            return listing
        # two borrowers may each hold an agreement of one id: the borrower tells them apart
        return replace(listing, entries=tuple(e for e in listing.entries if e.borrower == borrower))
    except InputError as error:
        raise PageError.of(error) from None
    except OverflowError:  # a term's dates run past 9999-12-31 from this date
        raise PageError(
            [str(Problem("", None, "as_of", repr(when.date.isoformat()), "an earlier date"))]
        ) from None


@router.get(PATH, response_class=Response)
def calendar_feed(
    board: Frame,
    when: When,
    start: Annotated[str | None, Query(alias="from")] = None,
    end: Annotated[str | None, Query(alias="to")] = None,
    agreement: Annotated[list[str] | None, Query()] = None,
    category: Annotated[list[str] | None, Query()] = None,
    borrower: Annotated[str | None, Query()] = None,
) -> Response:
    first, last = _window(start, end, when.date)
    listing = calendar_listing(board, when, first, last, agreement or [], category or [], borrower)
    reminders = (
        board.book.reminders
        if isinstance(board, BookDashboard)
        else board.portfolio.config.calendar_reminders
    )
    return Response(
        to_ics(listing, reminders),
        media_type=MEDIA_TYPE,
        headers={"Content-Disposition": 'inline; filename="calendar.ics"'},
    )


@dataclass(frozen=True)
class Subscription:
    """One agreement's feed as a calendar application takes it: `webcal` opens the application
    (webcals over HTTPS), `web` is the same address to paste into one that asks for a URL."""

    webcal: str
    web: str


def subscription(request: Request, agreement_id: str, borrower: str | None = None) -> Subscription:
    """The feed of one agreement (of `borrower`, in a book) at the address this page was asked
    at. It has no as-of date, so the subscription follows the dashboard's, and, beyond
    loopback, the feed's key (never the token: it opens the feed and nothing else)."""
    query = [("borrower", borrower)] if borrower is not None else []
    query.append(("agreement", agreement_id))
    token = request.app.state.token
    if token is not None:
        query.append((FEED_KEY_NAME, feed_key(token)))
    web = request.url.replace(path=FEED_PATH, query=urlencode(query), fragment="")
    webcal = web.replace(scheme="webcals" if web.scheme == "https" else "webcal")
    return Subscription(str(webcal), str(web))
