"""The dashboard in Debian's Chromium, driven by Playwright: every page loads without a script
error, the charts render, a citation link leads to its highlighted quote, an aging uploads
and its certificate downloads, a malformed aging shows its one line while the server keeps
serving, and the token form guards a dashboard served off loopback. Screenshots of the
overview and an agreement page are saved under out/screenshots/."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from browser.conftest import SCREENSHOTS, serve_in_thread
from conftest import EXAMPLE
from pactum.portfolio import load_portfolio
from pactum.web.app import create_app
from web_support import AGING_CSV, AVAILABILITY, INVENTORY_CSV, MALFORMED_AGING_CSV, MALFORMED_ERROR

pytestmark = pytest.mark.browser

PAGES = [
    "/",
    "/agreements/southtrust-abl",
    "/agreements/windham-lease",
    "/agreements/ipof-standstill",
    "/charts",
    "/upload",
]


def _open(page: Page, url: str) -> list[str]:
    """Go to `url` (until its load event: the charts are drawn by then) and return the script
    errors it raised."""
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    response = page.goto(url)
    assert response is not None and response.status == 200, url
    return errors


@pytest.mark.parametrize("path", PAGES)
def test_each_page_loads(page: Page, base_url: str, path: str) -> None:
    assert _open(page, base_url + path) == []
    expect(page.locator("header.top nav")).to_be_visible()
    expect(page.locator("p.error")).to_have_count(0)


def test_the_charts_render(page: Page, base_url: str) -> None:
    assert _open(page, base_url + "/charts") == []
    plots = page.locator("div.plot")
    expect(plots).to_have_count(7)
    for index in range(plots.count()):
        plot = plots.nth(index)
        # Plotly draws each figure as its own SVG inside the figure's div
        expect(plot.locator("svg.main-svg").first).to_be_visible()
        assert plot.locator("g.trace").count() >= 2, plot.get_attribute("id")
    # the 15% line and the forecast diamond are drawn
    expect(page.locator("#chart-availability-southtrust-abl .legendtext")).to_contain_text(
        ["Availability ($)", "Excess availability (% of line cap)", "15.00% threshold"]
    )
    expect(page.locator("#chart-covenant-southtrust-abl-min_tangible_net_worth")).to_contain_text(
        "Forecast"
    )


def test_a_citation_link_leads_to_its_highlighted_quote(page: Page, base_url: str) -> None:
    _open(page, base_url + "/agreements/southtrust-abl")
    link = page.locator("#term-facility-commitment a.cite-link")
    quote_id = link.get_attribute("data-quote")
    assert quote_id is not None and re.fullmatch(r"q-\d+", quote_id)
    mark = page.locator(f"mark#{quote_id}")
    link.click()
    expect(page).to_have_url(re.compile(f"#{quote_id}$"))
    expect(mark).to_be_in_viewport()
    expect(mark).to_have_class(re.compile(r"\bactive\b"))
    assert page.evaluate("document.querySelector(':target').id") == quote_id
    assert " ".join(mark.inner_text().split()) == (
        "we would continue to provide a $40,000,000 credit facility to Innotrac"
    )
    # the term sheet beside the letter, the quote highlighted
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "agreement-southtrust-abl.png")
    # an assumption is marked with its reason
    assumed = page.locator("#term-facility-reporting-measured-against")
    expect(assumed.locator(".badge.assumed")).to_have_text("assumption")
    expect(assumed.locator(".reason")).to_contain_text("does not say what the 15% is measured")
    # a figure opens its trace
    figure = page.locator("details#value-availability")
    figure.locator("summary").click()
    expect(figure.locator(".trace .formula")).to_contain_text(
        "line_cap - revolver_outstanding - letters_of_credit - reserves"
    )


def test_overview_screenshot(page: Page, base_url: str) -> None:
    _open(page, base_url + "/")
    expect(page.locator("#agreement-southtrust-abl .status")).to_have_text("watch")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "overview.png", full_page=True)


def test_the_as_of_picker_is_carried_across_pages(page: Page, base_url: str) -> None:
    _open(page, base_url + "/")
    page.locator("form.as-of input[name=as_of]").fill("2005-03-31")
    page.locator("form.as-of button").click()
    expect(page).to_have_url(re.compile(r"/\?as_of=2005-03-31$"))
    expect(page.locator("#agreement-ipof-standstill .status")).to_have_text("breach")
    page.locator("header nav a", has_text="Charts").click()
    expect(page).to_have_url(re.compile(r"/charts\?as_of=2005-03-31$"))


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_upload_an_aging_and_download_the_certificate(
    page: Page, base_url: str, tmp_path: Path
) -> None:
    _open(page, base_url + "/upload")
    page.locator("select[name=agreement]").select_option("southtrust-abl")
    page.locator("form.upload input[name=as_of]").fill("2003-12-31")
    page.set_input_files("input[name=receivables]", _write(tmp_path, "aging.csv", AGING_CSV))
    page.set_input_files("input[name=inventory]", _write(tmp_path, "stock.csv", INVENTORY_CSV))
    page.locator("form.upload button").click()
    certificate = page.locator("section.certificate")
    expect(certificate).to_contain_text(re.compile(r"Eligible receivables\s*\$30,050,000\.00"))
    expect(certificate.locator("tr.total").last).to_have_text(
        re.compile(r"Availability\s*\$2,892,500\.00")
    )
    with page.expect_download() as download_info:
        page.locator("a", has_text="certificates.json").click()
    download = download_info.value
    assert download.suggested_filename == "certificates.json"
    saved = tmp_path / "certificates.json"
    download.save_as(saved)
    (borrower,) = json.loads(saved.read_text())["borrowers"]
    assert borrower["receivables"]["eligible"] == "30050000.00"
    assert borrower["availability"] == AVAILABILITY


def test_a_malformed_aging_shows_its_line_and_the_server_keeps_serving(
    page: Page, base_url: str, tmp_path: Path
) -> None:
    _open(page, base_url + "/upload")
    page.set_input_files(
        "input[name=receivables]", _write(tmp_path, "aging.csv", MALFORMED_AGING_CSV)
    )
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.locator("form.upload button").click()
    assert posted.value.status == 400
    expect(page.locator("p.error")).to_have_count(1)
    expect(page.locator("p.error")).to_have_text(MALFORMED_ERROR)
    assert _open(page, base_url + "/") == []
    expect(page.locator("h1")).to_contain_text("Innotrac Corporation")


@pytest.fixture(scope="module")
def gated_url() -> Iterator[str]:
    """The dashboard as `pactum serve --host 0.0.0.0` makes it (with a token), served here on
    loopback: the gate is the app's, whatever the address."""
    yield from serve_in_thread(create_app(load_portfolio(EXAMPLE), token="tok-123"))


def test_the_token_page(page: Page, gated_url: str) -> None:
    response = page.goto(gated_url + "/charts")
    assert response is not None and response.status == 401
    expect(page.locator("h1")).to_have_text("Pactum")
    page.locator("input[name=token]").fill("wrong")
    page.locator("button", has_text="Open").click()
    expect(page.locator("p.error")).to_contain_text("does not match")
    page.locator("input[name=token]").fill("tok-123")
    page.locator("button", has_text="Open").click()
    expect(page).to_have_url(gated_url + "/charts")
    expect(page.locator("svg.main-svg").first).to_be_visible()
