"""The desk: every facility of a book in one table (`pactum desk`), the overview of a book of
several borrowers. Sorting and filtering are query parameters, as the command line's options:
`sort=COLUMN`, `descending=1`, `filter=COLUMN OP VALUE` (repeatable); each column's heading
links to the table sorted by it, and the filters are a plain form (no script needed)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse

from pactum.desk import (
    COLUMN_NAMES,
    COLUMNS,
    Facility,
    Filter,
    desk_json,
    facilities,
    parse_filter,
    shown_cell,
    sorted_by,
)
from pactum.errors import InputError
from pactum.findings import Findings
from pactum.web.api_models import DeskJson, ErrorJson
from pactum.web.dashboard import BookDashboard, Dashboard
from pactum.web.render import AsOf, Frame, PageError, When, findings_at, page


@dataclass(frozen=True)
class DeskQuery:
    """What the desk's address asks for: the sort and the filters, as written."""

    sort: str | None
    descending: bool
    filters: tuple[str, ...]

    @classmethod
    def of(cls, sort: str | None, descending: str | None, filters: Sequence[str]) -> DeskQuery:
        chosen = sort.strip() if sort and sort.strip() else None
        flag = (descending or "").strip().lower() in ("1", "true", "yes", "on")
        return cls(chosen, flag, tuple(f for f in filters if f.strip()))


def _web_error(error: InputError) -> PageError:
    """The command line's option problems with the query parameter's name (`filter`, not
    `--filter`)."""
    return PageError([str(replace(p, field=p.field.lstrip("-"))) for p in error.problems])


def desk_rows(findings: Findings, query: DeskQuery) -> list[Facility]:
    """The facilities the query keeps, in its order (bad input: one line, 400)."""
    try:
        chosen: list[Filter] = [parse_filter(text) for text in query.filters]
        rows = [r for r in facilities(findings) if all(f.holds(r) for f in chosen)]
        return sorted_by(rows, query.sort, query.descending) if query.sort else rows
    except InputError as error:
        raise _web_error(error) from None


def desk_query(request: Request) -> DeskQuery:
    params = request.query_params
    return DeskQuery.of(params.get("sort"), params.get("descending"), params.getlist("filter"))


def desk_page(request: Request, board: BookDashboard | Dashboard, when: AsOf) -> HTMLResponse:
    query = desk_query(request)
    findings = findings_at(board, when)
    rows = desk_rows(findings, query)
    kept = [("as_of", when.date.isoformat())] if when.chosen else []
    kept += [("filter", f) for f in query.filters]

    def sort_link(key: str) -> str:
        # the heading of the sorted column turns the order around
        descending = query.sort == key and not query.descending
        wanted = [*kept, ("sort", key)] + ([("descending", "1")] if descending else [])
        return "/?" + urlencode(wanted)

    return page(
        request,
        "desk.html",
        when,
        findings=findings,
        columns=COLUMNS,
        rows=[(row, [(c, shown_cell(c, row.cell(c.key))) for c in COLUMNS]) for row in rows],
        query=query,
        sort_link=sort_link,
    )


api_router = APIRouter(prefix="/api", tags=["api"])


@api_router.get(
    "/desk",
    response_model=DeskJson,
    responses={400: {"model": ErrorJson, "description": "bad input, one line per problem"}},
)
def desk_api(
    board: Frame,
    when: When,
    sort: Annotated[str | None, Query(description=f"order by a column: {COLUMN_NAMES}")] = None,
    descending: Annotated[
        str | None, Query(description="1: with sort, largest (latest, Z) first")
    ] = None,
    filter: Annotated[
        list[str] | None,
        Query(description="COLUMN OP VALUE, OP one of = != < <= > >= (repeatable; all hold)"),
    ] = None,
) -> JSONResponse:
    """Every facility of the book in one table: `pactum desk --json` (with --sort,
    --descending and --filter as query parameters)."""
    findings = findings_at(board, when)
    rows = desk_rows(findings, DeskQuery.of(sort, descending, filter or []))
    return JSONResponse(desk_json(rows, findings))
