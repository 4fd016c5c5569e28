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
from two_leases_support import write_two_leases


@pytest.fixture(scope="module")
def two_leases(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_two_leases(tmp_path_factory.mktemp("rent-all"))


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
    assert line.startswith("error: AGREEMENT: found nothing; expected a lease's agreement id (")
    assert line.endswith("), or --all")


def test_the_portfolios_one_lease_when_none_is_named() -> None:
    example = Path(__file__).resolve().parents[1] / "examples" / "innotrac"
    unnamed = run("rent", str(example), "--from", "2004-01", "--to", "2004-03")
    named = run("rent", str(example), "windham-lease", "--from", "2004-01", "--to", "2004-03")
    assert unnamed.exit_code == 0 and unnamed.stdout == named.stdout


def test_a_portfolio_without_a_lease(tmp_path: Path) -> None:
    example = Path(__file__).resolve().parents[1] / "examples" / "theravance"
    line = one_error(run("rent", str(example), "--all"))
    assert "portfolio.yaml" in line and "no agreement with a lease clause" in line
