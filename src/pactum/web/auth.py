"""The token gate: a dashboard bound to any address other than loopback asks for a token.

The token comes through the login form (which keeps it in an HTTP-only cookie) or in an
`Authorization: Bearer` header, never in a URL: a URL is kept in the browser's history, sent
in `Referer` headers and written in access logs, so a `?token=` is refused with a line saying
so. Tokens are compared in constant time. Without a token configured (loopback) every request
passes.
"""

from __future__ import annotations

import hmac
from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from pactum.errors import Problem
from pactum.web.render import TEMPLATES
from pactum.web.security import one_line_page

COOKIE = "pactum_token"
QUERY_NAME = "token"
URL_TOKEN_REFUSED = str(
    Problem(
        "",
        None,
        QUERY_NAME,
        "a token in the URL",
        "it in the login form or an 'Authorization: Bearer' header (a URL is kept in history "
        "and logs)",
    )
)
LOGIN = "/login"
# what a visitor without the token may load: the form, its style sheet and the icon
OPEN_PATHS = frozenset({LOGIN, "/static/pactum.css", "/static/favicon.svg", "/favicon.ico"})

router = APIRouter()


def matches(given: str | None, token: str) -> bool:
    """Whether `given` is the token, in time that does not depend on where they differ."""
    return given is not None and hmac.compare_digest(given.encode(), token.encode())


def _safe_next(target: str) -> str:
    """A local path to return to after the form; anything else goes to the overview."""
    return target if target.startswith("/") and not target.startswith("//") else "/"


def _login_page(request: Request, target: str, status: int, wrong: bool = False) -> HTMLResponse:
    return TEMPLATES.TemplateResponse(
        request, "login.html", {"next": _safe_next(target), "wrong": wrong}, status_code=status
    )


def _with_cookie(response: Response, token: str) -> Response:
    response.set_cookie(COOKIE, token, httponly=True, samesite="strict")
    return response


def _bearer(request: Request) -> str | None:
    scheme, _, credentials = request.headers.get("authorization", "").partition(" ")
    return credentials.strip() if scheme.lower() == "bearer" else None


def token_gate(
    token: str | None,
) -> Callable[[Request, Callable[[Request], Awaitable[Response]]], Awaitable[Response]]:
    """HTTP middleware that lets a request through only with the token (None: all pass), and
    refuses a token in the URL."""

    async def gate(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        if QUERY_NAME in request.query_params:
            # refused whether a token is configured or not, and before the gate: the page
            # says why rather than asking for the token again (the frame shows nothing)
            return one_line_page(URL_TOKEN_REFUSED, 400)
        if token is None or request.url.path in OPEN_PATHS:
            return await call_next(request)
        if matches(request.cookies.get(COOKIE), token) or matches(_bearer(request), token):
            return await call_next(request)
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return _login_page(request, target, 401)

    return gate


@router.get(LOGIN, response_class=HTMLResponse)
def login_form(request: Request, next: str = "/") -> Response:
    if request.app.state.token is None:
        return RedirectResponse(_safe_next(next), 303)
    return _login_page(request, next, 200)


@router.post(LOGIN, response_class=HTMLResponse)
def login(
    request: Request, token: Annotated[str, Form()] = "", next: Annotated[str, Form()] = "/"
) -> Response:
    expected = request.app.state.token
    if expected is None:
        return RedirectResponse(_safe_next(next), 303)
    if not matches(token, expected):
        return _login_page(request, next, 401, wrong=True)
    return _with_cookie(RedirectResponse(_safe_next(next), 303), expected)
