"""The JSON API for other systems, under `/api/`: the findings, the obligations calendar, and
an agreement's terms and history, each the same document the command line prints with
`--json` and written by the same serialiser (`pactum.findings_json`, the calendar's and the
history's `to_json`). Behind the dashboard's token like the pages (`Authorization: Bearer`);
bad input is one line per problem, as JSON (`{"errors": [...]}`), with HTTP 400.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse

from pactum.errors import Problem
from pactum.findings_json import serialise
from pactum.obligations_calendar import (
    default_window,
)
from pactum.portfolio import Agreement
from pactum.term_history import (
    history_json,
    in_force,
    instruments_of,
    instruments_on,
    term_histories,
)
from pactum.web.api_models import CalendarJson, ErrorJson, FindingsJson, HistoryJson
from pactum.web.dashboard import Dashboard
from pactum.web.render import Board, Frame, PageError, When, findings_at
from pactum.web.routes.calendar_feed import calendar_listing, day_query

router = APIRouter(prefix="/api", tags=["api"])
BAD_INPUT: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorJson, "description": "bad input, one line per problem"}
}
NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorJson, "description": "no such agreement"}
}


@router.get("/findings", response_model=FindingsJson, responses=BAD_INPUT)
def findings(board: Frame, when: When) -> JSONResponse:
    """Every agreement's values, tests, obligations, alerts and notices as of a date (default:
    the portfolio's as_of): `pactum check --json` (of the whole book, in a book)."""
    return JSONResponse(serialise(findings_at(board, when)))


def _window(start: str | None, end: str | None, as_of: date) -> tuple[date, date]:
    """`from` and `to` as the command line takes them: a bound not given is the start or end
    of the year of the other bound, or of the as-of date when neither is given."""
    first = day_query("from", start)
    last = day_query("to", end)
    year_start, year_end = default_window(first or last or as_of)
    first, last = first or year_start, last or year_end
    if first > last:
        found = f"{first.isoformat()} after to {last.isoformat()}"
        raise PageError(
            [str(Problem("", None, "from", found, "a first day on or before the last"))]
        )
    return first, last


@router.get("/calendar", response_model=CalendarJson, responses=BAD_INPUT)
def calendar(
    board: Frame,
    when: When,
    start: Annotated[str | None, Query(alias="from", description="first day, YYYY-MM-DD")] = None,
    end: Annotated[str | None, Query(alias="to", description="last day, YYYY-MM-DD")] = None,
    agreement: Annotated[
        list[str] | None, Query(description="only this agreement's obligations (repeatable)")
    ] = None,
    category: Annotated[
        list[str] | None, Query(description="only obligations of this category (repeatable)")
    ] = None,
) -> JSONResponse:
    """Every obligation in a window (default: the as-of date's calendar year): `pactum
    calendar --json`."""
    first, last = _window(start, end, when.date)
    listing = calendar_listing(board, when, first, last, agreement or [], category or [])
    return JSONResponse(listing.to_json())


def _agreement(board: Dashboard, agreement_id: str) -> Agreement:
    found = board.portfolio.agreements.get(agreement_id)
    if found is None:
        expected = "one of " + ", ".join(board.portfolio.agreements)
        raise PageError([str(Problem("", None, "agreement", repr(agreement_id), expected))], 404)
    return found


@router.get(
    "/agreements/{agreement_id}/terms",
    response_model=HistoryJson,
    responses={**BAD_INPUT, **NOT_FOUND},
)
def terms(board: Board, when: When, agreement_id: str) -> JSONResponse:
    """The agreement's terms in force on a date (default: the portfolio's as_of), each with
    the instrument and the source behind it: `pactum history PORTFOLIO ID --as-of DATE
    --json`."""
    agreement = _agreement(board, agreement_id)
    histories = in_force(term_histories(agreement), when.date)
    instruments = instruments_on(instruments_of(agreement), when.date)
    return JSONResponse(history_json(agreement, instruments, histories, when.date))


@router.get("/agreements/{agreement_id}/history", response_model=HistoryJson, responses=NOT_FOUND)
def history(board: Board, agreement_id: str) -> JSONResponse:
    """The agreement's instruments and each term's value over time: `pactum history
    PORTFOLIO ID --json`."""
    agreement = _agreement(board, agreement_id)
    return JSONResponse(
        history_json(agreement, instruments_of(agreement), term_histories(agreement))
    )
