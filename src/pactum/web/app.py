"""The dashboard application: pages, static files, the token gate and bad input as pages."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.staticfiles import StaticFiles

from pactum.portfolio import Portfolio
from pactum.web import auth
from pactum.web.dashboard import Dashboard
from pactum.web.plotly_js import plotly_js_path
from pactum.web.render import PageError, error_page
from pactum.web.routes import agreement, charts, overview, upload

STATIC = Path(__file__).parent / "static"


def create_app(
    portfolio: Portfolio, token: str | None = None, today: date | None = None
) -> FastAPI:
    """The dashboard of a loaded (and verified) portfolio; with a token, every page but the
    login form asks for it."""
    app = FastAPI(title="Pactum", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.dashboard = Dashboard(portfolio, today)
    app.state.token = token
    app.middleware("http")(auth.token_gate(token))
    for router in (overview.router, agreement.router, charts.router, upload.router, auth.router):
        app.include_router(router)
    plotly_js = plotly_js_path()

    @app.get("/static/plotly.min.js", include_in_schema=False)
    def plotly() -> FileResponse:
        # versioned with the installed package: a day's caching is safe
        return FileResponse(
            plotly_js, media_type="text/javascript", headers={"Cache-Control": "max-age=86400"}
        )

    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.exception_handler(PageError)
    def page_error(request: Request, error: PageError) -> HTMLResponse:
        return error_page(request, error)

    return app
