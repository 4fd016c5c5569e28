"""An agreement page hands its documents over: each document its clauses give, as HTML, XLSX
and PDF for the chosen date, and its calendar as an .ics file and as a subscription to the
`/calendar.ics` feed kept to the agreement (webcal, with the feed's key beyond loopback); it shows the month-by-month rent
table the lease's rent roll declares, and the notices recorded for the agreement. Figures are
worked out by hand from the Windham lease and the IPOF standstill."""

from __future__ import annotations

import html
import io
import re

import pytest
from fastapi.testclient import TestClient

from conftest import EXAMPLE
from pactum.portfolio import load_portfolio
from pactum.web.app import create_app
from pactum.web.auth import feed_key
from web_support import LOOPBACK_URL, error_lines, example_client, text_of

TOKEN = "agreement-Token_17"

DOCUMENTS = {
    "southtrust-abl": (
        "borrowing-base-certificate-southtrust-abl",
        "compliance-certificate-southtrust-abl",
    ),
    "windham-lease": ("rent-roll-windham-lease",),
    "ipof-standstill": ("ownership-and-voting-ipof-standstill",),
}


def _links(page: str) -> list[str]:
    return re.findall(r'href="(/agreements/[^"]+/(?:documents/[^"]+|calendar\.ics[^"]*))"', page)


@pytest.mark.parametrize("agreement", DOCUMENTS)
def test_each_agreement_page_offers_its_documents_and_calendar_for_the_chosen_date(
    agreement: str,
) -> None:
    page = example_client().get(f"/agreements/{agreement}?as_of=2004-02-15").text
    expected = [
        f"/agreements/{agreement}/documents/{stem}-2004-02-15{suffix}?as_of=2004-02-15"
        for stem in DOCUMENTS[agreement]
        for suffix in (".html", ".xlsx", ".pdf")
    ]
    assert _links(page) == [*expected, f"/agreements/{agreement}/calendar.ics?as_of=2004-02-15"]


def test_the_html_document_is_the_one_for_the_chosen_date_and_named_with_it() -> None:
    response = example_client().get(
        "/agreements/windham-lease/documents/rent-roll-windham-lease-2004-02-15.html",
        params={"as_of": "2004-02-15"},
    )
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert response.headers["content-disposition"] == (
        'attachment; filename="rent-roll-windham-lease-2004-02-15.html"'
    )
    # the month of the as-of date: February 2004, lease year 1, no abatement left
    assert "The month of February 2004" in text_of(response.text)


def test_the_workbook_reads_back_with_the_rent_of_the_first_lease_year() -> None:
    from openpyxl import load_workbook

    response = example_client().get(
        "/agreements/windham-lease/documents/rent-roll-windham-lease-2003-12-31.xlsx",
        params={"as_of": "2003-12-31"},
    )
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    cells = [c.value for sheet in book.worksheets for row in sheet.iter_rows() for c in row]
    # 204,307 sf x $3.59 = $733,462.13 a year; / 12 = 61,121.844 -> $61,121.84 a month
    assert any(str(v) in ("61121.84", "61121.840") for v in cells if v is not None)


def test_the_pdf_is_a_pdf() -> None:
    response = example_client().get(
        # the portfolio's as-of date, 2003-12-31, when the page names none
        "/agreements/ipof-standstill/documents/ownership-and-voting-ipof-standstill-2003-12-31.pdf"
    )
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")


def test_the_calendar_holds_the_agreements_events_of_the_chosen_year_only() -> None:
    response = example_client().get(
        "/agreements/windham-lease/calendar.ics", params={"as_of": "2004-02-15"}
    )
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/calendar")
    assert response.headers["content-disposition"] == (
        'attachment; filename="calendar-windham-lease-2004-02-15.ics"'
    )
    text = response.text.replace("\r\n ", "")  # unfold the long lines
    uids = re.findall(r"^UID:(.*)$", text, re.M)
    assert uids and all(uid.strip().endswith(".windham-lease@pactum") for uid in uids)
    # rent is due on the first of each month of 2004: twelve rent events, January's first
    starts = re.findall(r"^UID:rent-(2004-\d\d)\.", text, re.M)
    assert starts == [f"2004-{m:02d}" for m in range(1, 13)]
    assert "DTSTAMP:20040215T000000Z" in text  # the as-of date, not the clock


@pytest.mark.parametrize(
    ("path", "found"),
    [
        ("/agreements/windham-lease/documents/rent-roll.pdf", "'rent-roll.pdf'"),
        (
            "/agreements/windham-lease/documents/rent-roll-windham-lease.docx",
            "'rent-roll-windham-lease.docx'",
        ),
    ],
)
def test_an_unknown_document_is_one_line_and_404(path: str, found: str) -> None:
    response = example_client().get(path)
    assert response.status_code == 404
    assert error_lines(response.text) == [
        f"error: document: found {found}; expected one of "
        "rent-roll-windham-lease-2003-12-31.html, rent-roll-windham-lease-2003-12-31.xlsx, "
        "rent-roll-windham-lease-2003-12-31.pdf"
    ]


def test_an_unknown_agreements_calendar_is_one_line_and_404() -> None:
    response = example_client().get("/agreements/nope/calendar.ics")
    assert response.status_code == 404
    assert error_lines(response.text) == [
        "error: agreement: found 'nope'; expected one of southtrust-abl, windham-lease, "
        "ipof-standstill"
    ]


def _rent_rows(page: str) -> dict[str, list[str]]:
    start = page.index("Rent roll, month by month")
    table = page[start : page.index("</table>", start)]
    rows = [
        [text_of(cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        for row in re.findall(r"<tr>(.*?)</tr>", table, re.S)
    ]
    return {row[0]: row for row in rows if row}


def test_the_lease_page_has_the_rent_roll_month_by_month() -> None:
    rows = _rent_rows(example_client().get("/agreements/windham-lease").text)
    # the term runs from April 2003 for six lease years: 72 months, the last March 2009
    months = [m for m in rows if re.fullmatch(r"\d{4}-\d\d", m)]
    assert len(months) == 72
    assert (months[0], months[-1]) == ("2003-04", "2009-03")
    # 204,307 sf x $3.59 / 12 = $61,121.84 base rent in every month of the first lease year
    assert rows["2003-08"][6] == "$61,121.84"
    assert rows["2004-03"][6] == "$61,121.84"


def test_the_standstill_page_lists_its_notice_with_the_day_it_is_deemed_given() -> None:
    page = example_client().get("/agreements/ipof-standstill?as_of=2003-12-31").text
    section = page[page.index('id="notices"') :]
    row = text_of(section[section.index("<tbody>") : section.index("</tbody>")])
    # mailed Wednesday 12/24/03, five business days: 12/26, 12/29, 12/30, 12/31, then 1/2
    # (Christmas and New Year's Day are holidays): deemed given 2004-01-02, not yet on 12/31
    assert row.startswith("2003-12-24 mail 2004-01-02 not yet given the IPOF Group")
    page = example_client().get("/agreements/ipof-standstill?as_of=2004-01-02").text
    section = page[page.index('id="notices"') :]
    assert "2003-12-24 mail 2004-01-02 given" in text_of(section)


def test_a_page_without_notices_has_no_notices_section() -> None:
    assert 'id="notices"' not in example_client().get("/agreements/windham-lease").text


# --- the agreement's calendar as a subscription ---------------------------------------------


def _subscription(page: str) -> tuple[str, str]:
    """The page's subscription link (webcal) and the address it gives to paste."""
    [webcal] = re.findall(r'href="(webcals?://[^"]+)" id="calendar-subscription"', page)
    [web] = re.findall(r'class="feed-url"[^>]* value="([^"]+)"', page)
    return html.unescape(webcal), html.unescape(web)


def _uids(ics: str) -> list[str]:
    return re.findall(r"^UID:(.*?)\s*$", ics.replace("\r\n ", ""), re.M)


def test_the_page_offers_its_agreement_s_feed_as_a_webcal_subscription() -> None:
    """On loopback (no token) the feed of the agreement alone, with no key and no as-of date
    (the subscription follows the dashboard's). Followed, it gives the Windham lease's
    obligations only: at the default as-of date 2003-12-31, 2003 and 2004, of which 2003's
    are the lease's 9 rents (README, "The obligations calendar")."""
    page = example_client().get("/agreements/windham-lease?as_of=2004-02-15").text
    webcal, web = _subscription(page)
    assert webcal == "webcal://127.0.0.1:8000/calendar.ics?agreement=windham-lease"
    assert web == "http://127.0.0.1:8000/calendar.ics?agreement=windham-lease"
    feed = example_client().get(web)
    assert feed.headers["content-type"] == "text/calendar; charset=utf-8"
    uids = _uids(feed.text)
    assert uids and all(u.endswith(".windham-lease@pactum") for u in uids)
    assert len([u for u in uids if u.startswith("rent-2003-")]) == 9


def test_off_loopback_the_subscription_carries_the_feed_key_never_the_token() -> None:
    """Behind a token the page (opened with the token) gives the feed's key in the URL, an
    HMAC that opens the feed alone; a calendar application, which sends no header, follows it."""
    app = create_app(load_portfolio(EXAMPLE), token=TOKEN)
    signed_in = TestClient(app, base_url=LOOPBACK_URL, follow_redirects=False)
    page = signed_in.get(
        "/agreements/southtrust-abl", headers={"Authorization": f"Bearer {TOKEN}"}
    ).text
    assert TOKEN not in page
    webcal, web = _subscription(page)
    key = feed_key(TOKEN)
    expected = f"127.0.0.1:8000/calendar.ics?agreement=southtrust-abl&key={key}"
    assert (webcal, web) == (f"webcal://{expected}", f"http://{expected}")
    calendar_application = TestClient(app, base_url=LOOPBACK_URL, follow_redirects=False)
    feed = calendar_application.get(web)
    assert feed.status_code == 200, feed.text
    uids = _uids(feed.text)
    assert uids and all(u.endswith(".southtrust-abl@pactum") for u in uids)
    # the key opens the feed and nothing else: the page itself asks for the token
    assert calendar_application.get(f"/agreements/southtrust-abl?key={key}").status_code == 401


def test_over_https_the_subscription_is_webcals() -> None:
    client = TestClient(create_app(load_portfolio(EXAMPLE)), base_url="https://127.0.0.1:8000")
    webcal, web = _subscription(client.get("/agreements/windham-lease").text)
    assert webcal == "webcals://127.0.0.1:8000/calendar.ics?agreement=windham-lease"
    assert web == "https://127.0.0.1:8000/calendar.ics?agreement=windham-lease"


def test_a_borrower_filter_on_one_company_s_feed_is_one_line_and_400() -> None:
    response = example_client().get("/calendar.ics?borrower=acme")
    assert response.status_code == 400
    assert error_lines(response.text) == [
        "error: borrower: found 'acme'; expected none: the dashboard is one company's"
    ]
