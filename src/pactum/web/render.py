"""What every page shares: the templates, the as-of date read from the query, and bad input
shown as one line per problem on the page (HTTP 400) while the server keeps serving."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import Depends, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from pactum.contributions import gives_portfolio_documents
from pactum.dates import parse_iso_date
from pactum.errors import InputError, Problem
from pactum.findings import Findings
from pactum.format import source_text
from pactum.web.dashboard import BookDashboard, Dashboard

# The dates a page may be computed as of. Deadlines and forecasts run years past the as-of
# date, and Python's dates end at 9999-12-31: a far date is bad input (400), not an overflow
# (500). Three centuries hold any agreement's life.
EARLIEST_AS_OF = date(1900, 1, 1)
LATEST_AS_OF = date(2199, 12, 31)

TEMPLATES = Jinja2Templates(directory=Path(__file__).parent / "templates")
TEMPLATES.env.globals["source_text"] = source_text


class PageError(Exception):
    """Bad input to a page: each problem shown on one line, with this HTTP status."""

    def __init__(self, lines: list[str], status: int = 400) -> None:
        super().__init__("; ".join(lines))
        self.lines = lines
        self.status = status

    @classmethod
    def of(cls, error: InputError) -> PageError:
        return cls([str(p) for p in error.problems])


BOOK_PAGES = "in a book of several borrowers: /, /borrowers/ID, /borrowers/ID/agreements/ID"


def frame(request: Request) -> Dashboard | BookDashboard:
    """The app's dashboard: one company's, or a book's of several borrowers."""
    found = request.app.state.dashboard
    assert isinstance(found, Dashboard | BookDashboard)
    return found


def dashboard(request: Request) -> Dashboard:
    """One company's dashboard; in a book of several borrowers its pages are each borrower's,
    under /borrowers/ID, and a one-company address is not found (404, one line)."""
    found = frame(request)
    if isinstance(found, BookDashboard):
        raise PageError([str(Problem("", None, "page", repr(request.url.path), BOOK_PAGES))], 404)
    return found


def borrower_dashboard(request: Request, borrower_id: str) -> Dashboard:
    """A borrower's dashboard in a book of several (404, one line, for an id the book has not)."""
    found = frame(request)
    if isinstance(found, Dashboard):
        raise PageError(
            [str(Problem("", None, "page", repr(request.url.path), "/ or /agreements/ID"))], 404
        )
    board = found.borrowers.get(borrower_id)
    if board is None:
        expected = "one of the book's borrowers: " + ", ".join(found.borrowers)
        raise PageError([str(Problem("", None, "borrower", repr(borrower_id), expected))], 404)
    return board


Board = Annotated[Dashboard, Depends(dashboard)]
Frame = Annotated[Dashboard | BookDashboard, Depends(frame)]
BorrowerBoard = Annotated[Dashboard, Depends(borrower_dashboard)]


@dataclass(frozen=True)
class AsOf:
    """The date the pages compute as of, and whether the user chose it (then links keep it)."""

    date: date
    chosen: bool

    @property
    def query(self) -> str:
        """The query string that carries the date to the next page ('' for the default)."""
        return "?" + urlencode({"as_of": self.date.isoformat()}) if self.chosen else ""


def _as_of_problem(text: str, expected: str) -> PageError:
    return PageError([str(Problem("", None, "as_of", repr(text), expected))])


def parse_as_of(text: str | None, default: date) -> AsOf:
    if text is None or not text.strip():
        return AsOf(default, False)
    try:
        chosen = parse_iso_date(text)
    except ValueError:
        raise _as_of_problem(text, "a date as YYYY-MM-DD") from None
    if not EARLIEST_AS_OF <= chosen <= LATEST_AS_OF:
        raise _as_of_problem(text, f"a date from {EARLIEST_AS_OF} to {LATEST_AS_OF}")
    return AsOf(chosen, True)


def as_of(board: Frame, as_of: Annotated[str | None, Query()] = None) -> AsOf:
    return parse_as_of(as_of, board.default_as_of)


When = Annotated[AsOf, Depends(as_of)]


def findings_at(board: Dashboard | BookDashboard, when: AsOf) -> Findings:
    """The portfolio's findings as of the page's date; facts that cannot be evaluated are bad
    input shown on the page."""
    try:
        return board.findings(when.date)
    except InputError as error:
        raise PageError.of(error) from None
    except OverflowError:  # a term's dates run past 9999-12-31 from this date
        raise _as_of_problem(
            when.date.isoformat(), "a date whose deadlines fall before 9999"
        ) from None


def page(
    request: Request,
    template: str,
    when: AsOf | None,
    status: int = 200,
    *,
    board: Dashboard | None = None,
    base: str = "",
    **context: Any,
) -> HTMLResponse:
    """A page in the dashboard's frame. In a book of several borrowers, `board` is the
    borrower's whose page it is (its agreements in the navigation) and `base` the prefix of
    its pages' addresses (/borrowers/ID); one company's pages have none."""
    top = frame(request)
    shown = top if isinstance(top, Dashboard) else board
    return TEMPLATES.TemplateResponse(
        request,
        template,
        {
            "company": top.portfolio.config.company if isinstance(top, Dashboard) else top.name,
            "borrowers": (
                []
                if isinstance(top, Dashboard)
                else [(i, b.portfolio.config.company) for i, b in top.borrowers.items()]
            ),
            "agreements": (
                [(a.id, a.sheet.title) for a in shown.portfolio.agreements.values()]
                if shown is not None
                else []
            ),
            # a page of the documents across agreements (a rent roll of every lease)
            "across": shown is not None
            and gives_portfolio_documents(
                shown.portfolio, (when.date if when else top.default_as_of)
            ),
            "base": base,
            "as_of": when,
            "as_of_value": (when.date if when else top.default_as_of).isoformat(),
            "q": when.query if when else "",
            "path": request.url.path,
            **context,
        },
        status_code=status,
    )


def error_page(request: Request, error: PageError) -> HTMLResponse:
    """The page's frame with the problems, one per line; the date picker stays usable."""
    return page(request, "error.html", None, error.status, errors=error.lines)
