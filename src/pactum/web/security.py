"""What keeps the dashboard safe on loopback as well as off it, whatever page a browser has
open elsewhere.

- `Host` is checked (Starlette's TrustedHostMiddleware) against the bound address and the
  names given with `--allow-host`: a DNS-rebinding page, whose requests carry its own name,
  gets 400.
- A request that changes something (POST) must come from the dashboard's own pages: an
  `Origin` or `Sec-Fetch-Site` header naming another site is refused with 403 before the body
  is read, and the form must carry the CSRF token of the browser's `pactum_csrf` cookie
  (double submit; the cookie is HTTP-only and SameSite=Strict).
- Every response carries a Content-Security-Policy (scripts only from this server, no
  framing), `X-Content-Type-Options: nosniff` and a `Referrer-Policy`; everything but the
  static files is `Cache-Control: no-store`, since pages and downloads carry the portfolio's
  figures.
"""

from __future__ import annotations

import hmac
import re
import secrets
from dataclasses import dataclass
from http.cookies import SimpleCookie
from urllib.parse import urlsplit

from fastapi import Request
from starlette.datastructures import Headers, MutableHeaders
from starlette.middleware.gzip import GZipMiddleware
from starlette.responses import HTMLResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from pactum.errors import Problem, shown

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "[::1]")
DEFAULT_MAX_UPLOAD_BYTES = 100 * 1024 * 1024  # 100 MB: an aging of about a million invoices
DEFAULT_KEPT_RESULTS = 20

CSRF_COOKIE = "pactum_csrf"
CSRF_FIELD = "csrf"
CSRF_HEADER = "x-csrf-token"
_CSRF_FORM = re.compile(r"[A-Za-z0-9_-]{43}")  # what secrets.token_urlsafe(32) gives
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

# Scripts only from this server (pactum.js, Plotly's bundle): the chart data is a JSON
# <script> block, which is not run. Styles allow 'unsafe-inline' because Plotly injects its
# own <style> element and the term sheet indents rows with a style attribute; a style cannot
# run code. Plotly's "download as PNG" builds a data: image.
CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
SECURITY_HEADERS = {
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "x-content-type-options": "nosniff",
    # not "no-referrer": with it, Chromium sends `Origin: null` on the pages' own POSTs
    "referrer-policy": "same-origin",
    "x-frame-options": "DENY",  # frame-ancestors for browsers that predate it
    "cross-origin-opener-policy": "same-origin",
}
STATIC_PREFIX = "/static/"
API_PREFIX = "/api/"
# the bodies an API POST may carry without the CSRF token: types no HTML form can send (see
# `api_body_exempt`); Parquet goes as application/octet-stream or its registered type
API_BODY_TYPES = frozenset(
    {"text/csv", "application/octet-stream", "application/vnd.apache.parquet", "application/json"}
)


@dataclass(frozen=True)
class Guard:
    """The dashboard's limits: the `Host` names it answers, the largest upload it reads, and
    how many certificate runs it keeps on disk for their downloads."""

    allowed_hosts: tuple[str, ...] = LOOPBACK_HOSTS
    max_upload_bytes: int = DEFAULT_MAX_UPLOAD_BYTES
    kept_results: int = DEFAULT_KEPT_RESULTS


def host_name(host: str) -> str:
    """A host as it appears in a `Host` header (an IPv6 literal in brackets), lower case."""
    bare = host.strip().lower()
    if ":" in bare and not bare.startswith("["):
        return f"[{bare}]"
    return bare


class SecurityHeaders:
    """Adds the security headers to every response, and `no-store` to all but static files."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        static = str(scope["path"]).startswith(STATIC_PREFIX)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers[name] = value
                if not static:
                    headers["cache-control"] = "no-store"
            await send(message)

        await self.app(scope, receive, send_with_headers)


def too_large_line(max_upload_bytes: int) -> str:
    """The line of a request whose body is over the upload limit (413)."""
    return str(
        Problem(
            "",
            None,
            "upload",
            f"a request of more than {max_upload_bytes:,} bytes",
            f"at most {max_upload_bytes:,} bytes (pactum serve --max-upload-mb)",
        )
    )


class PlainErrorsAsPages:
    """Starlette answers some bad requests itself, in plain text and before any route runs: a
    `Host` it does not trust ("Invalid host header", 400), a body over the limit whose
    declared length gives it away ("Content Too Large", 413). Each becomes the one-line error
    page the dashboard gives every other error, with the same status."""

    def __init__(self, app: ASGIApp, guard: Guard) -> None:
        self.app = app
        self.guard = guard

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        held: Message | None = None  # a plain-text error's start, until its body is read
        body = b""

        async def send_as_page(message: Message) -> None:
            nonlocal held, body
            if message["type"] == "http.response.start":
                content_type = Headers(raw=message["headers"]).get("content-type", "")
                if message["status"] >= 400 and content_type.startswith("text/plain"):
                    held = message
                    return
            elif held is not None and message["type"] == "http.response.body":
                body += message.get("body", b"")
                if message.get("more_body", False):
                    return
                line = self._line(scope, held["status"], body.decode("utf-8", "replace"))
                await one_line_page(line, held["status"])(scope, receive, send)
                return
            await send(message)

        await self.app(scope, receive, send_as_page)

    def _line(self, scope: Scope, status: int, text: str) -> str:
        if status == 413:
            return too_large_line(self.guard.max_upload_bytes)
        if text == "Invalid host header":
            host = Headers(scope=scope).get("host", "")
            expected = ", ".join(self.guard.allowed_hosts)
            return str(
                Problem("", None, "Host", shown(host) if host else "nothing", f"one of {expected}")
            )
        found = f"{scope['method']} {scope['path']!r}"
        detail = " ".join(text.split()) or f"status {status}"
        return str(Problem("", None, "request", found, f"one this dashboard answers ({detail})"))


def _same_origin(origin: str, scheme: str, host: str) -> bool:
    """Whether an `Origin` header names this server as the request's `Host` does."""
    parts = urlsplit(origin)
    default = {"http": 80, "https": 443}.get(scheme)
    try:
        origin_port = parts.port or default
    except ValueError:
        return False
    request = urlsplit(f"{scheme}://{host}")
    try:
        host_port = request.port or default
    except ValueError:
        return False
    return (
        parts.scheme == scheme
        and parts.hostname is not None
        and parts.hostname == request.hostname
        and origin_port == host_port
    )


def cross_site_problem(scope: Scope) -> str | None:
    """Why a request that changes something does not come from the dashboard's own pages
    (None: nothing says it does not)."""
    headers = Headers(scope=scope)
    fetch_site = headers.get("sec-fetch-site")
    if fetch_site is not None and fetch_site not in ("same-origin", "none"):
        return str(
            Problem("", None, "Sec-Fetch-Site", repr(fetch_site), "a request from this dashboard")
        )
    origin = headers.get("origin")
    if origin is not None and not _same_origin(
        origin, str(scope.get("scheme", "http")), headers.get("host", "")
    ):
        return str(
            Problem("", None, "Origin", repr(origin), "a request from this dashboard's own pages")
        )
    return None


def one_line_page(line: str, status: int) -> HTMLResponse:
    """The error as the pages show it, for answers given before the page machinery runs."""
    from html import escape

    return HTMLResponse(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Error · Pactum'
        '</title><link rel="stylesheet" href="/static/pactum.css"></head><body><main>'
        f'<section class="errors" role="alert"><p class="error">error: {escape(line)}</p>'
        "</section></main></body></html>",
        status_code=status,
    )


class CrossSiteGuard:
    """Refuses a POST from another site (403) before its body is read, and gives each browser
    a CSRF token (the `pactum_csrf` cookie, also in `request.state.csrf` for the forms)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if scope["method"] not in SAFE_METHODS:
            problem = cross_site_problem(scope)
            if problem is not None:
                await one_line_page(problem, 403)(scope, receive, send)
                return
        given = _cookie(Headers(scope=scope).get("cookie", ""), CSRF_COOKIE)
        fresh = given is None or not _CSRF_FORM.fullmatch(given)
        csrf = secrets.token_urlsafe(32) if fresh or given is None else given
        scope.setdefault("state", {})["csrf"] = csrf

        async def send_with_cookie(message: Message) -> None:
            if fresh and message["type"] == "http.response.start":
                MutableHeaders(scope=message).append(
                    "set-cookie", f"{CSRF_COOKIE}={csrf}; HttpOnly; Path=/; SameSite=Strict"
                )
            await send(message)

        await self.app(scope, receive, send_with_cookie)


def _cookie(header: str, name: str) -> str | None:
    cookies: SimpleCookie = SimpleCookie()
    try:
        cookies.load(header)
    except Exception:  # a malformed Cookie header: as if there were none
        return None
    morsel = cookies.get(name)
    return morsel.value if morsel is not None else None


class CsrfError(Exception):
    """A POST without the CSRF token of the browser's cookie."""

    def __init__(self, line: str) -> None:
        super().__init__(line)
        self.line = line


def media_type(content_type: str) -> str:
    """A Content-Type header's media type, lower case, without its parameters."""
    return content_type.split(";", 1)[0].strip().lower()


def api_body_exempt(request: Request) -> bool:
    """Whether a POST is an API call whose body a browser form cannot send.

    A form (and so a page of another site posting to this one) can send only
    application/x-www-form-urlencoded, multipart/form-data or text/plain. Any other type, set
    by a script's fetch(), makes a cross-origin request "non-simple": the browser first asks
    the server with a CORS preflight (OPTIONS), which this server never answers with
    Access-Control-Allow-Origin, so the browser does not send it. Such a body can only come
    from this dashboard's own pages or from a program, which has no cookie to ride on:
    the CSRF token is not needed. Every other type, to /api/ as elsewhere, still needs it."""
    return request.url.path.startswith(API_PREFIX) and (
        media_type(request.headers.get("content-type", "")) in API_BODY_TYPES
    )


async def check_csrf(request: Request) -> None:
    """The app-wide dependency: a POST's form field (or X-CSRF-Token header) must be the
    token of the browser's cookie. FastAPI has parsed the form by now (within the upload
    limit); `request.form()` returns it again. An API call with a body no form can send is
    exempt (`api_body_exempt`)."""
    if request.method in SAFE_METHODS or api_body_exempt(request):
        return
    expected = _cookie(request.headers.get("cookie", ""), CSRF_COOKIE)
    given = request.headers.get(CSRF_HEADER)
    if given is None:
        field = (await request.form()).get(CSRF_FIELD)
        given = field if isinstance(field, str) else None
    if (
        expected is None
        or given is None
        or not hmac.compare_digest(given.encode(), expected.encode())
    ):
        found = "no CSRF token" if not given else "a CSRF token that does not match"
        raise CsrfError(
            str(
                Problem(
                    "",
                    None,
                    "csrf",
                    found,
                    "the token of a form this dashboard served (reload the page and submit again)",
                )
            )
        )


class CompressStatic:
    """Gzips the static files for a browser that accepts it (Plotly's 4.8 MB bundle goes
    out as about 1.4 MB). Pages and downloads are not compressed: they carry the CSRF token
    beside text a request can put on the page, which compressed is what BREACH reads."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.gzip = GZipMiddleware(app, minimum_size=1024)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and str(scope["path"]).startswith(STATIC_PREFIX):
            await self.gzip(scope, receive, send)
        else:
            await self.app(scope, receive, send)
