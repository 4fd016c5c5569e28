"""The Integra example, `examples/integra/`: PRIDCO's Construction and Lease Contract with
Integra NeuroSciences P.R. (April 11, 2003), every figure worked out by hand from the document
and the corpus README.

Clause Four: $89,852.46 a year for 180 months; the installment $89,852.46 / 12 = 7,487.705 ->
7,487.71 (the stated Monthly Basic Rent agrees). But 12 x 7,487.71 = 89,852.52, six cents more
than the annual, and the annual is not the rate x the heading's area: 3.85 x 6,513 = 25,075.05
(89,852.46 / 3.85 = 23,338.30 sf, never stated): verify reports both. The deposit, 3,016.28 +
7,766.02 = 10,782.30, agrees.

The delivery (illustrative) is Monday, March 15, 2004: rent from "the first day of the
following month", April 1, 2004; the 180th month is March 2019, the term's last day March 31,
2019. 180 x 7,487.71 = 1,347,787.80. Clause Six: machinery six months from April 1, 2004:
October 1, 2004; 85 workers eighteen months from it: October 1, 2005.
"""

from __future__ import annotations

import csv
import hashlib
import json
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from bad_input_support import run

INTEGRA = Path(__file__).resolve().parents[1] / "examples" / "integra"
CORPUS_BLOB = "aa695411944f44ad72b20f72cb66425ebfe07d51"


@cache
def roll() -> dict[str, dict[str, str]]:
    out = Path(tempfile.mkdtemp()) / "roll.csv"
    result = run("rent", str(INTEGRA), "integra-lease", "--csv", str(out))
    assert result.exit_code == 0, result.output
    with out.open(encoding="utf-8") as handle:
        return {row["month"]: row for row in csv.DictReader(handle)}


def check_json(as_of: str) -> dict[str, Any]:
    result = run("check", str(INTEGRA), "--as-of", as_of, "--json")
    assert result.exit_code == 0, result.output
    [agreement] = json.loads(result.stdout)["agreements"]
    return dict(agreement)


def test_the_document_is_the_corpus_file_unchanged() -> None:
    data = (
        INTEGRA / "documents" / "integra-pridco-anasco-construction-lease-2003.txt"
    ).read_bytes()
    assert hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest() == CORPUS_BLOB


def test_verify_reports_the_six_cents_and_the_rate_that_is_not_the_rent() -> None:
    result = run("verify", str(INTEGRA))
    assert result.exit_code == 1, result.output
    text = " ".join(result.stdout.split())
    assert "4 stated figures recomputed" in text and "2 failures" in text
    assert "expected 89852.52 from the terms (7487.71 * 12 = 89852.52); difference -0.06" in text
    assert "expected 25075.05 from the terms" in text and "difference 64777.41" in text
    assert "0 unsourced" in text


@pytest.mark.parametrize(
    ("month", "due", "base_rent"),
    [
        ("2004-04", "2004-04-01", "7487.71"),  # the first month after the delivery
        ("2011-09", "2011-09-01", "7487.71"),
        ("2019-03", "2019-03-01", "7487.71"),  # month 180, the last
    ],
)
def test_the_installment_for_180_months(month: str, due: str, base_rent: str) -> None:
    line = roll()[month]
    assert (line["due"], line["base_rent"], line["base_rent_due"]) == (due, base_rent, base_rent)


def test_the_term_runs_from_april_2004_to_march_2019() -> None:
    lines = roll()
    # the lease years' months; the existing building's $2.75 rent from May 2003 to March 2004
    # (Fifty-one(e)) comes in rows of its own before them
    months = [m for m in lines if m != "total" and lines[m]["lease_year"] == "months_1_180"]
    assert (months[0], months[-1], len(months)) == ("2004-04", "2019-03", 180)
    assert lines["total"]["base_rent"] == "1347787.80"
    before = [m for m in lines if lines[m]["lease_year"] == "outside the lease years"]
    assert (before[0], before[-1], len(before)) == ("2003-05", "2004-03", 11)


def test_before_the_commencement_there_is_no_rent() -> None:
    found = check_json("2004-03-31")
    assert found["values"]["base_rent"] is None


def test_the_deposit_is_held_from_the_delivery() -> None:
    assert check_json("2004-03-14")["values"]["deposit-balance"] == "0.00"
    assert check_json("2004-03-15")["values"]["deposit-balance"] == "10782.30"


def test_the_commitments_fall_six_and_eighteen_months_after_the_commencement() -> None:
    due = {o["what"]: o["due"] for o in check_json("2004-06-30")["obligations"]}
    assert due["Install manufacturing machinery and equipment worth at least $900,899.00"] == (
        "2004-10-01"
    )
    later = {o["what"]: o["due"] for o in check_json("2005-06-30")["obligations"]}
    assert later["Employ at least eighty-five (85) production workers"] == "2005-10-01"
    # due on the named date itself (within 0 days): the note gives how the date was found,
    # not "0 days after" it
    notes = {o["what"]: o["note"] for o in check_json("2004-06-30")["obligations"]}
    note = notes["Install manufacturing machinery and equipment worth at least $900,899.00"]
    assert note.startswith("extension_delivered recorded on 2004-03-15; delivery = 2004-03-15")
    assert note.endswith("6 months after 2004-04-01 = 2004-10-01; machinery_due = 2004-10-01")
