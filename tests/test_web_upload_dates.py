"""The upload form takes the certificate's date from the aging (a date in its file name, else
its latest invoice date) instead of the portfolio's as-of date, warns when a date given
disagrees, uses the portfolio's inventory listing when none is uploaded and says so, shows an
overadvance as a critical alert, and prints those warnings on the certificate it offers.

The figures are worked out by hand in web_support (the hand-made aging and inventory) and
below."""

from __future__ import annotations

import re

from web_support import (
    AGING_CSV,
    AVAILABILITY,
    INVENTORY_CSV,
    csrf_of,
    error_lines,
    example_client,
    text_of,
)

# one invoice of $1,000,000, and an inventory that is all work in process (ineligible): the
# one debtor is held to 25% of eligible receivables (concentration), 250,000.00, and
# advanced at 85%: borrowing base 212,500.00; loans.csv at 2003-12-31 holds 28,500,000 of
# loans, 500,000 of letters of credit and 250,000 of reserves: 29,250,000.00, so
# availability is 212,500 - 29,250,000 = -29,037,500.00
SMALL_AGING_CSV = """\
invoice_id,debtor_id,invoice_date,due_date,open_balance
I1,ACME,2003-12-01,2003-12-31,1000000.00
"""
WIP_ONLY_CSV = """\
sku,location,class,status,cost
S2,Duluth GA,general,work_in_process,1000000.00
"""


def _upload(files: dict[str, tuple[str, str]], as_of: str = "") -> tuple[int, str]:
    client = example_client()
    response = client.post(
        "/upload",
        data={"agreement": "southtrust-abl", "as_of": as_of, "csrf": csrf_of(client)},
        files={role: (name, content, "text/csv") for role, (name, content) in files.items()},
    )
    return response.status_code, response.text


def _certificate(page: str) -> str:
    return text_of(page[page.index('id="certificate"') :])


def _lines(page: str, css: str) -> list[str]:
    return [text_of(m) for m in re.findall(rf'<p class="{css}"[^>]*>(.*?)</p>', page, re.S)]


def test_the_form_does_not_prefill_the_portfolios_date() -> None:
    page = example_client().get("/upload").text
    form = page[page.index('<form class="upload"') :]
    assert re.search(r'<input type="date" name="as_of" value="">', form)
    assert 'value="2003-12-31"' not in form  # the portfolio's as_of


def test_a_date_in_the_file_name_is_the_certificates_date() -> None:
    status, page = _upload(
        {
            "receivables": ("aging-2003-12-31.csv", AGING_CSV),
            "inventory": ("stock.csv", INVENTORY_CSV),
        }
    )
    assert status == 200
    text = _certificate(page)
    assert "southtrust-abl, as of 2003-12-31" in text
    assert f"Availability ${int(float(AVAILABILITY)):,}.00" in text  # $2,892,500.00
    assert _lines(page, "note") == [
        "note: as of 2003-12-31: the date of aging-2003-12-31.csv, from its file name"
    ]
    assert _lines(page, "warning") == []


def test_without_a_date_in_the_name_the_latest_invoice_date_is_used() -> None:
    # the latest invoice of the hand-made aging is GAMMA's credit memo I8 of 2003-12-15
    status, page = _upload(
        {"receivables": ("aging.csv", AGING_CSV), "inventory": ("stock.csv", INVENTORY_CSV)}
    )
    assert status == 200
    assert "southtrust-abl, as of 2003-12-15" in _certificate(page)
    assert _lines(page, "note") == [
        "note: as of 2003-12-15: the date of aging.csv, from its latest invoice date"
    ]


def test_a_given_date_that_disagrees_with_the_aging_is_warned_of_and_printed() -> None:
    status, page = _upload(
        {
            "receivables": ("aging-2003-12-31.csv", AGING_CSV),
            "inventory": ("stock.csv", INVENTORY_CSV),
        },
        as_of="2004-01-31",
    )
    assert status == 200
    assert "southtrust-abl, as of 2004-01-31" in _certificate(page)
    warnings = [
        "as of 2004-01-31, but aging-2003-12-31.csv is as of 2003-12-31 (from its file name): "
        "invoices are aged and loans taken as of 2004-01-31"
    ]
    assert _lines(page, "warning") == [f"warning: {w}" for w in warnings]
    # the certificate offered for signing carries them before its certification
    url = re.search(r'href="(/upload/[^"]+\.html)"', page)
    assert url is not None
    certificate = text_of(example_client().get(url.group(1)).text)
    for warning in warnings:
        assert f"Warning: {warning}" in certificate
        assert certificate.index(f"Warning: {warning}") < certificate.index("Certification")


def test_without_an_inventory_upload_the_portfolios_listing_is_used_and_said() -> None:
    status, page = _upload({"receivables": ("aging-2003-12-31.csv", AGING_CSV)})
    assert status == 200
    assert _lines(page, "note")[1] == (
        "note: no inventory uploaded: the portfolio's facts/inventory/2003-11-30.csv is used"
    )
    text = _certificate(page)
    # the listing's eligible general inventory $17,101,184.41 x 50% = 8,550,592.205 and
    # BellSouth's $8,281,139.95 x 65% = 5,382,740.9675: 13,933,333.1725 -> $13,933,333.17
    # (under the $20,000,000 cap); borrowing base 25,542,500.00 + 13,933,333.17 =
    # 39,475,833.17 (under the $40,000,000 commitment); less 29,250,000.00 of loans, letters
    # of credit and reserves: availability $10,225,833.17
    assert "Inventory advance $13,933,333.17" in text
    assert "Borrowing base $39,475,833.17" in text
    assert "Availability $10,225,833.17" in text


def test_before_the_portfolios_first_listing_there_is_no_inventory_and_a_warning() -> None:
    october = "invoice_id,debtor_id,invoice_date,due_date,open_balance\nI1,ACME,2003-10-01,2003-10-31,1000000.00\n"
    status, page = _upload({"receivables": ("aging.csv", october)}, as_of="2003-10-31")
    assert status == 200
    assert (
        "warning: no inventory uploaded and none in the portfolio on or before 2003-10-31: "
        "no inventory advance"
    ) in _lines(page, "warning")


def test_an_overadvance_is_a_critical_alert_printed_on_the_certificate() -> None:
    status, page = _upload(
        {
            "receivables": ("aging-2003-12-31.csv", SMALL_AGING_CSV),
            "inventory": ("stock.csv", WIP_ONLY_CSV),
        }
    )
    assert status == 200
    alert = (
        "overadvance: availability is -$29,037,500.00: loans, letters of credit and reserves "
        "exceed the line cap by $29,037,500.00"
    )
    assert _lines(page, "alert critical") == [f"critical {alert}"]
    assert "Availability -$29,037,500.00" in _certificate(page)
    url = re.search(r'href="(/upload/[^"]+\.html)"', page)
    assert url is not None
    assert f"Warning: {alert}" in text_of(example_client().get(url.group(1)).text)


def test_no_date_given_none_in_the_name_and_no_invoices_is_one_line_and_400() -> None:
    status, page = _upload({"receivables": ("aging.csv", "")})
    assert status == 400
    assert error_lines(page) == [
        "error: as_of: found no date given, none in 'aging.csv' and no invoice dates in it; "
        "expected a date as YYYY-MM-DD"
    ]
