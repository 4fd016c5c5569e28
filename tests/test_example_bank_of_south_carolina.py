"""The Bank of South Carolina example, `examples/bank-of-south-carolina/`: the lease of Suite
100 on Ingleside Boulevard (January 28, 2014), with an ILLUSTRATIVE CPI-U series.

$33.00 x 7,000 RSF = 231,000.00 a year, / 12 = 19,250.00 a month (the numerals; the words say
"Two Hundred Thirty-One", which verify reports). The Rent Commencement Date is the earlier of
the opening (illustrative: Monday, March 16, 2015) and 120 days after delivery (December 8,
2014 + 120 days = April 7, 2015): March 16, 2015. March is prorated and paid in advance,
19,250.00 x 16 / 31 = 9,935.4839 -> 9,935.48, and the first Lease Year starts "on the first day
of the succeeding month", April 1, 2015, so year 2's Beginning Index is January 2015's (three
months before April 1, 2015), not December 2014's (three months before March 16). Each Lease Year the Monthly Base Rent x
Current Index (January, three months before) / Beginning Index (the January before), "the
lesser of" the CPI increase "or Three (3%) percent", rounded half-up to the cent:

    year 2  2016-04  244.800 / 240.000 = 1.02           19,250.00 x 1.02 = 19,635.00
    year 3  2017-04  253.368 / 244.800 = 1.035, capped: 19,635.00 x 1.03 = 20,224.05
    year 4  2018-04  20,224.05 x 257.421 / 253.368 = 20,547.5639 -> 20,547.56
    year 5  2019-04  256.000 < 257.421: no increase       = 20,547.56
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from bad_input_support import run

BANK = Path(__file__).resolve().parents[1] / "examples" / "bank-of-south-carolina"
CORPUS_BLOB = "60194704096371caf89479cb9349544902a2bc67"


def test_the_document_is_the_corpus_file_unchanged() -> None:
    path = BANK / "documents" / "bank-of-south-carolina-ingleside-blvd-lease-2014.txt"
    data = path.read_bytes()
    assert hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest() == CORPUS_BLOB


def test_verify_reports_the_rent_in_words_that_omits_thousand() -> None:
    result = run("verify", str(BANK))
    assert result.exit_code == 1, result.output
    assert "the document\nstates 231" in result.stdout or "states 231;" in " ".join(
        result.stdout.split()
    )
    assert "expected 231000.00" in result.stdout and "1 failures" in result.stdout


@pytest.mark.parametrize(
    ("as_of", "installment"),
    [
        ("2015-03-16", "9935.48"),
        ("2015-04-01", "19250.00"),
        ("2016-03-31", "19250.00"),
        ("2016-04-01", "19635.00"),
        ("2017-04-01", "20224.05"),
        ("2018-04-01", "20547.56"),
        ("2019-04-01", "20547.56"),
    ],
)
def test_cpi_escalation_capped_at_three_percent(as_of: str, installment: str) -> None:
    result = run("check", str(BANK), "--as-of", as_of, "--json")
    assert result.exit_code == 0, result.output
    [agreement] = json.loads(result.stdout)["agreements"]
    assert agreement["values"]["base_rent"] == installment


def test_a_mid_month_commencement_counts_the_beginning_index_from_the_first_full_month() -> None:
    result = run("check", str(BANK), "--as-of", "2016-04-01", "--json")
    assert result.exit_code == 0, result.output
    [agreement] = json.loads(result.stdout)["agreements"]
    inputs = agreement["traces"]["base_rent"]["inputs"]
    assert inputs["beginning_index"].startswith("240.000 (2015-01,")
    assert inputs["current_index"].startswith("244.800 (2016-01,")


def test_the_prorated_first_month_is_due_on_the_commencement_date() -> None:
    result = run("check", str(BANK), "--as-of", "2015-03-16", "--json")
    [agreement] = json.loads(result.stdout)["agreements"]
    trace = agreement["traces"]["base_rent"]
    assert trace["inputs"]["days"] == "16 of 31 days in the term"
    assert "2015-03-16" in trace["formula"]
