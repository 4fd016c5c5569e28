"""The obligations calendar as a subscription feed: `/calendar.ics`, the file `pactum calendar
--ics` writes, served as text/calendar so that Google Calendar, Outlook or Apple Calendar can
subscribe to it (`webcal://HOST:PORT/calendar.ics`).

In a book of several borrowers it is the book's calendar, every borrower's obligations. The
query takes what the command line takes: `as_of`, `from`, `to`, `agreement` and
`category` (each of the last two repeatable). The window defaults to the as-of year and the
next, so that a subscription made in December still shows January. Beyond loopback the feed
is behind the dashboard's token like every page (an `Authorization: Bearer` header), or, since
a calendar application cannot send a header, `?token=` in its URL (see `pactum.web.auth`).
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query
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
from pactum.web.auth import FEED_PATH
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
) -> ObligationCalendar:
    """The obligations from `first` to `last` the query keeps: one company's, or in a book of
    several borrowers every borrower's, each naming its borrower (`pactum calendar BOOK`)."""
    if isinstance(board, BookDashboard):
        known = [a for b in board.book.borrowers for a in b.portfolio.agreements]
    else:
        known = list(board.portfolio.agreements)
    try:
        only = calendar_filter(known, agreement, category, "agreement", "category")
        if isinstance(board, BookDashboard):
            listing = book_calendar(board.book, when.date, first, last)
        else:
            listing = obligation_calendar(board.portfolio, when.date, first, last)
        return filtered(listing, only)
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
) -> Response:
    first, last = _window(start, end, when.date)
    listing = calendar_listing(board, when, first, last, agreement or [], category or [])
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
