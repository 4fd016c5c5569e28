"""The dashboard application: pages, static files, the token gate, the protections of
`pactum.web.security`, and bad input as pages."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date
from pathlib import Path

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.middleware.body_limit import RequestBodyLimitMiddleware
from starlette.middleware.trustedhost import TrustedHostMiddleware

from pactum.errors import Problem, shown
from pactum.portfolio import Book, Portfolio
from pactum.web import auth
from pactum.web.api_docs import api_docs_page
from pactum.web.dashboard import BookDashboard, Dashboard
from pactum.web.plotly_js import plotly_js_path
from pactum.web.render import PageError, error_page
from pactum.web.routes import (
    across,
    agreement,
    api,
    api_certificates,
    calendar_feed,
    charts,
    desk,
    documents,
    overview,
    upload,
)
from pactum.web.security import (
    API_PREFIX,
    CompressStatic,
    CrossSiteGuard,
    CsrfError,
    Guard,
    PlainErrorsAsPages,
    SecurityHeaders,
    check_csrf,
    one_line_page,
    too_large_line,
)

STATIC = Path(__file__).parent / "static"
API_PATHS = "one of the paths /docs lists, e.g. /api/findings"


def create_app(
    portfolio: Portfolio | Book,
    token: str | None = None,
    today: date | None = None,
    guard: Guard | None = None,
) -> FastAPI:
    """The dashboard of a loaded (and verified) portfolio, or of a book: a book of several
    borrowers has the desk for its overview and a page per borrower, one of one borrower is
    that borrower's portfolio. With a token, every page but the login form asks for it.
    `guard` sets the allowed `Host` names and the limits (default: loopback names, 100 MB
    uploads, 20 runs kept)."""
    limits = guard or Guard()
    board = dashboard_of(portfolio, today, limits.kept_results)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        board.results.close()

    app = FastAPI(
        title="Pactum",
        description="A JSON API over the portfolio's findings, calendar, terms and "
        "certificates: the documents `pactum ... --json` prints. Off loopback, send "
        "`Authorization: Bearer TOKEN`.",
        version=_version(),
        # FastAPI's own /docs loads Swagger UI from a CDN, which the pages' CSP blocks (and
        # which would tell a third party of every visit): /docs is rendered here instead
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
        lifespan=lifespan,
        # outermost first: every answer carries the headers, even a refused Host's
        middleware=[
            Middleware(SecurityHeaders),
            Middleware(PlainErrorsAsPages, guard=limits),
            # the limit inside the pages' error handling (FastAPI's max_body_size would sit
            # outside every middleware, its 413 without the headers)
            Middleware(RequestBodyLimitMiddleware, max_body_size=limits.max_upload_bytes),
            Middleware(TrustedHostMiddleware, allowed_hosts=list(limits.allowed_hosts)),
            Middleware(CrossSiteGuard),
            Middleware(BaseHTTPMiddleware, dispatch=auth.token_gate(token)),
            Middleware(CompressStatic),
        ],
        dependencies=[Depends(check_csrf)],
    )
    app.state.dashboard = board
    app.state.token = token
    app.state.guard = limits
    for router in (
        overview.router,
        agreement.router,
        documents.router,
        charts.router,
        across.router,
        upload.router,
        calendar_feed.router,
        auth.router,
    ):
        # pages are for people: the OpenAPI describes the API alone
        app.include_router(router, include_in_schema=False)
    app.include_router(api.router)
    app.include_router(api_certificates.router)
    app.include_router(desk.api_router)

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def docs() -> HTMLResponse:
        return HTMLResponse(api_docs_page(app.openapi()))

    plotly_js = plotly_js_path()

    @app.get("/static/plotly.min.js", include_in_schema=False)
    def plotly() -> FileResponse:
        # versioned with the installed package: a day's caching is safe
        return FileResponse(
            plotly_js, media_type="text/javascript", headers={"Cache-Control": "max-age=86400"}
        )

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> FileResponse:
        # browsers ask for it whatever the page links; the icon is an SVG
        return FileResponse(STATIC / "favicon.svg", media_type="image/svg+xml")

    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.exception_handler(PageError)
    def page_error(request: Request, error: PageError) -> Response:
        if is_api(request):
            return api_error(error.lines, error.status)
        return error_page(request, error)

    @app.exception_handler(CsrfError)
    def csrf_error(request: Request, error: CsrfError) -> Response:
        if is_api(request):
            return api_error([error.line], 403)
        return one_line_page(error.line, 403)

    @app.exception_handler(RequestValidationError)
    def form_error(request: Request, error: RequestValidationError) -> Response:
        # a form without a field the route needs (a malformed multipart body parses to
        # nothing): one line per field, 400, not FastAPI's JSON 422
        lines = []
        for problem in error.errors():
            field = ".".join(str(p) for p in problem["loc"] if p != "body") or "form"
            if problem["type"] == "missing":
                found, expected = "nothing", "a value (the form's field is required)"
            else:
                found, expected = shown(problem.get("input")), str(problem["msg"])
            lines.append(str(Problem("", None, field, found, expected)))
        if is_api(request):
            return api_error(sorted(set(lines)), 400)
        return error_page(request, PageError(sorted(set(lines))))

    @app.exception_handler(HTTPException)
    def http_error(request: Request, error: HTTPException) -> Response:
        if error.status_code == 413:
            line = too_large_line(limits.max_upload_bytes)
        elif error.status_code == 404:
            line = str(
                Problem(
                    "",
                    None,
                    "page",
                    repr(request.url.path),
                    API_PATHS if is_api(request) else _PAGES[isinstance(board, BookDashboard)],
                )
            )
        else:
            found = f"{request.method} {request.url.path!r}"
            line = str(
                Problem("", None, "request", found, f"one this dashboard answers ({error.detail})")
            )
        if is_api(request):
            return api_error([line], error.status_code)
        return one_line_page(line, error.status_code)

    return app


_PAGES = {
    False: "/, /agreements/ID, /charts or /upload",
    True: "/, /borrowers/ID, /borrowers/ID/agreements/ID or /calendar.ics",
}


def dashboard_of(
    source: Portfolio | Book, today: date | None, kept_results: int
) -> Dashboard | BookDashboard:
    if isinstance(source, Portfolio):
        return Dashboard(source, today, kept_results)
    if len(source.borrowers) == 1:
        return Dashboard(source.borrowers[0].portfolio, today, kept_results)
    return BookDashboard(source, today, kept_results)


def is_api(request: Request) -> bool:
    return request.url.path.startswith(API_PREFIX)


def api_error(lines: list[str], status: int) -> JSONResponse:
    """Bad input to the API: one line per problem, as the pages and the command line say it."""
    return JSONResponse({"errors": lines}, status_code=status)


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("pactum")
    except PackageNotFoundError:  # a source tree on the path, not installed
        return "unknown"
