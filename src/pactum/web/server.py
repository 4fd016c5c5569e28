"""`pactum serve`: which token the address needs, and uvicorn running the dashboard.

Loopback (127.0.0.0/8, ::1, localhost) needs no token, though one given with --token is still
asked for. Any other address needs one: --token, else $PACTUM_TOKEN, else a new random token
printed with the address to open, as Jupyter does.
"""

from __future__ import annotations

import ipaddress
import secrets
from collections.abc import Callable
from urllib.parse import urlencode

from pactum.portfolio import Portfolio


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


def address(host: str, port: int, token: str | None = None) -> str:
    shown = f"[{host}]" if ":" in host and not host.startswith("[") else host
    query = "?" + urlencode({"token": token}) if token else ""
    return f"http://{shown}:{port}/{query}"


def serve(
    portfolio: Portfolio,
    host: str,
    port: int,
    given: str | None,
    environment: str | None,
    say: Callable[[str], None],
) -> None:
    """Run the dashboard until interrupted."""
    import uvicorn

    from pactum.web.app import create_app

    token, generated = choose_token(host, given, environment)
    app = create_app(portfolio, token)
    if token is None:
        say(f"Pactum dashboard of {portfolio.config.company}: {address(host, port)}")
    else:
        say(f"Pactum dashboard of {portfolio.config.company}: {address(host, port, token)}")
        if generated:
            say("A token was generated for this non-loopback address; pages ask for it.")
    uvicorn.run(app, host=host, port=port, log_level="info")
