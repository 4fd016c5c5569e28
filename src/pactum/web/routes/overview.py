"""The overview: each agreement's status, every alert, and the next deadlines."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from pactum.findings import Severity
from pactum.web.render import Board, When, findings_at, page
from pactum.web.views import alert_rows, deadline_rows

router = APIRouter()
NEXT_DEADLINES = 12
_ORDER = {s.value: i for i, s in enumerate(Severity)}  # critical, warning, info


@router.get("/", response_class=HTMLResponse)
def overview(request: Request, board: Board, when: When) -> HTMLResponse:
    findings = findings_at(board, when)
    alerts = [row for a in findings.agreements for row in alert_rows(a.id, a.alerts)]
    deadlines = [row for a in findings.agreements for row in deadline_rows(a.id, a.obligations)]
    return page(
        request,
        "overview.html",
        when,
        findings=findings,
        alerts=sorted(alerts, key=lambda r: _ORDER[r.severity]),
        deadlines=sorted(deadlines, key=lambda r: r.due)[:NEXT_DEADLINES],
    )
