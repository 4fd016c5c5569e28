"""The charts: availability, covenants, ownership and rent, drawn by Plotly's JS (served from
the installed plotly package, never from a CDN)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from pactum.errors import InputError
from pactum.web.render import Board, PageError, When, page

router = APIRouter()


@router.get("/charts", response_class=HTMLResponse)
def charts_page(request: Request, board: Board, when: When) -> HTMLResponse:
    try:
        figures = board.charts(when.date)
    except InputError as error:
        raise PageError.of(error) from None
    except OverflowError:  # a series' dates run past 9999-12-31 from this date
        raise PageError(
            [
                f"as_of: found {when.date.isoformat()!r}; expected a date whose charts end before 9999"
            ]
        ) from None
    return page(request, "charts.html", when, figures=figures)
