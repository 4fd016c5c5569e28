"""The dashboard safe by default (issue 18): a foreign `Host` is 400, a cross-site POST or one
without the form's CSRF token is 403, every answer carries the security headers (pages with
figures `no-store`), the token never reaches the access log, an upload over the limit is 413
without being read into memory, certificate runs are kept on disk up to a bound, far as-of
dates are one line with 400, and a slow client is dropped."""

from __future__ import annotations

import asyncio
import logging
import re
import socket
import threading
import time
import tracemalloc
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import httpx2 as httpx
import pytest
import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient

from conftest import EXAMPLE
from pactum.portfolio import load_portfolio
from pactum.web import server
from pactum.web.app import create_app
from pactum.web.security import CSRF_COOKIE, Guard
from pactum.web.server import allowed_hosts
from web_support import AGING_CSV, LOOPBACK_URL, csrf_of, error_lines, example_client

MB = 1024 * 1024
FORM = {"agreement": "southtrust-abl", "as_of": "2003-12-31"}


@cache
def _app(guard: Guard) -> FastAPI:
    return create_app(load_portfolio(EXAMPLE), guard=guard)


LOOPBACK_GUARD = Guard()


def _client(guard: Guard = LOOPBACK_GUARD, base_url: str = LOOPBACK_URL) -> TestClient:
    return TestClient(_app(guard), base_url=base_url)


# --- Host -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "base_url",
    ["http://attacker.example", "http://attacker.example:8000", "http://127.0.0.2:8000"],
)
def test_a_foreign_host_is_400(base_url: str) -> None:
    """A DNS-rebinding page reaches 127.0.0.1 under its own name: nothing is shown."""
    response = _client(base_url=base_url).get("/")
    assert response.status_code == 400
    assert "Innotrac" not in response.text
    # the one-line page, not Starlette's plain "Invalid host header"
    host = base_url.removeprefix("http://")
    assert error_lines(response.text) == [
        f"error: Host: found '{host}'; expected one of 127.0.0.1, localhost, [::1]"
    ]


@pytest.mark.parametrize(
    "base_url", ["http://127.0.0.1:8000", "http://localhost:8000", "http://[::1]:8000"]
)
def test_every_loopback_name_is_answered(base_url: str) -> None:
    assert _client(base_url=base_url).get("/").status_code == 200


def test_an_allowed_host_is_answered() -> None:
    guard = Guard(allowed_hosts=allowed_hosts("192.168.1.20", ["Dash.Example"]))
    assert _client(guard, "http://dash.example:8000").get("/").status_code == 200
    assert _client(guard, "http://192.168.1.20:8000").get("/").status_code == 200
    assert _client(guard, "http://127.0.0.1:8000").get("/").status_code == 400


def test_allowed_hosts() -> None:
    assert allowed_hosts("127.0.0.1") == ("127.0.0.1", "localhost", "[::1]")
    assert allowed_hosts("::1") == ("127.0.0.1", "localhost", "[::1]")
    assert allowed_hosts("127.0.0.5", ["*"]) == (
        "127.0.0.1",
        "localhost",
        "[::1]",
        "127.0.0.5",
        "*",
    )
    assert allowed_hosts("192.168.1.20", ["dash.example"]) == ("192.168.1.20", "dash.example")
    assert allowed_hosts("fe80::1") == ("[fe80::1]",)
    wildcard = allowed_hosts("0.0.0.0")
    assert wildcard[:3] == ("127.0.0.1", "localhost", "[::1]")
    assert socket.gethostname().lower() in wildcard


# --- cross-site POSTs and the CSRF token -----------------------------------------------------


def _post_upload(client: TestClient, headers: dict[str, str], csrf: str | None) -> httpx.Response:
    data = {**FORM, **({"csrf": csrf} if csrf is not None else {})}
    return client.post(
        "/upload",
        data=data,
        files={"receivables": ("aging.csv", AGING_CSV, "text/csv")},
        headers=headers,
    )


@pytest.mark.parametrize(
    ("headers", "line"),
    [
        (
            {"Origin": "http://attacker.example"},
            "error: Origin: found 'http://attacker.example'; expected a request from this "
            "dashboard's own pages",
        ),
        (
            {"Origin": "http://127.0.0.1:9999"},  # another server on the same machine
            "error: Origin: found 'http://127.0.0.1:9999'; expected a request from this "
            "dashboard's own pages",
        ),
        (
            {"Origin": "null"},  # a sandboxed frame or a data: page
            "error: Origin: found 'null'; expected a request from this dashboard's own pages",
        ),
        (
            {"Sec-Fetch-Site": "cross-site"},
            "error: Sec-Fetch-Site: found 'cross-site'; expected a request from this dashboard",
        ),
        (
            {"Sec-Fetch-Site": "same-site"},
            "error: Sec-Fetch-Site: found 'same-site'; expected a request from this dashboard",
        ),
    ],
    ids=["other origin", "other port", "null origin", "cross-site", "same-site"],
)
def test_a_cross_site_post_is_403(headers: dict[str, str], line: str) -> None:
    """Refused even with the right CSRF token (before the body is read)."""
    client = _client()
    response = _post_upload(client, headers, csrf_of(client))
    assert response.status_code == 403
    assert error_lines(response.text) == [line]


def test_a_post_from_the_dashboard_s_own_page_is_answered() -> None:
    client = _client()
    same = {"Origin": LOOPBACK_URL, "Sec-Fetch-Site": "same-origin"}
    response = _post_upload(client, same, csrf_of(client))
    assert response.status_code == 200
    assert "Availability" in response.text


@pytest.mark.parametrize(
    ("csrf", "found"),
    [
        (None, "no CSRF token"),
        ("", "no CSRF token"),
        ("x" * 43, "a CSRF token that does not match"),
    ],
)
def test_a_post_without_the_form_s_csrf_token_is_403(csrf: str | None, found: str) -> None:
    """What a cross-site form sends from a browser that leaves out Origin: no token, or one
    it guessed."""
    client = _client()
    csrf_of(client)  # the browser holds the cookie
    response = _post_upload(client, {}, csrf)
    assert response.status_code == 403
    assert error_lines(response.text) == [
        f"error: csrf: found {found}; expected the token of a form this dashboard served "
        "(reload the page and submit again)"
    ]


def test_a_csrf_token_without_its_cookie_is_403() -> None:
    token = csrf_of(_client())
    response = _post_upload(_client(), {}, token)  # another browser: a cookie of its own
    assert response.status_code == 403


@pytest.mark.parametrize("path", ["/upload", "/login"])
def test_every_post_form_carries_the_csrf_token(path: str) -> None:
    client = TestClient(create_app(load_portfolio(EXAMPLE), token="t0ken"), base_url=LOOPBACK_URL)
    page = client.get(path).text
    forms = re.findall(r"<form[^>]*method=\"post\".*?</form>", page, re.S)
    assert forms
    for form in forms:
        found = re.search(r'name="csrf" value="([A-Za-z0-9_-]{43})"', form)
        assert found is not None
        assert client.cookies.get(CSRF_COOKIE) == found.group(1)


# --- headers ---------------------------------------------------------------------------------

PAGES = ["/", "/charts", "/upload", "/agreements/southtrust-abl", "/?as_of=2003-13-01"]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_carries_the_security_headers_and_no_store(path: str) -> None:
    headers = example_client().get(path).headers
    policy = headers["content-security-policy"]
    assert "frame-ancestors 'none'" in policy
    assert "script-src 'self'" in policy  # no inline script, nothing from another host
    assert "default-src 'self'" in policy
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "same-origin"  # nothing sent to another site
    assert headers["cache-control"] == "no-store"  # the pages carry the portfolio's figures


def test_a_refused_host_carries_the_headers_too() -> None:
    response = _client(base_url="http://attacker.example").get("/")
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]


def test_static_files_may_be_cached_but_not_sniffed() -> None:
    for path in ("/static/pactum.js", "/static/plotly.min.js"):
        headers = example_client().get(path).headers
        assert headers["x-content-type-options"] == "nosniff"
        assert headers.get("cache-control") != "no-store"


# --- far dates --------------------------------------------------------------------------------


@pytest.mark.parametrize("far", ["9999-12-31", "0001-01-01", "2200-01-01", "1899-12-31"])
@pytest.mark.parametrize("path", ["/", "/charts", "/agreements/windham-lease", "/upload"])
def test_a_far_date_is_one_line_and_400(path: str, far: str) -> None:
    """9999-12-31 was a 500 (OverflowError: the deadlines run past the last date)."""
    response = example_client().get(path, params={"as_of": far})
    assert response.status_code == 400
    assert error_lines(response.text) == [
        f"error: as_of: found '{far}'; expected a date from 1900-01-01 to 2199-12-31"
    ]


@pytest.mark.parametrize("edge", ["1900-01-01", "2199-12-31"])
def test_the_first_and_last_dates_are_answered(edge: str) -> None:
    response = example_client().get("/", params={"as_of": edge})
    assert response.status_code == 200
    assert f"as of {edge}" in response.text


def test_an_overflow_past_the_last_date_is_400_not_500(monkeypatch: pytest.MonkeyPatch) -> None:
    """A term that runs years past an allowed as-of date still overflows: the same kind of
    line, not a traceback."""
    board = example_client().app.state.dashboard  # type: ignore[attr-defined]

    def overflow(as_of: object) -> None:
        raise OverflowError("date value out of range")

    monkeypatch.setattr(board, "findings", overflow)
    response = example_client().get("/", params={"as_of": "2150-06-30"})
    assert response.status_code == 400
    assert error_lines(response.text) == [
        "error: as_of: found '2150-06-30'; expected a date whose deadlines fall before 9999"
    ]


# --- the upload limit, streamed ---------------------------------------------------------------

BOUNDARY = "pactum-test-boundary"


def _part_head(name: str, filename: str | None = None) -> bytes:
    disposition = f'form-data; name="{name}"' + (f'; filename="{filename}"' if filename else "")
    kind = "Content-Type: text/csv\r\n" if filename else ""
    return f"--{BOUNDARY}\r\nContent-Disposition: {disposition}\r\n{kind}\r\n".encode()


def _multipart_parts(csrf: str, aging: bytes) -> tuple[bytes, bytes, bytes]:
    """The upload form as a browser sends it: what precedes the aging, the aging, what
    follows."""
    fields = b"".join(
        _part_head(name) + value.encode() + b"\r\n"
        for name, value in {**FORM, "csrf": csrf}.items()
    )
    return (
        fields + _part_head("receivables", "aging.csv"),
        aging,
        f"\r\n--{BOUNDARY}--\r\n".encode(),
    )


def _call(
    app: FastAPI, chunks: Iterator[bytes], csrf: str, length: int | None = None
) -> tuple[int, int, bytes]:
    """The app called as uvicorn calls it, the body arriving chunk by chunk: the status, the
    bytes the app read, and the answer's body."""
    headers = [
        (b"host", b"127.0.0.1:8000"),
        (b"content-type", f"multipart/form-data; boundary={BOUNDARY}".encode()),
        (b"cookie", f"{CSRF_COOKIE}={csrf}".encode()),
    ]
    if length is not None:
        headers.append((b"content-length", str(length).encode()))
    scope: dict[str, Any] = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/upload",
        "raw_path": b"/upload",
        "query_string": b"",
        "root_path": "",
        "headers": headers,
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 8000),
        "state": {},
    }
    read = 0
    answer: dict[str, Any] = {"status": 0, "body": b""}

    async def receive() -> dict[str, Any]:
        nonlocal read
        chunk = next(chunks, None)
        if chunk is None:
            return {"type": "http.request", "body": b"", "more_body": False}
        read += len(chunk)
        return {"type": "http.request", "body": chunk, "more_body": True}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            answer["status"] = message["status"]
        elif message["type"] == "http.response.body":
            answer["body"] += message.get("body", b"")

    # in a thread of its own: a session's Playwright (tests/browser) keeps an event loop
    # running in this one
    failed: list[BaseException] = []

    def run() -> None:
        try:
            asyncio.run(app(scope, receive, send))  # type: ignore[arg-type]
        except BaseException as error:  # pragma: no cover - shown by the assertion below
            failed.append(error)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    assert not failed, failed
    return answer["status"], read, answer["body"]


def _streamed(
    head: bytes, filler_bytes: int, tail: bytes, chunk: int = 64 * 1024
) -> Iterator[bytes]:
    """`head`, then a CSV body of `filler_bytes` made on the fly (never held whole), `tail`."""
    yield head
    row = b"I1,ACME,2003-12-01,2003-12-31,1.00\n"
    block = row * (chunk // len(row))
    sent = 0
    while sent < filler_bytes:
        piece = block[: filler_bytes - sent]
        sent += len(piece)
        yield piece
    yield tail


def test_an_upload_over_the_limit_is_413_and_memory_stays_bounded() -> None:
    """A 50 MB aging against a 2 MB limit, sent without Content-Length: reading stops at the
    limit, the answer is 413 with its line, and the process holds well under the upload."""
    app = create_app(load_portfolio(EXAMPLE), guard=Guard(max_upload_bytes=2 * MB))
    csrf = "c" * 43
    head, _, tail = _multipart_parts(csrf, b"")
    tracemalloc.start()
    try:
        status, read, body = _call(app, _streamed(head, 50 * MB, tail), csrf)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert status == 413
    assert read <= 2 * MB + 64 * 1024  # one chunk past the limit at most
    assert peak < 8 * MB
    assert "error: upload: found a request of more than 2,097,152 bytes; expected at most " in (
        body.decode()
    )


def test_a_declared_length_over_the_limit_is_413_before_reading() -> None:
    app = create_app(load_portfolio(EXAMPLE), guard=Guard(max_upload_bytes=MB))
    csrf = "c" * 43
    head, _, tail = _multipart_parts(csrf, b"")
    status, read, body = _call(app, _streamed(head, 10 * MB, tail), csrf, length=10 * MB + 500)
    assert (status, read) == (413, 0)
    # the one-line page, not Starlette's plain "Content Too Large"
    assert error_lines(body.decode()) == [
        "error: upload: found a request of more than 1,048,576 bytes; expected at most "
        "1,048,576 bytes (pactum serve --max-upload-mb)"
    ]


def test_a_body_too_large_is_the_page_with_its_headers() -> None:
    """Through the test client: a 5,000-byte form against a 1,000-byte limit."""
    client = _client(Guard(max_upload_bytes=1000))
    response = client.post(
        "/upload",
        content=b"a" * 5000,
        headers={"content-type": "application/x-www-form-urlencoded", "x-csrf-token": "c" * 43},
    )
    assert response.status_code == 413
    assert response.headers["content-type"].startswith("text/html")
    assert response.headers["x-content-type-options"] == "nosniff"
    assert error_lines(response.text) == [
        "error: upload: found a request of more than 1,000 bytes; expected at most 1,000 bytes "
        "(pactum serve --max-upload-mb)"
    ]


@pytest.mark.parametrize(
    ("content_type", "body", "line"),
    [
        (
            "multipart/form-data; boundary=xyz",
            b"--xyz\r\nnonsense",  # a boundary and nothing that parses as a part
            "error: agreement: found nothing; expected a value (the form's field is required)",
        ),
        (
            "multipart/form-data",
            b"garbage",
            "error: request: found POST '/upload'; expected one this dashboard answers "
            "(Missing boundary in multipart.)",
        ),
    ],
    ids=["no parts", "no boundary"],
)
def test_a_malformed_multipart_is_one_line_and_400(
    content_type: str, body: bytes, line: str
) -> None:
    client = _client()
    csrf = csrf_of(client)
    response = client.post(
        "/upload", content=body, headers={"content-type": content_type, "x-csrf-token": csrf}
    )
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("text/html")
    assert error_lines(response.text) == [line]


@pytest.mark.parametrize(("spare", "status"), [(0, 200), (-1, 413)])
def test_an_upload_of_exactly_the_limit_is_read(spare: int, status: int) -> None:
    """The limit counts the whole request body: a body of exactly the limit is taken, one
    byte more is not."""
    csrf = "c" * 43
    head, aging, tail = _multipart_parts(csrf, AGING_CSV.encode())
    size = len(head) + len(aging) + len(tail)
    app = create_app(load_portfolio(EXAMPLE), guard=Guard(max_upload_bytes=size + spare))
    found, _, body = _call(app, iter([head, aging, tail]), csrf, length=size)
    assert found == status, body.decode()[:300]


def test_the_upload_limit_defaults_to_100_mb() -> None:
    assert Guard().max_upload_bytes == 100 * MB


# --- results on disk, bounded -----------------------------------------------------------------


def test_runs_are_kept_on_disk_up_to_the_bound() -> None:
    client = TestClient(
        create_app(load_portfolio(EXAMPLE), guard=Guard(kept_results=2)), base_url=LOOPBACK_URL
    )
    board = client.app.state.dashboard  # type: ignore[attr-defined]
    runs = []
    for _ in range(3):
        page = _post_upload(client, {}, csrf_of(client)).text
        runs.append(re.findall(r'href="/upload/([^/"]+)/certificates.json"', page)[0])
    root = Path(board.results.root)
    assert sorted(p.name for p in root.iterdir()) == sorted(runs[1:])  # the oldest is gone
    assert (root / runs[2] / "certificates.json").is_file()
    assert client.get(f"/upload/{runs[0]}/certificates.json").status_code == 404
    kept = client.get(f"/upload/{runs[2]}/certificates.json")
    assert kept.status_code == 200
    assert kept.json()["borrowers"][0]["availability"] == "10225833.17"  # see test_web_upload
    assert kept.headers["cache-control"] == "no-store"
    board.results.close()
    assert not root.exists()


# --- the real server: the access log and slow clients -----------------------------------------

TOKEN = "s3cret-Token_1"


class _Lines(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[str, int, _Lines]]:
    """The example's dashboard with a token, run by uvicorn with `pactum serve`'s settings on
    a free loopback port, its access log captured; the header and body timeouts shortened."""
    saved = (server.HEADER_TIMEOUT, server.BODY_IDLE_TIMEOUT)
    server.HEADER_TIMEOUT, server.BODY_IDLE_TIMEOUT = 0.5, 0.5
    app = create_app(load_portfolio(EXAMPLE), token=TOKEN)
    config = server.server_config(app, "127.0.0.1", 0)
    server.redact_access_log()
    lines = _Lines()
    logging.getLogger("uvicorn.access").addHandler(lines)
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not running.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the dashboard did not start"
        time.sleep(0.02)
    port = running.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}", port, lines
    finally:
        running.should_exit = True
        thread.join(timeout=10)
        logging.getLogger("uvicorn.access").removeHandler(lines)
        server.HEADER_TIMEOUT, server.BODY_IDLE_TIMEOUT = saved


def test_the_token_never_reaches_the_access_log(served: tuple[str, int, _Lines]) -> None:
    url, _, lines = served
    with httpx.Client(base_url=url) as client:
        assert client.get("/", params={"token": TOKEN}).status_code == 400
        assert client.get(f"/charts?as_of=2003-06-30&token={TOKEN}").status_code == 400
        assert client.get("/", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200
        csrf = csrf_token(client, "/login")
        login = client.post("/login", data={"token": TOKEN, "next": "/", "csrf": csrf})
        assert login.status_code == 303
        assert client.get("/").status_code == 200  # the cookie carries it
    logged = [line for line in lines.lines if "HTTP/1.1" in line]
    assert len(logged) >= 6
    assert any("token=[redacted]" in line for line in logged)
    assert not [line for line in logged if TOKEN in line]


def csrf_token(client: httpx.Client, path: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', client.get(path).text)
    assert found is not None
    return found.group(1)


def _closed_within(sock: socket.socket, seconds: float) -> bool:
    """Whether the server closes the connection (without an answer) within `seconds`."""
    sock.settimeout(seconds)
    try:
        return sock.recv(1024) == b""
    except TimeoutError:
        return False


def test_a_client_slow_with_its_headers_is_dropped(served: tuple[str, int, _Lines]) -> None:
    _, port, _ = served
    with socket.create_connection(("127.0.0.1", port)) as sock:
        sock.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # and never the blank line
        assert _closed_within(sock, 5)


def test_a_client_that_stops_sending_its_body_is_dropped(served: tuple[str, int, _Lines]) -> None:
    _, port, _ = served
    with socket.create_connection(("127.0.0.1", port)) as sock:
        sock.sendall(
            b"POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000\r\n"
            b"Content-Type: application/x-www-form-urlencoded\r\n\r\ntoken=abc"
        )
        assert _closed_within(sock, 5)


def test_a_prompt_client_is_answered(served: tuple[str, int, _Lines]) -> None:
    _, port, _ = served
    with socket.create_connection(("127.0.0.1", port)) as sock:
        sock.sendall(b"GET /login HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        sock.settimeout(5)
        assert sock.recv(1024).startswith(b"HTTP/1.1 200")


def test_an_unknown_page_is_one_line_and_404() -> None:
    response = example_client().get("/nope")
    assert response.status_code == 404
    assert error_lines(response.text) == [
        "error: page: found '/nope'; expected /, /agreements/ID, /charts or /upload"
    ]
    assert response.headers["cache-control"] == "no-store"
