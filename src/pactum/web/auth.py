"""The token gate: a dashboard bound to any address other than loopback asks for a token.

The token comes through the login form (which keeps it in an HTTP-only cookie) or in an
`Authorization: Bearer` header, never in a URL: a URL is kept in the browser's history, sent
in `Referer` headers and written in access logs, so a `?token=` is refused with a line saying
so, on every path. A calendar application subscribing to the feed (`/calendar.ics`) cannot send
a header or fill in a form, so the feed, and only it, opens with a key of its own in the URL
(`?key=`): derived from the token by HMAC, it opens nothing else, and the token cannot be
worked back from it; `pactum serve` prints the feed's URL, uvicorn's access log blanks the key,
and a new token revokes it. Tokens and keys are compared in constant time. Without a token configured (loopback) every request passes. The
API (`/api/`) is answered 401 in JSON, with `WWW-Authenticate: Bearer`, rather than the form.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

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
FEED_KEY_NAME = "key"
FEED_KEY_WRONG = str(
    Problem(
        "",
        None,
        FEED_KEY_NAME,
        "a key that does not match",
        "the feed's key, as `pactum serve` prints it in the feed's URL",
    )
)
API_TOKEN_MISSING = str(
    Problem(
        "",
        None,
        "Authorization",
        "no token or a wrong one",
        "'Authorization: Bearer TOKEN' with the token this server was given",
    )
)
# the one path a key in the URL opens: what a calendar application subscribes to
FEED_PATH = "/calendar.ics"
_FEED_KEY_PURPOSE = b"pactum calendar feed"
API_PREFIX = "/api/"
LOGIN = "/login"
# what a visitor without the token may load: the form, its style sheet and the icon
OPEN_PATHS = frozenset({LOGIN, "/static/pactum.css", "/static/favicon.svg", "/favicon.ico"})

router = APIRouter()


def matches(given: str | None, token: str) -> bool:
    """Whether `given` is the token, in time that does not depend on where they differ."""
    return given is not None and hmac.compare_digest(given.encode(), token.encode())


def feed_key(token: str) -> str:
    """The calendar feed's key: an HMAC of a fixed purpose under the token, so it opens the feed
    and nothing else, and showing it in a URL does not show the token."""
    return hmac.new(token.encode(), _FEED_KEY_PURPOSE, hashlib.sha256).hexdigest()[:32]


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
            # refused whether a token is configured or not, on every path (the feed's too),
            # and before the gate: the page says why rather than asking for the token again
            return _refused(request, URL_TOKEN_REFUSED, 400)
        if (
            token is not None
            and request.url.path == FEED_PATH
            and FEED_KEY_NAME in request.query_params
        ):
            given = request.query_params.getlist(FEED_KEY_NAME)
            if len(given) == 1 and matches(given[0], feed_key(token)):
                return await call_next(request)
            return one_line_page(FEED_KEY_WRONG, 401)
        if token is None or request.url.path in OPEN_PATHS:
            return await call_next(request)
        if matches(request.cookies.get(COOKIE), token) or matches(_bearer(request), token):
            return await call_next(request)
        if request.url.path.startswith(API_PREFIX):
            return _refused(request, API_TOKEN_MISSING, 401)
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return _login_page(request, target, 401)

    return gate


def _refused(request: Request, line: str, status: int) -> Response:
    """The refusal as a page, or to the API as JSON (a program reads no login form)."""
    if not request.url.path.startswith(API_PREFIX):
        return one_line_page(line, status)
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return JSONResponse({"errors": [line]}, status_code=status, headers=headers)


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
