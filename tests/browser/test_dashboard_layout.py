"""The dashboard on a desktop (1440 x 900) and a phone (390 x 844): no page is wider than the
screen, the overview's status is on screen, the term sheet and the contract stack on a phone,
and the charts' toolbar does not cover their titles. Screenshots of each page at each size are
saved under out/screenshots/ (git-ignored)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from browser.conftest import SCREENSHOTS

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
