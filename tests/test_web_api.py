"""The dashboard's JSON API (`/api/`): each document is the command line's `--json` for the
same question, the OpenAPI describes the API at /openapi.json and /docs (no CDN), the token
rule of the pages holds (a Bearer token; 401 in JSON without), and the CSRF exemption covers
only bodies an HTML form cannot send.
"""

from __future__ import annotations

import io
import json
import logging
from functools import cache
from typing import Any

import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.csv as pa_csv  # type: ignore[import-untyped]
import pyarrow.parquet as pq  # type: ignore[import-untyped]
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from bad_input_support import one_error, run
from conftest import EXAMPLE
from pactum.portfolio import load_portfolio
from pactum.web.app import create_app
from pactum.web.auth import feed_key
from pactum.web.server import RedactTokens
from web_support import AGING_CSV, LOOPBACK_URL, example_client

TOKEN = "api-Token_17"
API_PATHS = [
    "/api/findings",
    "/api/calendar",
    "/api/agreements/{agreement_id}/terms",
    "/api/agreements/{agreement_id}/history",
    "/api/certificates",
    "/api/desk",
]
GETS = [
    "/api/findings",
    "/api/calendar",
    "/api/agreements/windham-lease/terms",
    "/api/agreements/windham-lease/history",
    "/api/desk",
]


@cache
def gated_app() -> FastAPI:
    return create_app(load_portfolio(EXAMPLE), token=TOKEN)


def gated() -> TestClient:
    return TestClient(gated_app(), base_url=LOOPBACK_URL, follow_redirects=False)


def cli_json(*args: str) -> Any:
    result = run(*args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def api_json(path: str, client: TestClient | None = None, **kwargs: Any) -> Any:
    response = (client or example_client()).get(path, **kwargs)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/json"
    return response.json()


def post_aging(body: bytes, content_type: str, query: str = "as_of=2003-12-31") -> Any:
    return example_client().post(
        f"/api/certificates?{query}", content=body, headers={"content-type": content_type}
    )


# --- each document is the command line's ------------------------------------------------


@pytest.mark.parametrize("as_of", [None, "2003-11-30", "2004-06-30"])
def test_findings_are_check_json(as_of: str | None) -> None:
    query = {"as_of": as_of} if as_of else None
    cli = ["check", str(EXAMPLE), "--json", *(["--as-of", as_of] if as_of else [])]
    assert api_json("/api/findings", params=query) == cli_json(*cli)


def test_findings_default_to_the_portfolio_s_as_of_date() -> None:
    # portfolio.yaml: as_of 2003-12-31; the SouthTrust facility, the lease, the standstill
    found = api_json("/api/findings")
    assert found["schema"] == "pactum.findings/2"
    assert found["as_of"] == "2003-12-31"
    assert [a["id"] for a in found["agreements"]] == [
        "southtrust-abl",
        "windham-lease",
        "ipof-standstill",
    ]


@pytest.mark.parametrize(
    ("query", "options"),
    [
        ({}, []),
        (
            {"from": "2003-01-01", "to": "2003-12-31"},
            ["--from", "2003-01-01", "--to", "2003-12-31"],
        ),
        ({"agreement": "windham-lease"}, ["--agreement", "windham-lease"]),
        (
            {"category": ["fee", "covenant_test"], "as_of": "2003-06-30"},
            ["--category", "fee", "--category", "covenant_test", "--as-of", "2003-06-30"],
        ),
        ({"to": "2004-03-31"}, ["--to", "2004-03-31"]),
    ],
)
def test_the_calendar_is_calendar_json(query: dict[str, Any], options: list[str]) -> None:
    assert api_json("/api/calendar", params=query) == cli_json(
        "calendar", str(EXAMPLE), "--json", *options
    )


def test_the_calendar_counts_by_hand() -> None:
    # README, "The obligations calendar": 2003 has 53 obligations, 9 of them the lease's rents
    assert len(api_json("/api/calendar")["events"]) == 53
    rents = api_json("/api/calendar", params={"agreement": "windham-lease", "category": "rent"})
    assert len(rents["events"]) == 9


@pytest.mark.parametrize("agreement", ["windham-lease", "southtrust-abl", "ipof-standstill"])
def test_history_is_history_json(agreement: str) -> None:
    assert api_json(f"/api/agreements/{agreement}/history") == cli_json(
        "history", str(EXAMPLE), agreement, "--json"
    )


@pytest.mark.parametrize("as_of", ["2003-01-15", "2003-04-01", "2003-12-31"])
def test_terms_are_history_as_of_json(as_of: str) -> None:
    assert api_json("/api/agreements/windham-lease/terms", params={"as_of": as_of}) == cli_json(
        "history", str(EXAMPLE), "windham-lease", "--as-of", as_of, "--json"
    )


def _terms(found: Any) -> dict[str, Any]:
    return {t["name"]: t["changes"] for t in found["terms"]}


def test_terms_in_force_follow_the_first_amendment() -> None:
    """The Windham First Amendment is dated 4/4/03, effective April 1, 2003 ("As of April 1,
    2003 (the "Effective Date")"); its rent is "1st Lease Year $3.59 per square foot". Before
    it, only the original lease's (assumed) terms are in force."""
    before = api_json("/api/agreements/windham-lease/terms", params={"as_of": "2003-03-31"})
    assert [i["id"] for i in before["instruments"]] == ["lease"]
    assert "lease.lease_years.year_1.rate" not in _terms(before)
    assert _terms(before)["lease.lease_years.year_1.end"][0]["value"] == "2004-03-31"
    on = api_json("/api/agreements/windham-lease/terms", params={"as_of": "2003-04-01"})
    assert [i["id"] for i in on["instruments"]] == ["lease", "first_amendment"]
    [rate] = _terms(on)["lease.lease_years.year_1.rate"]
    assert rate["value"] == "3.59"  # a decimal as a string, never a float
    assert rate["effective"] == "2003-04-01"
    assert rate["instrument"] == "first_amendment"
    assert rate["source"]["quote"] == "1st Lease Year $3.59 per square foot"
    [area] = _terms(on)["lease.spaces.existing.area"]
    assert area["value"] == "150204"  # "approximately 150,204 square feet of rentable area"


def test_history_lists_each_instrument_with_its_dates() -> None:
    found = api_json("/api/agreements/windham-lease/history")
    assert found["as_of"] is None
    assert found["instruments"][1] == {
        "id": "first_amendment",
        "title": "First Amendment to Lease of April 4, 2003",
        "kind": "amendment",
        "dated": "2003-04-04",
        "effective": "2003-04-01",
        "document": "documents/windham-first-amendment-2003-04-04.txt",
    }


def test_a_certificate_for_a_posted_aging_is_collateral_json(tmp_path: Any) -> None:
    aging = tmp_path / "aging.csv"
    aging.write_text(AGING_CSV)
    cli = cli_json(
        "collateral", str(EXAMPLE), "--receivables", str(aging), "--as-of", "2003-12-31", "--json"
    )
    response = post_aging(AGING_CSV.encode(), "text/csv")
    assert response.status_code == 200, response.text
    assert response.json() == cli


def test_the_posted_aging_s_certificate_by_hand() -> None:
    """web_support's aging, worked by hand: eligible 30,050,000.00, advance x 85% =
    25,542,500.00. Inventory is the portfolio's 2003-11-30 listing, as the command line reads
    it: eligible 25,382,324.36, advance 13,933,333.17 (README); borrowing base 25,542,500.00
    + 13,933,333.17 = 39,475,833.17 under the 40,000,000 line; loans at 2003-12-31
    28,500,000 + 500,000 letters of credit + 250,000 reserves = 29,250,000: availability
    10,225,833.17."""
    [certificate] = post_aging(AGING_CSV.encode(), "text/csv").json()["borrowers"]
    assert certificate["receivables"]["eligible"] == "30050000.00"
    assert certificate["receivables"]["advance"] == "25542500.00"
    assert certificate["inventory"]["eligible"] == "25382324.36"
    assert certificate["inventory"]["advance"] == "13933333.17"
    assert certificate["borrowing_base"] == "39475833.17"
    assert certificate["line_cap"] == "39475833.17"
    assert certificate["availability"] == "10225833.17"


def _parquet(csv_text: str) -> bytes:
    table = pa_csv.read_csv(
        io.BytesIO(csv_text.encode()),
        convert_options=pa_csv.ConvertOptions(
            column_types={
                "open_balance": pa.decimal128(18, 2),
                "foreign": pa.string(),
                "disputed": pa.string(),
            }
        ),
    )
    buffer = io.BytesIO()
    pq.write_table(table, buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "content_type", ["application/octet-stream", "application/vnd.apache.parquet"]
)
def test_a_parquet_aging_gives_the_csv_s_certificate(content_type: str) -> None:
    from_csv = post_aging(AGING_CSV.encode(), "text/csv").json()
    from_parquet = post_aging(_parquet(AGING_CSV), content_type)
    assert from_parquet.status_code == 200, from_parquet.text
    assert from_parquet.json() == from_csv


def test_a_named_revolver_and_a_charset_parameter() -> None:
    found = post_aging(
        AGING_CSV.encode(),
        "text/csv; charset=utf-8",
        "as_of=2003-12-31&agreement=southtrust-abl",
    )
    assert found.status_code == 200, found.text
    assert found.json()["agreement"] == "southtrust-abl"
    assert found.json()["borrowers"][0]["availability"] == "10225833.17"


# --- bad input: one line per problem, in JSON --------------------------------------------


@pytest.mark.parametrize(
    ("path", "status", "line"),
    [
        (
            "/api/findings?as_of=2003-13-01",
            400,
            "as_of: found '2003-13-01'; expected a date as YYYY-MM-DD",
        ),
        (
            "/api/calendar?category=rents",
            400,
            "category: found 'rents'; expected one of report, fee, rent, payment, covenant_test, "
            "option_deadline, deadline, end, other",
        ),
        (
            "/api/calendar?from=2004-01-01&to=2003-12-31",
            400,
            "from: found 2004-01-01 after to 2003-12-31; expected a first day on or before the last",
        ),
        (
            "/api/agreements/windham/history",
            404,
            "agreement: found 'windham'; expected one of southtrust-abl, windham-lease, ipof-standstill",
        ),
    ],
)
def test_bad_queries_are_one_json_line(path: str, status: int, line: str) -> None:
    response = example_client().get(path)
    assert response.status_code == status
    assert response.json() == {"errors": [line]}


def test_a_malformed_posted_aging_names_the_body_and_the_row() -> None:
    bad = "invoice_id,debtor_id,invoice_date,due_date,open_balance\nI1,ACME,2003-13-15,2004-01-14,1.00\n"
    response = post_aging(bad.encode(), "text/csv")
    assert response.status_code == 400
    assert response.json() == {
        "errors": [
            "request body:row 2: invoice_date: found '2003-13-15'; expected a date as YYYY-MM-DD"
        ]
    }


def test_a_body_neither_csv_nor_parquet_is_415() -> None:
    response = post_aging(b"{}", "application/json")
    assert response.status_code == 415
    assert response.json()["errors"][0].startswith("Content-Type: found 'application/json'")


def test_an_unknown_revolver_is_one_line() -> None:
    response = post_aging(
        AGING_CSV.encode(), "text/csv", "as_of=2003-12-31&agreement=windham-lease"
    )
    assert response.json() == {
        "errors": [
            "agreement: found 'windham-lease'; expected the id of one of the portfolio's "
            "revolvers with a borrowing base: southtrust-abl"
        ]
    }


# --- OpenAPI and /docs ------------------------------------------------------------------


def test_the_openapi_lists_the_api_and_no_page() -> None:
    spec = api_json("/openapi.json")
    assert list(spec["paths"]) == API_PATHS
    assert set(spec["paths"]["/api/certificates"]) == {"post"}
    body = spec["paths"]["/api/certificates"]["post"]["requestBody"]["content"]
    assert set(body) == {"text/csv", "application/octet-stream", "application/vnd.apache.parquet"}
    ok = spec["paths"]["/api/findings"]["get"]["responses"]["200"]["content"]["application/json"]
    assert ok["schema"] == {"$ref": "#/components/schemas/FindingsJson"}
    findings = spec["components"]["schemas"]["FindingsJson"]
    assert {"schema", "as_of", "company", "agreements"} <= set(findings["properties"])
    parameters = {p["name"] for p in spec["paths"]["/api/calendar"]["get"]["parameters"]}
    assert parameters == {"as_of", "from", "to", "agreement", "category"}


def test_docs_is_one_page_without_scripts_from_anywhere() -> None:
    response = example_client().get("/docs")
    assert response.status_code == 200
    page = response.text
    assert "<script" not in page  # nothing to load; the CSP would refuse a CDN's anyway
    assert "cdn" not in page.lower()
    for path in API_PATHS:
        assert path in page
    assert "POST /api/certificates" in page
    assert 'href="#schema-FindingsJson"' in page and 'id="schema-FindingsJson"' in page
    assert "<code>category</code>" in page


# --- the token rule ---------------------------------------------------------------------


@pytest.mark.parametrize("path", [*GETS, "/openapi.json", "/docs"])
def test_off_loopback_the_api_needs_the_bearer_token(path: str) -> None:
    refused = gated().get(path)
    assert refused.status_code == 401
    wrong = gated().get(path, headers={"Authorization": f"Bearer {TOKEN}x"})
    assert wrong.status_code == 401
    allowed = gated().get(path, headers={"Authorization": f"Bearer {TOKEN}"})
    assert allowed.status_code == 200


@pytest.mark.parametrize("path", GETS)
def test_the_api_s_401_is_json_with_its_scheme(path: str) -> None:
    refused = gated().get(path)
    assert refused.headers["www-authenticate"] == "Bearer"
    assert refused.json() == {
        "errors": [
            "Authorization: found no token or a wrong one; expected 'Authorization: Bearer "
            "TOKEN' with the token this server was given"
        ]
    }


def test_off_loopback_a_certificate_needs_the_bearer_token() -> None:
    post = gated().post(
        "/api/certificates?as_of=2003-12-31",
        content=AGING_CSV.encode(),
        headers={"content-type": "text/csv"},
    )
    assert post.status_code == 401
    allowed = gated().post(
        "/api/certificates?as_of=2003-12-31",
        content=AGING_CSV.encode(),
        headers={"content-type": "text/csv", "Authorization": f"Bearer {TOKEN}"},
    )
    assert allowed.status_code == 200
    assert allowed.json()["borrowers"][0]["receivables"]["eligible"] == "30050000.00"


def test_the_api_refuses_a_token_in_its_url() -> None:
    response = gated().get(f"/api/findings?token={TOKEN}")
    assert response.status_code == 400
    assert response.json()["errors"][0].startswith("token: found a token in the URL")


# --- CSRF: exempt only for bodies no form can send -----------------------------------------


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("application/x-www-form-urlencoded", b"receivables=x"),
        ("text/plain", AGING_CSV.encode()),  # a form can send text/plain
    ],
)
def test_a_form_s_body_to_the_api_is_refused_without_the_csrf_token(
    content_type: str, body: bytes
) -> None:
    response = post_aging(body, content_type)
    assert response.status_code == 403
    assert response.json() == {
        "errors": [
            "csrf: found no CSRF token; expected the token of a form this dashboard served "
            "(reload the page and submit again)"
        ]
    }


def test_a_multipart_post_to_the_api_is_refused_without_the_csrf_token() -> None:
    response = example_client().post(
        "/api/certificates?as_of=2003-12-31", files={"receivables": ("aging.csv", AGING_CSV)}
    )
    assert response.status_code == 403


def test_the_exemption_is_the_api_s_alone() -> None:
    # the upload page's POST with a CSV content type still needs its token
    response = example_client().post(
        "/upload", content=AGING_CSV.encode(), headers={"content-type": "text/csv"}
    )
    assert response.status_code == 403


def test_another_site_s_csv_post_is_still_refused_by_its_origin() -> None:
    response = example_client().post(
        "/api/certificates?as_of=2003-12-31",
        content=AGING_CSV.encode(),
        headers={"content-type": "text/csv", "Origin": "https://evil.example"},
    )
    assert response.status_code == 403


def test_pages_are_still_pages() -> None:
    overview = example_client().get("/")
    assert overview.status_code == 200
    assert overview.headers["content-type"].startswith("text/html")
    missing = example_client().get("/nowhere")
    assert missing.status_code == 404 and missing.headers["content-type"].startswith("text/html")


@pytest.mark.parametrize("name", ["token", "key"])
def test_the_access_log_blanks_a_token_and_the_feed_s_key(name: str) -> None:
    secret = TOKEN if name == "token" else feed_key(TOKEN)
    record = logging.LogRecord(
        "uvicorn.access",
        logging.INFO,
        "",
        0,
        '%s - "%s %s HTTP/%s" %d',
        ("1.2.3.4", "GET", f"/calendar.ics?category=rent&{name}={secret}", "1.1", 200),
        None,
    )
    RedactTokens().filter(record)
    assert secret not in record.getMessage()
    assert f"/calendar.ics?category=rent&{name}=[redacted]" in record.getMessage()


# --- pactum history --as-of / --json --------------------------------------------------------


def test_history_as_of_a_bad_date_is_one_line() -> None:
    result = run("history", str(EXAMPLE), "windham-lease", "--as-of", "2003-02-30", "--json")
    assert one_error(result) == "error: --as-of: found '2003-02-30'; expected a date as YYYY-MM-DD"


def test_history_as_of_on_screen_lists_what_is_in_force() -> None:
    before = run("history", str(EXAMPLE), "windham-lease", "--as-of", "2003-03-31")
    assert before.exit_code == 0
    assert "first_amendment" not in before.stdout
    assert "lease.lease_years.year_1.rate" not in before.stdout
    after = run("history", str(EXAMPLE), "windham-lease", "--as-of", "2003-04-01")
    assert "from 2003-04-01 first_amendment: 3.59" in after.stdout
