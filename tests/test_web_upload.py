"""The upload page: a hand-made aging (and inventory) gives the borrowing base certificate,
with figures worked out by hand (tests/web_support.py), and its downloads; bad files are one
line each on the page with HTTP 400, and the server keeps serving."""

from __future__ import annotations

import csv
import html
import io
import json
import re
import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from conftest import EXAMPLE
from pactum.portfolio import load_portfolio
from pactum.web.app import create_app
from report_support import to_cents, xlsx_cells, xlsx_number
from web_support import (
    AGING_CSV,
    AVAILABILITY,
    INVENTORY_CSV,
    LOOPBACK_URL,
    MALFORMED_AGING_CSV,
    MALFORMED_ERROR,
    csrf_of,
    error_lines,
    example_client,
    text_of,
)

FORM = {"agreement": "southtrust-abl", "as_of": "2003-12-31"}


def _upload(files: dict[str, tuple[str, str | bytes]], **form: str) -> tuple[int, str]:
    client = example_client()
    response = client.post(
        "/upload",
        data={**FORM, "csrf": csrf_of(client), **form},
        files={role: (name, content, "text/csv") for role, (name, content) in files.items()},
    )
    return response.status_code, response.text


def test_aging_and_inventory_give_the_certificate_and_its_downloads(tmp_path: Path) -> None:
    status, page = _upload(
        {"receivables": ("aging.csv", AGING_CSV), "inventory": ("stock.csv", INVENTORY_CSV)}
    )
    assert status == 200
    lines = text_of(page[page.index('<table class="certificate-lines">') :].split("</table>")[0])
    # inventory: 13,000,000 gross - 1,000,000 work in process = 12,000,000 eligible, of which
    # 8,000,000 general at 50% and 4,000,000 BellSouth (the sheet's title) at 65%: 6,600,000
    assert lines == (
        "Gross receivables (8 invoices) $36,500,000.00 less credit balances -$300,000.00 "
        "less aged -$1,000,000.00 less foreign -$2,000,000.00 less disputed -$500,000.00 "
        "less concentration -$2,650,000.00 Eligible receivables $30,050,000.00 "
        "Receivables advance $25,542,500.00 Gross inventory (3 rows) $13,000,000.00 "
        "less work in process -$1,000,000.00 Eligible inventory $12,000,000.00 "
        "Eligible general inventory $8,000,000.00 Eligible BellSouth inventory $4,000,000.00 "
        "Inventory advance $6,600,000.00 "
        "Borrowing base $32,142,500.00 Line cap $32,142,500.00 Availability $2,892,500.00"
    )
    # each figure opens its trace
    assert "line_cap - revolver_outstanding - letters_of_credit - reserves" in page
    links = re.findall(r'href="(/upload/[^/"]+/([^"]+))"', page)
    stem = "borrowing-base-certificate-southtrust-abl-2003-12-31"  # the form's as-of date
    assert sorted(name for _, name in links) == [
        f"{stem}.html",
        f"{stem}.pdf",
        f"{stem}.xlsx",
        "certificates.json",
        "debtors.csv",
    ]
    downloads = {name: example_client().get(url) for url, name in links}

    # the printable certificate: its XLSX numbers are the hand-worked figures, to the cent
    workbook = tmp_path / f"{stem}.xlsx"
    workbook.write_bytes(downloads[f"{stem}.xlsx"].content)
    cells = xlsx_cells(workbook)
    assert to_cents(xlsx_number(cells["receivables_eligible"])) == "30050000.00"
    assert to_cents(xlsx_number(cells["receivables_advance"])) == "25542500.00"
    assert to_cents(xlsx_number(cells["inventory_advance"])) == "6600000.00"
    assert to_cents(xlsx_number(cells["borrowing_base"])) == "32142500.00"
    assert to_cents(xlsx_number(cells["availability"])) == AVAILABILITY
    assert downloads[f"{stem}.pdf"].content.startswith(b"%PDF-")
    assert "Eligible receivables" in downloads[f"{stem}.html"].text

    certificate = downloads["certificates.json"]
    assert certificate.headers["content-disposition"] == 'attachment; filename="certificates.json"'
    (borrower,) = certificate.json()["borrowers"]
    assert borrower["receivables"]["eligible"] == "30050000.00"
    assert borrower["receivables"]["advance"] == "25542500.00"
    assert borrower["inventory"]["advance"] == "6600000.00"
    assert borrower["borrowing_base"] == "32142500.00"
    assert borrower["availability"] == AVAILABILITY

    debtors = {
        row["debtor_id"]: row for row in csv.DictReader(io.StringIO(downloads["debtors.csv"].text))
    }
    assert (debtors["DELTA"]["concentration"], debtors["DELTA"]["eligible"]) == (
        "1825000.00",
        "8175000.00",
    )
    assert debtors["GAMMA"]["credit_balances"] == "300000.00"


def test_a_malformed_aging_is_one_line_and_400_and_the_server_keeps_serving() -> None:
    status, page = _upload({"receivables": ("aging.csv", MALFORMED_AGING_CSV)})
    assert status == 400
    assert error_lines(page) == [MALFORMED_ERROR]  # named as uploaded, not its temporary copy
    assert example_client().get("/").status_code == 200


@pytest.mark.parametrize(
    ("files", "form", "line"),
    [
        ({}, {}, "error: receivables: found no file; expected a receivables aging"),
        (
            {"receivables": ("aging.txt", "x")},
            {},
            "error: receivables: found 'aging.txt'; expected a CSV (.csv) or Parquet (.parquet) "
            "file",
        ),
        (
            {"receivables": ("aging.csv", AGING_CSV)},
            {"agreement": "windham-lease"},
            "error: agreement: found 'windham-lease'; expected a revolver: southtrust-abl",
        ),
        (
            {"receivables": ("aging.csv", AGING_CSV)},
            {"as_of": "2003-12-32"},
            "error: as_of: found '2003-12-32'; expected a date as YYYY-MM-DD",
        ),
        (
            {"receivables": ("aging.csv", "invoice_id,debtor\nI1,ACME\n")},
            {},
            "error: aging.csv:row 1: debtor_id: found no such column; expected columns "
            "invoice_id,debtor_id,invoice_date,due_date,open_balance",
        ),
        (
            {"receivables": ("aging.csv", b"invoice_id,debtor_id\nI1,Caf\xe9\n")},
            {},
            # the row, as for any CSV (row 2: the header is row 1)
            "error: aging.csv:row 2: encoding: found byte 0xe9, which is not UTF-8; "
            "expected UTF-8 text",
        ),
    ],
    ids=["no file", "not csv", "not a revolver", "bad date", "missing column", "not utf-8"],
)
def test_bad_uploads(
    files: dict[str, tuple[str, str | bytes]], form: dict[str, str], line: str
) -> None:
    status, page = _upload(files, **form)
    assert status == 400
    assert error_lines(page) == [line]


def test_an_empty_aging_gives_a_certificate_of_zeros_with_a_warning() -> None:
    status, page = _upload({"receivables": ("aging.csv", "")})
    assert status == 200
    assert "warning: aging.csv: no invoices: a certificate of zeros" in text_of(page)
    assert "Eligible receivables $0.00" in text_of(page)


def test_an_unknown_download_is_404() -> None:
    response = example_client().get("/upload/no-such-run/certificates.json")
    assert response.status_code == 404
    assert len(error_lines(response.text)) == 1


def test_the_certificate_json_is_the_engine_s_schema() -> None:
    _, page = _upload({"receivables": ("aging.csv", AGING_CSV)})
    url = re.findall(r'href="(/upload/[^"]+/certificates.json)"', page)[0]
    document = json.loads(example_client().get(url).text)
    assert document["schema"] == "pactum.collateral/1"
    assert document["engine"] == "duckdb"
    # without an inventory upload the portfolio's listing gives 13,933,333.17 of inventory
    # advance (test_web_upload_dates): 25,542,500 + 13,933,333.17 - 29,250,000
    assert document["borrowers"][0]["availability"] == "10225833.17"


def test_the_certificate_of_an_upload_names_a_failed_covenant(tmp_path: Path) -> None:
    # goodwill 1,000,000 higher at 12/31/03: tangible net worth 34,560,000 - 1,000,000 =
    # 33,560,000 against the 34,000,000 minimum, a failed actual test; the certificate of a
    # posted aging names it rather than certify that no Default has occurred
    example = tmp_path / "innotrac"
    shutil.copytree(EXAMPLE, example)
    financials = example / "facts" / "financials.csv"
    financials.write_text(
        financials.read_text().replace(
            "2003-12-31,goodwill,25200000.00,actual", "2003-12-31,goodwill,26200000.00,actual"
        )
    )
    client = TestClient(create_app(load_portfolio(example)), base_url=LOOPBACK_URL)
    response = client.post(
        "/upload",
        data={**FORM, "csrf": csrf_of(client)},
        files={"receivables": ("aging.csv", AGING_CSV, "text/csv")},
    )
    assert response.status_code == 200
    (url,) = re.findall(r'href="(/upload/[^"]+\.html)"', response.text)
    printed = " ".join(html.unescape(client.get(url).text).split())
    assert (
        "Except for the failed covenant test Minimum tangible net worth at 2003-12-31 (required "
        ">= $34,000,000.00, actual $33,560,000.00), no Default or Event of Default"
    ) in printed
