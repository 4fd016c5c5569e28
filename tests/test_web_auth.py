"""The token gate and `pactum serve`'s token rule: loopback needs no token; any other address
needs one (--token, else $PACTUM_TOKEN, else generated and printed), asked for by every page."""

from __future__ import annotations

from functools import cache
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from conftest import EXAMPLE
from pactum.cli import app as cli
from pactum.portfolio import load_portfolio
from pactum.web import auth
from pactum.web.app import create_app
from pactum.web.auth import feed_key
from pactum.web.server import address, choose_token, is_loopback
from web_support import LOOPBACK_URL, csrf_of, error_lines, example_client

TOKEN = "s3cret-Token_1"


@cache
def _gated_app() -> Any:
    return create_app(load_portfolio(EXAMPLE), token=TOKEN)


def gated() -> TestClient:
    """A fresh client (no cookie) of the example's dashboard as served off loopback."""
    return TestClient(_gated_app(), base_url=LOOPBACK_URL, follow_redirects=False)


@pytest.mark.parametrize("path", ["/", "/agreements/southtrust-abl", "/charts", "/upload"])
def test_every_page_asks_for_the_token(path: str) -> None:
    response = gated().get(path)
    assert response.status_code == 401
    assert 'name="token"' in response.text
    assert f'name="next" value="{path}"' in response.text
    assert "Innotrac" not in response.text  # nothing of the portfolio is shown


def test_the_scripts_need_the_token_but_the_form_s_style_does_not() -> None:
    assert gated().get("/static/plotly.min.js").status_code == 401
    assert gated().get("/static/pactum.js").status_code == 401
    assert gated().get("/static/pactum.css").status_code == 200


URL_TOKEN_LINE = (
    "error: token: found a token in the URL; expected it in the login form or an "
    "'Authorization: Bearer' header (a URL is kept in history and logs)"
)


@pytest.mark.parametrize("given", [TOKEN, "wrong"])
def test_a_token_in_the_url_is_refused_with_its_line(given: str) -> None:
    """A URL is kept in history, Referer headers and access logs: the right token there opens
    nothing and sets no cookie (the old gate took `?token=` and set the cookie)."""
    client = gated()
    response = client.get("/charts", params={"token": given})
    assert response.status_code == 400
    assert error_lines(response.text) == [URL_TOKEN_LINE]
    assert "Innotrac" not in response.text
    assert auth.COOKIE not in client.cookies
    # on loopback too, where no token is asked for
    assert example_client().get("/", params={"token": given}).status_code == 400


def test_the_token_in_an_authorization_header_opens_the_page() -> None:
    client = gated()
    assert client.get("/", headers={"Authorization": f"Bearer {TOKEN}x"}).status_code == 401
    response = client.get("/", headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 200
    assert "Innotrac Corporation" in response.text


def test_the_form_sets_the_cookie_and_returns_to_the_page() -> None:
    client = gated()
    target = "/charts?as_of=2003-06-30"
    wrong = client.post(
        "/login", data={"token": TOKEN + "x", "next": target, "csrf": csrf_of(client, "/login")}
    )
    assert wrong.status_code == 401
    assert error_lines(wrong.text) == [
        "error: token: found a token that does not match; expected the token this server was "
        "started with"
    ]
    right = client.post(
        "/login", data={"token": TOKEN, "next": target, "csrf": csrf_of(client, "/login")}
    )
    assert right.status_code == 303
    assert right.headers["location"] == "/charts?as_of=2003-06-30"
    assert "httponly" in right.headers["set-cookie"].lower()
    assert client.get("/charts?as_of=2003-06-30").status_code == 200


@pytest.mark.parametrize("target", ["//evil.example/", "https://evil.example/", "charts"])
def test_the_form_only_returns_to_local_paths(target: str) -> None:
    client = gated()
    response = client.post(
        "/login", data={"token": TOKEN, "next": target, "csrf": csrf_of(client, "/login")}
    )
    assert response.headers["location"] == "/"


def test_a_wrong_cookie_is_refused() -> None:
    client = gated()
    client.cookies.set(auth.COOKIE, TOKEN[:-1])
    assert client.get("/").status_code == 401


def test_loopback_needs_no_token() -> None:
    client = example_client()
    assert client.get("/").status_code == 200
    response = client.get("/login", params={"next": "/charts"}, follow_redirects=False)
    assert (response.status_code, response.headers["location"]) == (303, "/charts")


def test_matches() -> None:
    assert auth.matches(TOKEN, TOKEN)
    assert not auth.matches(None, TOKEN)
    assert not auth.matches("", TOKEN)
    assert not auth.matches(TOKEN + " ", TOKEN)


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.8.9.10", True),
        ("::1", True),
        ("[::1]", True),
        ("localhost", True),
        ("0.0.0.0", False),
        ("::", False),
        ("192.168.1.20", False),
        ("dashboard.example", False),
    ],
)
def test_is_loopback(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_token_rule() -> None:
    assert choose_token("127.0.0.1", None, "from-env") == (None, False)
    assert choose_token("127.0.0.1", "given", None) == ("given", False)
    assert choose_token("0.0.0.0", "given", "from-env") == ("given", False)
    assert choose_token("0.0.0.0", None, "from-env") == ("from-env", False)
    token, generated = choose_token("0.0.0.0", None, None)
    assert generated and token is not None and len(token) >= 32
    assert choose_token("0.0.0.0", None, None)[0] != token


def test_address() -> None:
    assert address("127.0.0.1", 8000) == "http://127.0.0.1:8000/"
    assert address("::1", 8080) == "http://[::1]:8080/"


def _serve(monkeypatch: pytest.MonkeyPatch, *options: str, env: str | None = None) -> Any:
    """Run `pactum serve` with uvicorn's server not started; return its settings and what was
    printed."""
    import uvicorn

    started: dict[str, Any] = {}

    def run(server: uvicorn.Server) -> None:
        config = server.config
        started.update(app=config.app, host=config.host, port=config.port, config=config)

    monkeypatch.setattr(uvicorn.Server, "run", run)
    if env is None:
        monkeypatch.delenv("PACTUM_TOKEN", raising=False)
    else:
        monkeypatch.setenv("PACTUM_TOKEN", env)
    result = CliRunner().invoke(cli, ["serve", str(EXAMPLE), *options])
    assert result.exit_code == 0, result.output
    return started, result.output


def test_serve_on_loopback(monkeypatch: pytest.MonkeyPatch) -> None:
    started, output = _serve(monkeypatch, "--port", "8123")
    assert (started["host"], started["port"]) == ("127.0.0.1", 8123)
    assert started["app"].state.token is None
    assert "http://127.0.0.1:8123/" in output and "token" not in output.lower()


def test_serve_off_loopback_generates_and_prints_a_token(monkeypatch: pytest.MonkeyPatch) -> None:
    started, output = _serve(monkeypatch, "--host", "0.0.0.0")
    token = started["app"].state.token
    assert token
    assert "http://0.0.0.0:8000/\n" in output  # the address without the token in it
    assert f"Token (generated for this non-loopback address; pages ask for it): {token}" in output
    assert f"token={token}" not in output
    # the calendar feed's URL, with its key (not the token) for a calendar application
    feed = f"webcal://0.0.0.0:8000/calendar.ics?key={feed_key(token)}"
    assert f"Calendar feed (its key opens it, nothing else): {feed}" in " ".join(output.split())


def test_serve_off_loopback_takes_the_environment_s_token(monkeypatch: pytest.MonkeyPatch) -> None:
    started, _ = _serve(monkeypatch, "--host", "0.0.0.0", env="from-env")
    assert started["app"].state.token == "from-env"


def test_serve_takes_allowed_hosts_and_the_upload_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    started, output = _serve(
        monkeypatch, "--allow-host", "Dash.Example", "--allow-host", "::2", "--max-upload-mb", "5"
    )
    guard = started["app"].state.guard
    assert guard.allowed_hosts == ("127.0.0.1", "localhost", "[::1]", "dash.example", "[::2]")
    assert guard.max_upload_bytes == 5 * 1024 * 1024
    assert "Answers Host: 127.0.0.1, localhost, [::1], dash.example, [::2]" in output


def test_serve_s_uvicorn_settings_for_slow_clients(monkeypatch: pytest.MonkeyPatch) -> None:
    from uvicorn.protocols.http.h11_impl import H11Protocol

    started, _ = _serve(monkeypatch)
    config = started["config"]
    assert config.timeout_keep_alive == 5
    assert config.h11_max_incomplete_event_size == 16 * 1024
    assert config.limit_concurrency == 64
    assert issubclass(config.http, H11Protocol)  # with the header and body timers
    assert started["app"].state.guard.max_upload_bytes == 100 * 1024 * 1024
