"""The overview: each agreement's status, every alert, and the next deadlines. In a book of
several borrowers, `/` is the desk (`pactum.web.routes.desk`) and each borrower's overview is
its page, `/borrowers/ID`, with its trends from the book's recorded runs."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from pactum.findings import Severity
from pactum.web.dashboard import Dashboard
from pactum.web.render import AsOf, BorrowerBoard, Frame, When, findings_at, page
from pactum.web.routes.desk import desk_page
from pactum.web.views import alert_rows, deadline_rows

router = APIRouter()
NEXT_DEADLINES = 12
_ORDER = {s.value: i for i, s in enumerate(Severity)}  # critical, warning, info


@router.get("/", response_class=HTMLResponse)
def overview(request: Request, board: Frame, when: When) -> HTMLResponse:
    if not isinstance(board, Dashboard):
        return desk_page(request, board, when)
    return overview_page(request, board, when)


@router.get("/borrowers/{borrower_id}", response_class=HTMLResponse)
def borrower_page(
    request: Request, borrower_id: str, board: BorrowerBoard, when: When
) -> HTMLResponse:
    return overview_page(request, board, when, borrower_id)


def overview_page(
    request: Request, board: Dashboard, when: AsOf, borrower_id: str | None = None
) -> HTMLResponse:
    """One company's overview, or one borrower's in a book (then with its trends)."""
    findings = findings_at(board, when)
    alerts = [row for a in findings.agreements for row in alert_rows(a.id, a.alerts)]
    deadlines = [row for a in findings.agreements for row in deadline_rows(a.id, a.obligations)]
    trends = []
    if borrower_id is not None:
        from pactum.desk import trend_charts  # reads the book's database, when there is one
        from pactum.web.charts import figure

        database = request.app.state.dashboard.book.database
        trends = [figure(c) for c in trend_charts(database, borrower_id)] if database else []
    return page(
        request,
        "overview.html",
        when,
        board=board,
        base=f"/borrowers/{borrower_id}" if borrower_id is not None else "",
        findings=findings,
        alerts=sorted(alerts, key=lambda r: _ORDER[r.severity]),
        deadlines=sorted(deadlines, key=lambda r: r.due)[:NEXT_DEADLINES],
        trends=trends,
    )
