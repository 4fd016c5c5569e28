"""What the browser loads besides the pages: Plotly's bundle compressed, a favicon, a print
style sheet, and a layout for a phone (the browser tests measure it at 390 x 844)."""

from __future__ import annotations

import gzip
import re

from web_support import example_client


def test_plotly_is_served_compressed() -> None:
    from pactum.web.plotly_js import plotly_js_path

    size = plotly_js_path().stat().st_size
    with example_client().stream(
        "GET", "/static/plotly.min.js", headers={"Accept-Encoding": "gzip"}
    ) as response:
        assert response.status_code == 200
        assert response.headers["content-encoding"] == "gzip"
        sent = b"".join(response.iter_raw())
    assert len(gzip.decompress(sent)) == size  # the whole bundle
    assert len(sent) < size / 2


def test_the_style_sheet_is_compressed_and_pages_are_not() -> None:
    client = example_client()
    css = client.get("/static/pactum.css", headers={"Accept-Encoding": "gzip"})
    assert css.headers["content-encoding"] == "gzip"
    page = client.get("/", headers={"Accept-Encoding": "gzip"})
    assert "content-encoding" not in page.headers  # it carries the CSRF token (BREACH)


def test_every_page_links_a_favicon_and_it_is_served() -> None:
    client = example_client()
    page = client.get("/").text
    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in page
    for path in ("/static/favicon.svg", "/favicon.ico"):
        icon = client.get(path)
        assert icon.status_code == 200
        assert icon.headers["content-type"].startswith("image/svg+xml")
        assert icon.text.startswith("<svg")


def test_pages_have_a_print_style_sheet_that_hides_the_controls() -> None:
    client = example_client()
    page = client.get("/agreements/windham-lease").text
    assert '<link rel="stylesheet" href="/static/print.css" media="print">' in page
    css = client.get("/static/print.css").text
    hidden = re.search(r"^header\.top, ([^{]*)\{ display: none", css, re.M)
    assert hidden is not None and "form.as-of" in hidden.group(1)
    assert ".pane, .table-scroll { max-height: none !important; overflow: visible" in css


def test_the_style_sheet_has_a_phone_layout() -> None:
    css = example_client().get("/static/pactum.css").text
    phone = css[css.index("@media (max-width: 720px)") :]
    assert ".side-by-side { grid-template-columns: minmax(0, 1fr); }" in phone


def test_the_overview_puts_the_status_beside_the_agreement() -> None:
    page = example_client().get("/").text
    head = re.search(r'<table class="agreements">\s*<thead><tr>(.*?)</tr>', page, re.S)
    assert head is not None
    assert re.findall(r"<th[^>]*>(.*?)</th>", head.group(1))[:2] == ["agreement", "status"]
