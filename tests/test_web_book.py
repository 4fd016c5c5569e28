"""The dashboard of a book of several borrowers (`pactum serve BOOK`): the desk for its
overview, a page per borrower with its trends from the recorded runs, agreement pages under
the borrower, the book's calendar feed, and `/api/desk`.

The book is test_book's two borrowers. By hand, at 2003-12-31 (see test_book and
test_record_desk):

    acme: availability 34,875,000 - 28,500,000 - 500,000 - 250,000 = 5,625,000;
          5,625,000 / 34,875,000 = 16.13%; tangible net worth headroom 34,560,000 -
          34,000,000 = 560,000; no breach
    beta: availability 32,925,000 - 30,750,000 = 2,175,000; 2,175,000 / 32,925,000 = 6.61%;
          tangible net worth 33,460,000 against 34,000,000: headroom -540,000, one breach

The trend records 2003-11-30 and 2003-12-31. On 2003-11-30 the latest actual tangible net
worth test is the 9/30/03 quarter's, the same for both (beta's facts differ only at 12/31):
59,600,000 equity - 25,200,000 goodwill - 360,000 other intangibles = 34,040,000 against
the $33,000,000 minimum: headroom 1,040,000. So beta's headroom runs 1,040,000 -> -540,000.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from bad_input_support import EXAMPLE, run
from pactum.portfolio import load_book, load_portfolio
from pactum.web.app import create_app
from test_book import folder_book
from web_support import LOOPBACK_URL, error_lines, text_of

YEAR_END = "2003-12-31"
RECORDED = ("2003-11-30", YEAR_END)
TOKEN = "desk-Token_19"


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = folder_book(tmp_path_factory.mktemp("web-book"))
    for day in RECORDED:
        result = run("record", str(folder), "--as-of", day)
        assert result.exit_code == 0, result.output
    return folder


@pytest.fixture(scope="module")
def client(book: Path) -> TestClient:
    return TestClient(create_app(load_book(book)), base_url=LOOPBACK_URL)


def _desk_rows(page: str) -> list[dict[str, str]]:
    """Each facility row of the desk page: its cells by column class, borrower and agreement."""
    rows = []
    for row_id, body in re.findall(r'<tr id="facility-([^"]+)">(.*?)</tr>', page, re.S):
        cells = {k: text_of(v) for k, v in re.findall(r'<td class="(\w+)[^"]*">(.*?)</td>', body)}
        rows.append({"row": row_id, **cells})
    return rows


def _get(client: TestClient, path: str, **params: Any) -> str:
    response = client.get(path, params=params or None)
    assert response.status_code == 200, response.text
    return response.text


# --- the desk ---------------------------------------------------------------------------------


def test_the_desk_is_the_overview_of_a_book(client: TestClient) -> None:
    page = _get(client, "/")
    acme, beta = _desk_rows(page)
    assert acme["row"] == "acme-southtrust-abl"
    assert (acme["availability"], acme["availability_pct"]) == ("$5,625,000.00", "16.13%")
    assert acme["breaches"] == "0" and acme["reporting"].lower() == "monthly"
    assert beta["row"] == "beta-southtrust-abl"
    assert (beta["availability"], beta["availability_pct"]) == ("$2,175,000.00", "6.61%")
    assert beta["breaches"] == "1" and beta["reporting"].lower() == "weekly"
    # each row links to its borrower's page and to the agreement under the borrower
    assert 'href="/borrowers/beta"' in page
    assert 'href="/borrowers/beta/agreements/southtrust-abl"' in page
    assert 'href="/calendar.ics"' in page


def test_the_desk_sorts_by_a_heading(client: TestClient) -> None:
    ascending = _get(client, "/", sort="availability_pct")
    assert [r["row"] for r in _desk_rows(ascending)] == [
        "beta-southtrust-abl",  # 6.61% before 16.13%
        "acme-southtrust-abl",
    ]
    # the sorted column's heading turns the order around
    assert 'href="/?sort=availability_pct&amp;descending=1"' in ascending
    descending = _get(client, "/", sort="availability_pct", descending="1")
    assert [r["row"] for r in _desk_rows(descending)] == [
        "acme-southtrust-abl",
        "beta-southtrust-abl",
    ]


@pytest.mark.parametrize(
    ("filters", "kept"),
    [
        (["breaches>0"], ["beta"]),
        (["availability_pct<10"], ["beta"]),
        # exact: 5,625,000 / 34,875,000 = 16.129...%, shown 16.13%
        (["availability_pct>16.12"], ["acme"]),
        (["availability_pct>=16.13"], []),
        (["breaches>=1"], ["beta"]),  # exactly met: beta's one breach is kept
        (["reporting=MONTHLY"], ["acme"]),
        (["breaches=0", "availability_pct<10"], []),  # every filter must hold
        ([""], ["acme", "beta"]),  # an empty field of the form filters nothing
    ],
)
def test_the_desk_filters(client: TestClient, filters: list[str], kept: list[str]) -> None:
    response = client.get("/", params={"filter": filters})
    assert response.status_code == 200, response.text
    assert [r["row"].split("-")[0] for r in _desk_rows(response.text)] == kept
    for written in filters:
        if written:
            assert f'name="filter" value="{written.replace(">", "&gt;").replace("<", "&lt;")}"' in (
                response.text
            )


def test_a_bad_filter_or_sort_is_one_line(client: TestClient) -> None:
    response = client.get("/", params={"filter": "breaches>some"})
    assert response.status_code == 400
    assert error_lines(response.text) == [
        "error: filter: found 'breaches>some'; expected breaches > a number"
    ]
    response = client.get("/", params={"sort": "headroom"})
    assert response.status_code == 400
    [line] = error_lines(response.text)
    assert line.startswith("error: sort: found 'headroom'; expected a column of the desk: ")


# --- a borrower's pages ---------------------------------------------------------------------


def test_a_borrower_page_is_its_overview(client: TestClient) -> None:
    beta = _get(client, "/borrowers/beta")
    assert "<h1>Beta Logistics" in beta
    assert re.findall(r'<tr id="agreement-([^"]+)">', beta) == ["southtrust-abl"]
    assert 'href="/borrowers/beta/agreements/southtrust-abl"' in beta
    acme = _get(client, "/borrowers/acme")
    assert len(re.findall(r'<tr id="agreement-([^"]+)">', acme)) == 3  # the example's three


def test_an_agreement_page_under_its_borrower(client: TestClient) -> None:
    """The same agreement id under two borrowers, each on its own facts."""
    beta = text_of(_get(client, "/borrowers/beta/agreements/southtrust-abl"))
    acme = text_of(_get(client, "/borrowers/acme/agreements/southtrust-abl"))
    assert "$2,175,000.00" in beta and "$5,625,000.00" not in beta
    assert "$5,625,000.00" in acme and "$2,175,000.00" not in acme
    assert "-$540,000.00" in beta  # tangible net worth short of its minimum


def test_pages_of_a_borrower_the_book_has_not_are_one_line(client: TestClient) -> None:
    response = client.get("/borrowers/gamma")
    assert response.status_code == 404
    assert error_lines(response.text) == [
        "error: borrower: found 'gamma'; expected one of the book's borrowers: acme, beta"
    ]
    response = client.get("/borrowers/beta/agreements/windham-lease")
    assert response.status_code == 404


@pytest.mark.parametrize("path", ["/charts", "/agreements/southtrust-abl", "/upload"])
def test_one_company_pages_are_not_found_in_a_book(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    [line] = error_lines(response.text)
    assert line.startswith(f"error: page: found {path!r}; expected in a book of several")


# --- trends from the recorded runs ----------------------------------------------------------


def _trends(page: str) -> dict[str, dict[str, Any]]:
    found = re.search(r'<script type="application/json" id="charts-data">(.*?)</script>', page)
    assert found is not None, "no trends on the page"
    return {f["id"]: f for f in json.loads(found.group(1))}


def test_a_borrower_page_shows_its_trends(client: TestClient) -> None:
    trends = _trends(_get(client, "/borrowers/beta"))
    availability = trends["trend-availability-southtrust-abl"]["data"][0]
    assert availability["x"] == list(RECORDED)
    assert availability["y"][1] == 2_175_000
    headroom = trends["trend-headroom-southtrust-abl-min_tangible_net_worth"]["data"]
    assert headroom[0]["x"] == list(RECORDED)
    assert headroom[0]["y"] == [1_040_000, -540_000]
    assert headroom[1]["y"] == [0, 0]  # the level where it fails
    acme = _trends(_get(client, "/borrowers/acme"))
    acme_headroom = acme["trend-headroom-southtrust-abl-min_tangible_net_worth"]["data"][0]
    assert acme_headroom["y"] == [1_040_000, 560_000]
    assert acme["trend-availability-southtrust-abl"]["data"][0]["y"][1] == 5_625_000


def test_no_trends_without_recorded_runs(tmp_path: Path) -> None:
    unrecorded = TestClient(create_app(load_book(folder_book(tmp_path))), base_url=LOOPBACK_URL)
    page = _get(unrecorded, "/borrowers/beta")
    assert "Trends" not in page and "charts-data" not in page
    assert not (tmp_path / "book" / "pactum.duckdb").exists()  # reading creates nothing


# --- the book's calendar and the API --------------------------------------------------------


def test_the_calendar_feed_is_the_books(client: TestClient) -> None:
    response = client.get("/calendar.ics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/calendar")
    uids = re.findall(r"^UID:(.*)$", response.text.replace("\r\n ", ""), re.M)
    assert any(".acme@pactum" in u for u in uids) and any(".beta@pactum" in u for u in uids)
    # acme's lease is acme's alone
    assert not any("windham-lease.beta" in u for u in uids)


def test_api_desk_is_desk_json(book: Path, client: TestClient) -> None:
    def cli(*options: str) -> Any:
        result = run("desk", str(book), "--json", *options)
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)

    desk = client.get("/api/desk").json()
    assert desk == cli()
    acme, beta = desk["facilities"]
    assert (acme["availability"], acme["availability_pct"]) == ("5625000.00", "16.13")
    assert (beta["availability"], beta["availability_pct"]) == ("2175000.00", "6.61")
    sorted_ = client.get("/api/desk", params={"sort": "availability", "descending": "1"})
    assert sorted_.json() == cli("--sort", "availability", "--descending")
    only = client.get("/api/desk", params={"filter": "breaches>0", "as_of": YEAR_END})
    assert [f["borrower"] for f in only.json()["facilities"]] == ["beta"]


def test_api_desk_bad_input_is_one_line(client: TestClient) -> None:
    response = client.get("/api/desk", params={"filter": "availability_pct<ten"})
    assert response.status_code == 400
    assert response.json() == {
        "errors": ["filter: found 'availability_pct<ten'; expected availability_pct < a number"]
    }


def test_api_desk_asks_for_the_token(book: Path) -> None:
    gated = TestClient(create_app(load_book(book), token=TOKEN), base_url=LOOPBACK_URL)
    assert gated.get("/api/desk").status_code == 401
    answered = gated.get("/api/desk", headers={"Authorization": f"Bearer {TOKEN}"})
    assert answered.status_code == 200
    assert (
        "/api/desk"
        in gated.get("/openapi.json", headers={"Authorization": f"Bearer {TOKEN}"}).json()["paths"]
    )


def test_api_findings_of_a_book_are_check_json(book: Path, client: TestClient) -> None:
    result = run("check", str(book), "--json")
    assert client.get("/api/findings").json() == json.loads(result.stdout)


# --- one company keeps its pages ------------------------------------------------------------


def test_a_one_company_portfolio_keeps_its_pages() -> None:
    as_book = TestClient(create_app(load_book(EXAMPLE)), base_url=LOOPBACK_URL)
    as_portfolio = TestClient(create_app(load_portfolio(EXAMPLE)), base_url=LOOPBACK_URL)
    for path in ("/", "/agreements/southtrust-abl"):
        assert _get(as_book, path) == _get(as_portfolio, path)
    assert '<tr id="facility-' not in _get(as_book, "/")


def test_serve_takes_a_book_of_several(book: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    served: list[Any] = []
    import pactum.web.server

    monkeypatch.setattr(pactum.web.server, "serve", lambda source, *a, **k: served.append(source))
    result = run("serve", str(book))
    assert result.exit_code == 0, result.output
    [source] = served
    assert [b.id for b in source.borrowers] == ["acme", "beta"]
    run("serve", str(book), "--borrower", "beta")
    assert [b.id for b in served[1].borrowers] == ["beta"]


def test_a_borrower_s_agreement_page_subscribes_to_that_borrower_s_agreement(
    client: TestClient,
) -> None:
    """Both borrowers hold a `southtrust-abl`: the feed of beta's is kept to beta's."""
    page = client.get("/borrowers/beta/agreements/southtrust-abl").text
    [web] = re.findall(r'class="feed-url"[^>]* value="([^"]+)"', page)
    web = web.replace("&amp;", "&")
    assert web == "http://127.0.0.1:8000/calendar.ics?borrower=beta&agreement=southtrust-abl"
    assert 'href="webcal://127.0.0.1:8000/calendar.ics?borrower=beta&amp;agreement=' in page
    feed = client.get(web)
    assert feed.status_code == 200, feed.text
    uids = re.findall(r"^UID:(.*?)\s*$", feed.text.replace("\r\n ", ""), re.M)
    assert uids and all(u.endswith(".southtrust-abl.beta@pactum") for u in uids)
    refused = client.get("/calendar.ics?borrower=gamma")
    assert refused.status_code == 400
    assert error_lines(refused.text) == [
        "error: borrower: found 'gamma'; expected one of acme, beta"
    ]
