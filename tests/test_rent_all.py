"""`pactum rent PORTFOLIO --all`: every lease of a portfolio side by side, a row a month, each
lease's base rent due and the total, against figures worked out by hand.

The portfolio holds two leases and a standstill (which has no rent and no column):

- `north`: 1,000 sf at $24.00 a year per sf from Monday, January 15, 2024, months 1-12:
  24.00 x 1,000 = 24,000.00 a year, / 12 = 2,000.00 a month. The commencement is not a 1st,
  so month 1 is February 2024 and January is prorated by its days: 17 days (the 15th to the
  31st, both counted) of 31: 2,000.00 x 17 / 31 = 1,096.7742 -> 1,096.77. The term runs to the
  end of month 12, January 2025.
- `south`: $1,500.00 a month from March 1, 2024, months 1-12 (March 2024 to February 2025);
  March 2024's $1,500.00 abated in full.

| month | north | south | total |
|---|---|---|---|
| 2024-01 | 1,096.77 | | 1,096.77 |
| 2024-02 | 2,000.00 | | 2,000.00 |
| 2024-03 | 2,000.00 | 0.00 | 2,000.00 |
| 2024-04 | 2,000.00 | 1,500.00 | 3,500.00 |
| total | 7,096.77 | 1,500.00 | 8,596.77 |

Over both whole terms: north 1,096.77 + 12 x 2,000.00 = 25,096.77; south 11 x 1,500.00 =
16,500.00; together 41,596.77, in 14 months (January 2024 to February 2025).
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from bad_input_support import one_error, run

DOCUMENT = """\
NORTH LEASE. The Tenant leases 1,000 rentable square feet. The Term commences on January 15,
2024. Base Rent is $24.00 per rentable square foot per year, payable monthly in advance on the
first day of each month. A partial month is prorated on the basis of the number of days.
SOUTH LEASE. Base Rent is One Thousand Five Hundred Dollars ($1,500.00) per month from
March 1, 2024, for twelve months, due on the first day of each month; the Base Rent for the
first month of the Term is abated.
"""


def _lease(agreement: str, space: str, start: str, rent: str, extra: str = "") -> str:
    return f"""\
id: {agreement}
title: {agreement.title()} lease
document: documents/leases.txt
dated: {{value: 2023-12-01, assumed: an illustrative lease}}
parties: [Landlord, Tenant]
clauses:
  - id: lease
    type: lease
    spaces:
      - id: premises
        area: {space}
        in_premises_from: {start}
    rent_commencement: {start}
    lease_years:
      - id: year_1
        months: {{value: "1-12", assumed: twelve months}}
        {rent}
    rent_due_day: {{value: 1, cite: "first day of each month"}}
{extra}"""


NORTH = _lease(
    "north",
    '{value: 1000, cite: "1,000 rentable square feet"}',
    '{value: 2024-01-15, cite: "commences on January 15,\\n2024"}',
    'rate: {value: 24.00, cite: "$24.00 per rentable square foot per year"}',
    '    proration: {value: days_in_month, cite: "on the basis of the number of days"}\n',
)
SOUTH = _lease(
    "south",
    "{value: 1000, assumed: the area does not set the rent}",
    '{value: 2024-03-01, cite: "March 1, 2024"}',
    'monthly: {value: 1500.00, cite: "($1,500.00) per month"}',
    "    abatements:\n"
    '      - {month: {value: 2024-03, assumed: "the first month of the Term is abated"}, '
    'amount: {value: 1500.00, cite: "($1,500.00)"}}\n',
)


@pytest.fixture(scope="module")
def two_leases(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("rent-all")
    (root / "documents").mkdir()
    (root / "documents" / "leases.txt").write_text(DOCUMENT, encoding="utf-8")
    (root / "agreements").mkdir()
    (root / "agreements" / "north.yaml").write_text(NORTH, encoding="utf-8")
    (root / "agreements" / "south.yaml").write_text(SOUTH, encoding="utf-8")
    (root / "portfolio.yaml").write_text(
        "company: Tenant\ncalendar: {country: US}\nas_of: 2024-06-30\n"
        "agreements: [agreements/north.yaml, agreements/south.yaml]\n",
        encoding="utf-8",
    )
    return root


def _rows(path: Path) -> list[list[str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.reader(handle))


def test_a_window_of_both_leases_by_hand(two_leases: Path, tmp_path: Path) -> None:
    out = tmp_path / "roll.csv"
    result = run(
        "rent", str(two_leases), "--all", "--from", "2024-01", "--to", "2024-04", "--csv", str(out)
    )
    assert result.exit_code == 0, result.output
    assert _rows(out) == [
        ["month", "north", "south", "total"],
        ["2024-01", "1096.77", "", "1096.77"],
        ["2024-02", "2000.00", "", "2000.00"],
        ["2024-03", "2000.00", "0.00", "2000.00"],
        ["2024-04", "2000.00", "1500.00", "3500.00"],
        ["total", "7096.77", "1500.00", "8596.77"],
    ]


def test_both_whole_terms(two_leases: Path, tmp_path: Path) -> None:
    out = tmp_path / "roll.csv"
    assert run("rent", str(two_leases), "--all", "--csv", str(out)).exit_code == 0
    rows = _rows(out)
    assert [r[0] for r in rows[1:-1]] == [f"2024-{m:02d}" for m in range(1, 13)] + [
        "2025-01",
        "2025-02",
    ]
    assert rows[-2] == ["2025-02", "", "1500.00", "1500.00"]  # north ended with January
    assert rows[-1] == ["total", "25096.77", "16500.00", "41596.77"]


def test_on_screen_and_as_xlsx(two_leases: Path, tmp_path: Path) -> None:
    shown = run("rent", str(two_leases), "--all", "--to", "2024-02")
    assert shown.exit_code == 0, shown.output
    assert "1,096.77" in shown.stdout and "3,096.77" in shown.stdout  # January + February
    out = tmp_path / "roll.xlsx"
    written = run("rent", str(two_leases), "--all", "--xlsx", str(out))
    assert written.exit_code == 0 and out.stat().st_size > 0
    assert "14 months" in written.stdout


@pytest.mark.parametrize(
    ("extra", "starts"),
    [
        (["north"], "error: --all: found beside the agreement north; expected"),
        (["--accounting"], "error: --all: found beside --accounting; expected"),
        (["--discount-rate", "0.06"], "error: --all: found beside --discount-rate; expected"),
    ],
)
def test_all_refuses_one_lease_options(two_leases: Path, extra: list[str], starts: str) -> None:
    assert one_error(run("rent", str(two_leases), "--all", *extra)).startswith(starts)


def test_neither_an_agreement_nor_all(two_leases: Path) -> None:
    line = one_error(run("rent", str(two_leases)))
    assert line.startswith("error: AGREEMENT: found nothing; expected a lease's agreement id")


def test_a_portfolio_without_a_lease(tmp_path: Path) -> None:
    example = Path(__file__).resolve().parents[1] / "examples" / "theravance"
    line = one_error(run("rent", str(example), "--all"))
    assert "portfolio.yaml" in line and "no agreement with a lease clause" in line
