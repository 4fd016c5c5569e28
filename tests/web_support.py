"""Helpers for the dashboard tests: the example's app and client, the hand-made upload files
with their figures worked out by hand, and pulling lines out of the HTML."""

from __future__ import annotations

import html
import re
from functools import cache

from fastapi.testclient import TestClient

from conftest import EXAMPLE
from pactum.portfolio import load_portfolio
from pactum.web.app import create_app

# A hand-made aging for the SouthTrust revolver as of 2003-12-31 (90 days from invoice or 60
# past due is aged; 25% concentration; foreign and disputed are ineligible):
#   gross            6,000,000 + 1,000,000 + 9,000,000 + 8,000,000 + 10,000,000
#                    + 2,000,000 + 500,000                              = 36,500,000.00
#   credit balances  GAMMA's credit memo I8                                = 300,000.00
#   aged             I2: 138 days from invoice, 108 past due              = 1,000,000.00
#                    (ACME's aged 1,000,000 of 7,000,000 is 14%: not cross-aged)
#   foreign          EXPORT                                               = 2,000,000.00
#   disputed         I7                                                     = 500,000.00
#   concentration    remaining ACME 6,000,000, BETA 9,000,000, GAMMA 7,700,000,
#                    DELTA 10,000,000: 32,700,000 x 25% = 8,175,000 each at most:
#                    DELTA 1,825,000 + BETA 825,000                       = 2,650,000.00
#   eligible         32,700,000 - 2,650,000                              = 30,050,000.00
#   advance          x 85%                                               = 25,542,500.00
AGING_CSV = """\
invoice_id,debtor_id,invoice_date,due_date,open_balance,foreign,disputed
I1,ACME,2003-12-01,2003-12-31,6000000.00,,
I2,ACME,2003-08-15,2003-09-14,1000000.00,,
I3,BETA,2003-12-10,2004-01-09,9000000.00,,
I4,GAMMA,2003-11-20,2003-12-20,8000000.00,,
I5,DELTA,2003-12-05,2004-01-04,10000000.00,,
I6,EXPORT,2003-12-01,2003-12-31,2000000.00,true,
I7,BETA,2003-12-12,2004-01-11,500000.00,,true
I8,GAMMA,2003-12-15,2004-01-14,-300000.00,,
"""
# Inventory: general 8,000,000 x 50% + BellSouth 4,000,000 x 65% (consent recorded 5/15/03)
# = 6,600,000.00 (under the 20,000,000 cap); 1,000,000 work in process is ineligible.
INVENTORY_CSV = """\
sku,location,class,status,cost
S1,Duluth GA,general,available,8000000.00
S2,Duluth GA,general,work_in_process,1000000.00
S3,Duluth GA,bellsouth,available,4000000.00
"""
# borrowing base 25,542,500 + 6,600,000 = 32,142,500.00 = line cap (below 40,000,000);
# loans.csv at 2003-12-31: 28,500,000 + 500,000 letters of credit + 250,000 reserves;
# availability 32,142,500 - 29,250,000 = 2,892,500.00
AVAILABILITY = "2892500.00"

# row 3 has a thirteenth month
MALFORMED_AGING_CSV = """\
invoice_id,debtor_id,invoice_date,due_date,open_balance
I1,ACME,2003-12-01,2003-12-31,6000000.00
I2,ACME,2003-13-15,2004-01-14,1000000.00
"""
MALFORMED_ERROR = (
    "error: aging.csv:row 3: invoice_date: found '2003-13-15'; expected a date as YYYY-MM-DD"
)


# the address `pactum serve` binds by default: its Host is one the dashboard answers
LOOPBACK_URL = "http://127.0.0.1:8000"


@cache
def example_client() -> TestClient:
    """The example portfolio's dashboard on loopback (no token), shared by the tests."""
    return TestClient(create_app(load_portfolio(EXAMPLE)), base_url=LOOPBACK_URL)


def csrf_of(client: TestClient, path: str = "/upload") -> str:
    """The CSRF token of the form on `path`, as a browser would submit it (the client keeps
    the cookie it belongs to)."""
    found = re.search(r'name="csrf" value="([^"]+)"', client.get(path).text)
    assert found is not None, f"no CSRF field on {path}"
    return found.group(1)


def error_lines(page: str) -> list[str]:
    """The one-line errors a page shows."""
    return [html.unescape(m) for m in re.findall(r'<p class="error">(.*?)</p>', page)]


def text_of(fragment: str) -> str:
    """HTML without its tags, whitespace collapsed, entities decoded."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())
