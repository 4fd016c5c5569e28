"""`pactum serve`: which token the address needs, which `Host` names it answers, and uvicorn
running the dashboard with timeouts for slow clients and an access log without tokens.

Loopback (127.0.0.0/8, ::1, localhost) needs no token, though one given with --token is still
asked for. Any other address needs one: --token, else $PACTUM_TOKEN, else a new random token
printed (never in the address: a URL is kept in history and logs).

Slow clients: uvicorn (0.54) drops an idle keep-alive connection after `timeout_keep_alive`
(5 s), bounds a request's headers with `h11_max_incomplete_event_size` (16 KiB) and answers 503
past `limit_concurrency`; it has no timeout for a client that connects and sends its headers
slowly, or stops sending its body, so `SlowClientTimeouts` (its h11 protocol with two timers)
closes such a connection: headers must be complete within HEADER_TIMEOUT seconds of the
connection (or of the previous response), and a body may pause at most BODY_IDLE_TIMEOUT.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import re
import secrets
import socket
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

import h11

from pactum.portfolio import Book, Portfolio
from pactum.web.security import LOOPBACK_HOSTS, host_name

if TYPE_CHECKING:
    import uvicorn
    from fastapi import FastAPI

HEADER_TIMEOUT = 10.0  # seconds from connecting to the end of the request's headers
BODY_IDLE_TIMEOUT = 30.0  # seconds a request body may pause
KEEP_ALIVE_TIMEOUT = 5  # seconds an idle keep-alive connection stays open
MAX_HEADER_BYTES = 16 * 1024
MAX_CONNECTIONS = 64
WILDCARD_HOSTS = frozenset({"0.0.0.0", "::", "[::]"})


def is_loopback(host: str) -> bool:
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a host name: it may resolve anywhere


def choose_token(host: str, given: str | None, environment: str | None) -> tuple[str | None, bool]:
    """The token the dashboard asks for (None: none) and whether it was generated here."""
    if given:
        return given, False
    if is_loopback(host):
        return None, False
    if environment:
        return environment, False
    return secrets.token_urlsafe(24), True


def address(host: str, port: int) -> str:
    shown = f"[{host}]" if ":" in host and not host.startswith("[") else host
    return f"http://{shown}:{port}/"


def allowed_hosts(bound: str, extra: Iterable[str] = ()) -> tuple[str, ...]:
    """The `Host` names the dashboard answers: the bound address (on loopback, every loopback
    name; on a wildcard address, loopback and this machine's name) and the `--allow-host`
    names (`*` answers any)."""
    names: list[str] = []
    if is_loopback(bound) or bound.strip().lower() in WILDCARD_HOSTS:
        names += LOOPBACK_HOSTS
    if bound.strip().lower() in WILDCARD_HOSTS:
        names += [socket.gethostname().lower(), socket.getfqdn().lower()]
    else:
        names.append(host_name(bound))
    names += [host_name(h) for h in extra]
    return tuple(dict.fromkeys(n for n in names if n))


class RedactTokens(logging.Filter):
    """Blanks a `token=` query value (the gate refuses such a URL, but the log line is written
    for every request) and the calendar feed's `key=` in uvicorn's access log."""

    _TOKEN = re.compile(r"(?i)([?&](?:token|key)=)[^&\s]*")

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(
                self._TOKEN.sub(r"\1[redacted]", a) if isinstance(a, str) else a
                for a in record.args
            )
        return True


def _slow_client_protocol() -> type[asyncio.Protocol]:
    """uvicorn's h11 protocol with a header deadline and a body idle timeout (its own timers
    cover only idle keep-alive connections)."""
    from uvicorn.protocols.http.h11_impl import H11Protocol

    class SlowClientTimeouts(H11Protocol):
        header_timer: asyncio.TimerHandle | None = None
        body_timer: asyncio.TimerHandle | None = None

        def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
            super().connection_made(transport)
            self._start_header_timer()

        def data_received(self, data: bytes) -> None:
            super().data_received(data)
            if self.conn.their_state is not h11.IDLE and self.header_timer is not None:
                self.header_timer.cancel()  # the headers are in
                self.header_timer = None
            if self.body_timer is not None:
                self.body_timer.cancel()
                self.body_timer = None
            if self.conn.their_state is h11.SEND_BODY:
                self.body_timer = self.loop.call_later(BODY_IDLE_TIMEOUT, self._drop)

        def on_response_complete(self) -> None:
            super().on_response_complete()
            self._start_header_timer()  # the next request on this connection

        def connection_lost(self, exc: Exception | None) -> None:
            for timer in (self.header_timer, self.body_timer):
                if timer is not None:
                    timer.cancel()
            super().connection_lost(exc)

        def _start_header_timer(self) -> None:
            if self.header_timer is not None:
                self.header_timer.cancel()
            self.header_timer = self.loop.call_later(HEADER_TIMEOUT, self._headers_late)

        def _headers_late(self) -> None:
            if self.conn.their_state is h11.IDLE:
                self._drop()

        def _drop(self) -> None:
            if not self.transport.is_closing():
                self.transport.close()

    return SlowClientTimeouts


def server_config(app: FastAPI, host: str, port: int) -> uvicorn.Config:
    """uvicorn's settings for the dashboard (see the module's docstring)."""
    import uvicorn

    return uvicorn.Config(
        app,
        host=host,
        port=port,
        log_level="info",
        http=_slow_client_protocol(),
        timeout_keep_alive=KEEP_ALIVE_TIMEOUT,
        h11_max_incomplete_event_size=MAX_HEADER_BYTES,
        limit_concurrency=MAX_CONNECTIONS,
    )


def redact_access_log() -> None:
    """Installed after uvicorn configures its loggers (uvicorn.Config does)."""
    access = logging.getLogger("uvicorn.access")
    if not any(isinstance(f, RedactTokens) for f in access.filters):
        access.addFilter(RedactTokens())


def serve(
    portfolio: Portfolio | Book,
    host: str,
    port: int,
    given: str | None,
    environment: str | None,
    say: Callable[[str], None],
    allow_hosts: Iterable[str] = (),
    max_upload_bytes: int | None = None,
) -> None:
    """Run the dashboard until interrupted."""
    import uvicorn

    from pactum.web.app import create_app
    from pactum.web.security import Guard

    token, generated = choose_token(host, given, environment)
    guard = Guard(allowed_hosts=allowed_hosts(host, allow_hosts))
    if max_upload_bytes is not None:
        guard = Guard(guard.allowed_hosts, max_upload_bytes, guard.kept_results)
    app = create_app(portfolio, token, guard=guard)
    name = portfolio.config.company if isinstance(portfolio, Portfolio) else portfolio.name
    say(f"Pactum dashboard of {name}: {address(host, port)}")
    say(f"Answers Host: {', '.join(guard.allowed_hosts)} (more with --allow-host)")
    if token is not None and generated:
        say(f"Token (generated for this non-loopback address; pages ask for it): {token}")
    elif token is not None:
        say("Pages ask for the token given.")
    if token is not None:
        from pactum.web.auth import FEED_KEY_NAME, FEED_PATH, feed_key

        feed = address(host, port).replace("http://", "webcal://", 1).rstrip("/") + FEED_PATH
        say(
            f"Calendar feed (its key opens it, nothing else): {feed}?{FEED_KEY_NAME}={feed_key(token)}"
        )
    config = server_config(app, host, port)
    redact_access_log()
    uvicorn.Server(config).run()
