"""The dashboard on a desktop (1440 x 900) and a phone (390 x 844): no page is wider than the
screen, the overview's status is on screen, the term sheet and the contract stack on a phone,
and the charts' toolbar does not cover their titles. Screenshots of each page at each size are
saved under out/screenshots/ (git-ignored), and so are the upload result at each size and the
pages of the Borrowing Base Certificate's PDF as Chromium's viewer shows them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from browser.conftest import SCREENSHOTS
from report_support import pdf_pages
from web_support import AGING_CSV, INVENTORY_CSV

pytestmark = pytest.mark.browser

SIZES = {"desktop": (1440, 900), "phone": (390, 844)}
PAGES = {
    "overview": "/",
    "agreement-southtrust": "/agreements/southtrust-abl",
    "agreement-windham": "/agreements/windham-lease",
    "agreement-ipof": "/agreements/ipof-standstill",
    "charts": "/charts",
    "upload": "/upload",
}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("name", PAGES)
def test_no_page_overflows_the_screen(page: Page, base_url: str, name: str, size: str) -> None:
    width, height = SIZES[size]
    page.set_viewport_size({"width": width, "height": height})
    response = page.goto(base_url + PAGES[name])
    assert response is not None and response.status == 200
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width, f"{name} at {size}: {scroll_width} px wide"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}-{size}.png", full_page=True)


def test_on_a_phone_the_overview_status_is_on_screen(page: Page, base_url: str) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(base_url + "/")
    box = page.locator("#agreement-southtrust-abl span.status").bounding_box()
    assert box is not None and box["x"] + box["width"] <= 390


def test_on_a_phone_the_term_sheet_is_above_the_contract(page: Page, base_url: str) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(base_url + "/agreements/windham-lease")
    terms = page.locator(".pane.terms").bounding_box()
    contract = page.locator(".pane.document").bounding_box()
    assert terms is not None and contract is not None
    assert contract["y"] >= terms["y"] + terms["height"]  # stacked, each the full width
    assert terms["width"] <= 390 and contract["width"] <= 390


@pytest.mark.parametrize("size", SIZES)
def test_the_chart_toolbar_does_not_cover_the_titles(page: Page, base_url: str, size: str) -> None:
    width, height = SIZES[size]
    page.set_viewport_size({"width": width, "height": height})
    page.goto(base_url + "/charts")
    figures = page.locator("figure.chart")
    for index in range(figures.count()):
        chart = figures.nth(index)
        chart.hover()  # Plotly shows its toolbar on hover
        caption = chart.locator("figcaption").bounding_box()
        toolbar = chart.locator(".modebar").bounding_box()
        assert caption is not None
        if toolbar is not None:
            assert toolbar["y"] >= caption["y"] + caption["height"] - 1


@pytest.mark.parametrize("size", SIZES)
def test_the_upload_result_fits_the_screen(
    page: Page, base_url: str, size: str, tmp_path: Path
) -> None:
    """An aging and a stock listing uploaded for 2003-12-31: the certificate shown in the page,
    no wider than the screen, saved as upload-result-<size>.png."""
    width, height = SIZES[size]
    page.set_viewport_size({"width": width, "height": height})
    page.goto(base_url + "/upload")
    page.locator("select[name=agreement]").select_option("southtrust-abl")
    page.locator("form.upload input[name=as_of]").fill("2003-12-31")
    aging, stock = tmp_path / "aging.csv", tmp_path / "stock.csv"
    aging.write_text(AGING_CSV, encoding="utf-8")
    stock.write_text(INVENTORY_CSV, encoding="utf-8")
    page.set_input_files("input[name=receivables]", aging)
    page.set_input_files("input[name=inventory]", stock)
    page.locator("form.upload button").click()
    # web_support's figures: eligible receivables 30,050,000.00, availability 2,892,500.00
    expect(page.locator("section.certificate tr.total").last).to_have_text(
        re.compile(r"Availability\s*\$2,892,500\.00")
    )
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width, f"upload result at {size}: {scroll_width} px wide"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"upload-result-{size}.png", full_page=True)


def test_the_borrowing_base_certificate_pdf_pages(
    page: Page, base_url: str, tmp_path: Path
) -> None:
    """The certificate of 2003-11-30 (the example's detail date: roll-forwards, aging, debtors)
    downloaded from the agreement page and opened in Chromium's PDF viewer, each page saved as
    bbc-pdf-page-<n>.png."""
    page.goto(base_url + "/agreements/southtrust-abl?as_of=2003-11-30")
    name = "borrowing-base-certificate-southtrust-abl-2003-11-30.pdf"
    with page.expect_download() as download_info:
        page.locator(f'a[href^="/agreements/southtrust-abl/documents/{name}"]').click()
    download = download_info.value
    assert download.suggested_filename == name
    saved = tmp_path / name
    download.save_as(saved)
    content = saved.read_bytes()
    assert content.startswith(b"%PDF-")
    pages = pdf_pages(content)
    assert pages >= 2  # the certificate, then the traces
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for number in range(1, pages + 1):
        viewer = page.context.new_page()
        viewer.set_viewport_size({"width": 900, "height": 1200})
        viewer.goto(f"{saved.as_uri()}#page={number}")
        shot = SCREENSHOTS / f"bbc-pdf-page-{number}.png"
        # the viewer draws the page after the load event, later on a loaded machine: wait
        # until the screenshot is of a drawn page, not of a blank viewer
        for _ in range(20):
            viewer.wait_for_timeout(1000)
            viewer.screenshot(path=shot)
            if shot.stat().st_size > 60_000:
                break
        viewer.close()
        assert shot.stat().st_size > 60_000, shot
