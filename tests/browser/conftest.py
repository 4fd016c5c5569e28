"""The dashboard served by uvicorn on a free loopback port in a background thread, and
Debian's Chromium (/usr/bin/chromium) driven by Playwright. No browser is ever downloaded:
`make setup` installs Debian's package (scripts/ensure-chromium.sh)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from fastapi import FastAPI
from playwright.sync_api import BrowserContext, Page, sync_playwright

from conftest import EXAMPLE
from pactum.portfolio import load_portfolio
from pactum.web.app import create_app

CHROMIUM = Path("/usr/bin/chromium")
# flags that work on this machine (no network but loopback, running as root)
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "out" / "screenshots"

pytestmark = pytest.mark.browser


def serve_in_thread(app: FastAPI) -> Iterator[str]:
    """Run `app` with uvicorn on a free loopback port until the caller is done; yields its
    base URL."""
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the dashboard did not start")
        time.sleep(0.02)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def base_url() -> Iterator[str]:
    yield from serve_in_thread(create_app(load_portfolio(EXAMPLE)))


@pytest.fixture(scope="session")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BrowserContext]:
    """Chromium with a fresh, empty profile (Playwright takes the user-data-dir as the
    persistent context's folder, not as a flag)."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run `sh scripts/ensure-chromium.sh` (make setup does)")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            tmp_path_factory.mktemp("chromium-profile"),
            executable_path=CHROMIUM,
            args=CHROMIUM_FLAGS,
            viewport={"width": 1400, "height": 1000},
            accept_downloads=True,
        )
        yield context
        context.close()


@pytest.fixture
def page(browser: BrowserContext) -> Iterator[Page]:
    """A new tab with no cookies (a token given in an earlier test is forgotten)."""
    browser.clear_cookies()
    opened = browser.new_page()
    yield opened
    opened.close()
