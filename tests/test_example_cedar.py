"""The Cedar example, `examples/cedar/`: the District of Columbia's lease of 3924 Minnesota
Avenue NE from Cedar-Senator Square, LLC (Lease Commencement Date July 23, 2020), every figure
worked out by hand from the document.

Exhibit E, Net Rental on 239,800 RSF, 21 Lease Years at 2.5% steps (the corpus README's check):
year 1 22.52 x 239,800 = 5,400,296.00 a year, / 12 = 450,024.6667 -> 450,024.67 a month; year
20 36.03 -> 719,999.50; year 21 36.93 x 239,800 = 8,855,814.00, / 12 = 737,984.50 a month, and
"a partial Lease Year with 10 months of term": 8,855,814.00 x 10 / 12 = 7,379,845.00.

The Rent Commencement Date (the Declaration of Delivery, illustrative) is Monday, March 15,
2021. Not a 1st: "the first Lease Year shall begin on the Rent Commencement Date and end one year
from the last day of the month in which the Rent Commencement Date occurs", March 31, 2022; so
lease month 1 is April 2021 and March 2021 is prorated "based on the number of days in the
subject month": 17 of 31 days (the 15th to the 31st), 450,024.67 x 17 / 31 = 246,787.7222 ->
246,787.72. Lease Year N is lease months 12N-11 to 12N: year 2 from April 2022, year 21 from
April 2041 (month 241) to January 2042 (month 250), ten months; the Term, "20 Lease Years and
10 months", ends January 31, 2042.

The whole term: 12 x (450,024.67 + ... + 719,999.50) = 12 x 11,498,609.85 = 137,983,318.20,
+ 10 x 737,984.50 = 145,363,163.20 (the annual column adds to 145,363,163.00, the corpus's
total; the 240 rounded installments are 20 cents more), + March 2021's 246,787.72 =
145,609,950.92.

The shares: "For Operating Costs: 100%" and "For Real Estate Taxes: 93.1%" (239,800 / (239,800
+ 17,800) = 0.930901 -> 93.1%).
"""

from __future__ import annotations

import csv
import hashlib
import tempfile
from functools import cache
from pathlib import Path

import pytest

from bad_input_support import run

CEDAR = Path(__file__).resolve().parents[1] / "examples" / "cedar"
CORPUS_BLOB = "e785c15f645ad7daaf922fcad59ed239d686625e"


@cache
def roll() -> dict[str, dict[str, str]]:
    out = Path(tempfile.mkdtemp()) / "roll.csv"
    result = run("rent", str(CEDAR), "cedar-lease", "--csv", str(out))
    assert result.exit_code == 0, result.output
    with out.open(encoding="utf-8") as handle:
        return {row["month"]: row for row in csv.DictReader(handle)}


def test_the_document_is_the_corpus_file_unchanged() -> None:
    data = (CEDAR / "documents" / "cedar-dc-dgs-3924-minnesota-ave-lease-2020.txt").read_bytes()
    assert hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest() == CORPUS_BLOB


def test_verify_recomputes_the_42_figures_of_exhibit_e_and_the_tax_share() -> None:
    result = run("verify", str(CEDAR))
    assert result.exit_code == 0, result.output
    assert "44 stated figures recomputed" in result.stdout and "0 failures" in result.stdout


@pytest.mark.parametrize(
    ("month", "lease_year", "base_rent"),
    [
        ("2021-03", "year_1", "246787.72"),  # 17 of 31 days
        ("2021-04", "year_1", "450024.67"),  # lease month 1
        ("2022-03", "year_1", "450024.67"),  # the first Lease Year's last month
        ("2022-04", "year_2", "461215.33"),
        ("2041-03", "year_20", "719999.50"),
        ("2041-04", "year_21", "737984.50"),  # month 241
        ("2042-01", "year_21", "737984.50"),  # month 250, the last
    ],
)
def test_lease_years_and_the_partial_21st(month: str, lease_year: str, base_rent: str) -> None:
    line = roll()[month]
    assert (line["lease_year"], line["base_rent"]) == (lease_year, base_rent)


def test_the_term_is_250_months_and_a_prorated_first() -> None:
    lines = roll()
    months = [m for m in lines if m != "total"]
    assert (months[0], months[-1], len(months)) == ("2021-03", "2042-01", 251)
    assert sum(1 for m in months if lines[m]["lease_year"] == "year_21") == 10
    assert lines["total"]["base_rent"] == "145609950.92"


def test_two_shares_for_the_two_pools() -> None:
    line = roll()["2030-06"]
    assert (line["operating_share"], line["taxes_share"]) == ("1.00", "0.931")


def test_rent_is_due_in_arrears_on_the_fifth_of_the_month_after() -> None:
    """Section 7.1 "in arrears ... on or before the 5th day of the calendar month following",
    the prorated first month too (7.2): March 2021 on April 5, January 2042 on February 5."""
    lines = roll()
    assert lines["2021-03"]["due"] == "2021-04-05"
    assert lines["2021-04"]["due"] == "2021-05-05"
    assert lines["2042-01"]["due"] == "2042-02-05"


def test_the_tenant_improvement_allowance_is_repaid_over_240_months() -> None:
    """$37,169,000.00 at 6.7% / 12 over 240 months: 37,169,000 x i / (1 - (1 + i)^-240),
    i = 0.0055833, = 281,515.8687 -> 281,515.87 a month, lease months 1-240 (April 2021 to
    March 2041), 240 x 281,515.87 = 67,563,808.80."""
    lines = roll()
    assert lines["2021-03"]["allowance_repayment"] == "0.00"  # the prorated month before
    assert lines["2021-04"]["allowance_repayment"] == "281515.87"
    assert lines["2041-03"]["allowance_repayment"] == "281515.87"
    assert lines["2041-04"]["allowance_repayment"] == "0.00"  # year 21: repaid
    assert lines["total"]["allowance_repayment"] == "67563808.80"
    # the note names the allowance as the lease does and the amount as dollars
    assert lines["2021-04"]["allowance_note"] == (
        "Tenant Improvement Allowance repaid: $37,169,000.00 at 0.067 / 12 over 240 months, "
        "half-up to the cent"
    )


def test_verify_notes_the_rate_rounded_before_the_year() -> None:
    """$14.09 per RSF agrees with the annuity's 281,515.87 x 12 / 239,800 = 14.0875 to two
    places, but 14.09 x 239,800 = 3,378,782.00 a year against 12 x 281,515.87 =
    3,378,190.44: 591.56 more."""
    result = run("verify", str(CEDAR))
    text = " ".join(result.stdout.split())
    assert "14.0875: the same to 2 places" in text
    assert "difference 591.56" in text
