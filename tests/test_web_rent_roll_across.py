"""The dashboard's page across agreements: the rent roll of every lease, a line a lease a
month and each month's total, for the chosen date and years, with its files; figures worked
out by hand (tests/two_leases_support.py, tests/test_rent_all.py):

- `north`: $2,000.00 a month from February 2024 (January prorated: 1,096.77), and its 10%
  expense share: 120,000.00 / 12 x 10% = 1,000.00 a month;
- `south`: $1,500.00 a month from March 2024, March abated in full; no expense share.

| month | lease | base rent | abatement | base rent due | expenses | total due |
|---|---|---|---|---|---|---|
| 2024-03 | north | 2,000.00 | 0.00 | 2,000.00 | 1,000.00 | 3,000.00 |
| 2024-03 | south | 1,500.00 | 1,500.00 | 0.00 | | 0.00 |
| 2024-03 total | | 3,500.00 | 1,500.00 | 2,000.00 | 1,000.00 | 3,000.00 |
| 2024-04 | north | 2,000.00 | 0.00 | 2,000.00 | 1,000.00 | 3,000.00 |
| 2024-04 | south | 1,500.00 | 0.00 | 1,500.00 | | 1,500.00 |
| 2024-04 total | | 3,500.00 | 0.00 | 3,500.00 | 1,000.00 | 4,500.00 |

Base rent due over 2024 matches `pactum rent --all`: north 1,096.77 + 11 x 2,000.00 =
23,096.77, south 9 x 1,500.00 = 13,500.00 (March to December, March abated), together
36,596.77.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from pactum.portfolio import load_portfolio
from pactum.web.app import create_app
from two_leases_support import write_two_leases
from web_support import LOOPBACK_URL, error_lines, example_client, text_of


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    root = write_two_leases(tmp_path_factory.mktemp("across"), with_expenses=True)
    return TestClient(create_app(load_portfolio(root)), base_url=LOOPBACK_URL)


def _rows(page: str) -> dict[str, list[str]]:
    """Each row of the roll by its month and lease ("2024-04 north", "2024-04 total")."""
    found: dict[str, list[str]] = {}
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", page, re.S):
        cells = [text_of(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        if cells and re.match(r"\d{4}-\d{2}|total", cells[0]):
            found[" ".join(c for c in cells[:2] if c)] = cells[2:]
    return found


def test_a_month_of_two_leases_by_hand(client: TestClient) -> None:
    page = client.get("/portfolio").text
    rows = _rows(page)
    assert rows["2024-03 north"] == ["$2,000.00", "$0.00", "$2,000.00", "$1,000.00", "$3,000.00"]
    assert rows["2024-03 south"] == ["$1,500.00", "$1,500.00", "$0.00", "", "$0.00"]
    assert rows["2024-03 total"] == [
        "$3,500.00",
        "$1,500.00",
        "$2,000.00",
        "$1,000.00",
        "$3,000.00",
    ]
    assert rows["2024-04 south"] == ["$1,500.00", "$0.00", "$1,500.00", "", "$1,500.00"]
    assert rows["2024-04 total"] == [
        "$3,500.00",
        "$0.00",
        "$3,500.00",
        "$1,000.00",
        "$4,500.00",
    ]
    # the as-of year by default: January to December 2024, south from March
    assert rows["2024-01 north"][:3] == ["$1,096.77", "$0.00", "$1,096.77"]
    assert "2024-02 south" not in rows and "2025-01 north" not in rows
    assert rows["total"][2] == "$36,596.77"  # base rent due, as `pactum rent --all` sums it


def test_each_lease_figure_links_to_its_agreement(client: TestClient) -> None:
    page = client.get("/portfolio", params={"as_of": "2024-06-30"}).text
    assert 'href="/agreements/north?as_of=2024-06-30" data-agreement="north">$3,000.00' in page
    assert 'title="South lease: its rent roll, 2024-04"' in page
    assert '<a href="/portfolio?as_of=2024-06-30"' in page  # in the navigation


def test_a_range_of_years(client: TestClient) -> None:
    rows = _rows(client.get("/portfolio", params={"from": "2024", "to": "2025"}).text)
    assert rows["2025-01 north"][2] == "$2,000.00"  # north's last month
    assert rows["2025-02 south"][2] == "$1,500.00"
    # both whole terms, as `pactum rent --all` gives them: 25,096.77 + 16,500.00
    assert rows["total"][2] == "$41,596.77"


def test_its_files_for_the_date_and_years(client: TestClient) -> None:
    page = client.get("/portfolio", params={"as_of": "2024-06-30", "from": "2024"}).text
    link = "/portfolio/documents/rent-roll-portfolio-2024-06-30.xlsx"
    assert f'{link}?as_of=2024-06-30&amp;from=2024&amp;to=2024"' in page
    got = client.get(link, params={"as_of": "2024-06-30", "from": "2024", "to": "2024"})
    assert got.status_code == 200
    assert got.headers["content-disposition"] == (
        'attachment; filename="rent-roll-portfolio-2024-06-30-2024.xlsx"'
    )
    html = client.get(link.replace(".xlsx", ".html")).text
    assert "36,596.77" in html


@pytest.mark.parametrize(
    ("params", "line"),
    [
        ({"from": "20x4"}, "error: from: found '20x4'; expected a year as YYYY, from 1900 to 2199"),
        ({"from": "2025", "to": "2024"}, "error: from: found 2025 after to 2024; expected a year"),
    ],
)
def test_bad_years_are_one_line(client: TestClient, params: dict[str, str], line: str) -> None:
    response = client.get("/portfolio", params=params)
    assert response.status_code == 400
    [shown] = error_lines(response.text)
    assert shown.startswith(line)


def test_the_overview_links_the_page() -> None:
    # the Innotrac example has a lease: its navigation links the page
    assert '<a href="/portfolio"' in example_client().get("/").text


def test_an_unknown_file_is_not_found(client: TestClient) -> None:
    assert client.get("/portfolio/documents/nothing.pdf").status_code == 404


def test_no_link_without_a_document_across_agreements() -> None:
    theravance = Path(__file__).resolve().parents[1] / "examples" / "theravance"
    client = TestClient(create_app(load_portfolio(theravance)), base_url=LOOPBACK_URL)
    assert 'href="/portfolio' not in client.get("/").text
