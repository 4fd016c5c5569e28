"""The Novavax example, `examples/novavax/`: the One Taft Court lease of March 30, 1995, the
landlord's consent to its assignment to Novavax (dated September 1, 1999, effective August
10, 1999) and Novavax's letter of September 29, 1999 exercising the extension option, every
figure worked out by hand from the documents.

Rent (Sections 3 and 4): $158,530.50 a year, "adjusted at the end of each year during the term
hereof by a 3% increase over the rent then being paid", on the annual "minimum rent", each
year's amount half-up to the cent and the installment its twelfth, half-up to the cent (the
lease's own $13,210.88 is $158,530.50 / 12 = $13,210.875 so rounded):

| lease year | from | annual | x 1.03 unrounded | installment |
|---|---|---|---|---|
| 1 | 1995-04-01 | 158,530.50 | (stated) | 13,210.875 -> 13,210.88 |
| 2 | 1996-04-01 | 163,286.42 | 163,286.415 | 13,607.2017 -> 13,607.20 |
| 3 | 1997-04-01 | 168,185.01 | 168,185.0126 | 14,015.4175 -> 14,015.42 |
| 4 | 1998-04-01 | 173,230.56 | 173,230.5603 | 14,435.88 |
| 5 | 1999-04-01 | 178,427.48 | 178,427.4768 | 14,868.9567 -> 14,868.96 |
| 6 | 2000-04-01 | 183,780.30 | 183,780.3044 | 15,315.025 -> 15,315.03 (half-up) |
| 7 | 2001-04-01 | 189,293.71 | 189,293.709 | 15,774.4758 -> 15,774.48 |
| 8 | 2002-04-01 | 194,972.52 | 194,972.5213 | 16,247.71 |
| 9 | 2003-04-01 | 200,821.70 | 200,821.6956 | 16,735.1417 -> 16,735.14 |
| 10 | 2004-04-01 | 206,846.35 | 206,846.351 | 17,237.1958 -> 17,237.20 |

Years 6 to 10 are the extension's, "at the same terms and conditions": the 3% read as going on
(the corpus README's figures). Ten years of installments: 12 x (13,210.88 + 13,607.20 +
14,015.42 + 14,435.88 + 14,868.96 + 15,315.03 + 15,774.48 + 16,247.71 + 16,735.14 + 17,237.20)
= 12 x 151,447.90 = $1,817,374.80.

The option (Section 2): notice "six (6) months prior to the expiration of this lease", March 31,
2000: six months back is September 31, 1999, which does not exist, so September 30, 1999. The
letter is dated September 29, 1999: one day to spare.
"""

from __future__ import annotations

import csv
import hashlib
import json
import shutil
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from bad_input_support import run

NOVAVAX = Path(__file__).resolve().parents[1] / "examples" / "novavax"
AGREEMENT = "one-taft-court-lease"
CORPUS_BLOB = "cda2767c78481f483cc64b72d474ed15b36c3ae6"  # the corpus file, as filed
# the three instruments in the order the exhibit files them: the letter, the consent, the lease
DOCUMENTS = (
    "novavax-extension-exercise-1999-09-29.txt",
    "rickman-assignment-consent-1999-09-01.txt",
    "one-taft-court-lease-1995-03-30.txt",
)


@cache
def found(as_of: str, folder: Path = NOVAVAX) -> dict[str, Any]:
    """The agreement's findings in JSON on a date."""
    result = run("check", str(folder), "--as-of", as_of, "--json")
    assert result.exit_code == 0, result.output
    [agreement] = [a for a in json.loads(result.stdout)["agreements"] if a["id"] == AGREEMENT]
    return dict(agreement)


def test_the_three_documents_are_the_exhibit_split_without_an_edit() -> None:
    data = b"".join((NOVAVAX / "documents" / name).read_bytes() for name in DOCUMENTS)
    assert hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest() == CORPUS_BLOB
    # (the filed text spaces some dates with no-break spaces: compared word by word)
    letter, consent, lease = (
        " ".join((NOVAVAX / "documents" / n).read_text().split()) for n in DOCUMENTS
    )
    assert "September 29, 1999" in letter and "exercising its option" in letter
    assert "September 1, 1999" in consent and "effective August 10, 1999" in consent
    assert letter.count("Rickman") == 2 and "LEASE AGREEMENT" not in consent
    assert lease.startswith("LEASE AGREEMENT")


RENT = [
    # (a month of each lease year, its lease year, the annual rent, the installment)
    ("1995-04-30", "year_1", "158530.50", "13210.88"),
    ("1996-03-31", "year_1", "158530.50", "13210.88"),  # the last month before the first step
    ("1996-04-30", "year_2", "163286.42", "13607.20"),
    ("1997-06-30", "year_3", "168185.01", "14015.42"),
    ("1998-04-01", "year_4", "173230.56", "14435.88"),
    ("1999-12-31", "year_5", "178427.48", "14868.96"),
    ("2000-04-01", "year_6", "183780.30", "15315.03"),  # 15,315.025: half-up
    ("2001-04-30", "year_7", "189293.71", "15774.48"),
    ("2002-07-31", "year_8", "194972.52", "16247.71"),
    ("2003-04-30", "year_9", "200821.70", "16735.14"),
    ("2005-03-31", "year_10", "206846.35", "17237.20"),  # the extended term's last month
]


@pytest.mark.parametrize(("as_of", "year", "annual", "installment"), RENT)
def test_the_rent_of_each_lease_year_with_its_3_percent_steps(
    as_of: str, year: str, annual: str, installment: str
) -> None:
    agreement = found(as_of)
    assert agreement["values"]["base_rent"] == installment
    assert agreement["values"]["base_rent_due"] == installment  # no abatement
    trace = agreement["traces"]["base_rent"]
    # the lease year in words for people ("lease year 6 ..."); the JSON's id stays year_6
    assert trace["inputs"]["lease_year"].split()[:3] == [
        "lease",
        "year",
        year.removeprefix("year_"),
    ]
    assert trace["inputs"]["annual"] == annual
    if year != "year_1":
        # the step and its rounding point, and the lease's words for it
        assert "x 1.03" in trace["formula"] and "half-up to the cent" in trace["formula"]
        quotes = {(s["quote"], s["instrument"]) for s in trace["sources"]}
        assert (
            "adjusted at the end of each year during the term hereof by a 3% increase over the "
            "rent then being paid",
            "lease",
        ) in quotes


def test_the_rent_roll_over_the_extended_term(tmp_path: Path) -> None:
    out = tmp_path / "roll.csv"
    result = run("rent", str(NOVAVAX), AGREEMENT, "--csv", str(out))
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(out.open()))
    months = [r for r in rows if r["month"] != "total"]
    assert len(months) == 120  # April 1995 to March 2005
    assert (months[0]["month"], months[-1]["month"]) == ("1995-04", "2005-03")
    assert [r["base_rent"] for r in months[11:13]] == ["13210.88", "13607.20"]
    assert [r["base_rent"] for r in months[59:61]] == ["14868.96", "15315.03"]
    [total] = [r for r in rows if r["month"] == "total"]
    assert total["base_rent"] == "1817374.80"


def test_before_the_exercise_the_term_ends_march_31_2000() -> None:
    # the day before the letter: the lease's five years; no rent after the original expiry
    before = found("1999-09-28")
    ends = [o for o in before["obligations"] if o["what"] == "End of the rent schedule's term"]
    assert [o["due"] for o in ends] == ["2000-03-31"]
    assert not any(o["due"] >= "2000-04-01" for o in before["obligations"])
    after = found("1999-09-29")
    assert any(
        o["due"] == "2000-04-01" and o["what"] == "Base rent for April 2000 (lease year 6)"
        for o in after["obligations"]
    )
    # the extension's first year is set by the letter, its 3% by the lease's words
    year_6 = found("2000-04-30")["traces"]["base_rent"]["sources"][0]
    assert (year_6["path"], year_6["instrument"]) == ("clauses.3.lease_years.5.increase", "lease")


TENANT = [
    ("1995-04-01", "DynCorp Advanced Technology Services, Inc.", "lease"),
    ("1999-08-09", "DynCorp Advanced Technology Services, Inc.", "lease"),
    # the consent is dated September 1 but effective August 10: the assignee from that day
    ("1999-08-10", "Novavax, Inc.", "consent"),
    ("1999-08-31", "Novavax, Inc.", "consent"),
    ("2004-12-31", "Novavax, Inc.", "consent"),  # the exercise letter keeps the tenant
]


@pytest.mark.parametrize(("as_of", "tenant", "instrument"), TENANT)
def test_the_tenant_before_and_after_the_assignment(
    as_of: str, tenant: str, instrument: str
) -> None:
    agreement = found(as_of)
    assert agreement["values"]["tenant"] == tenant
    [source] = agreement["traces"]["tenant"]["sources"]
    assert source["instrument"] == instrument


def test_the_option_window_closes_september_30_1999_and_the_letter_is_timely() -> None:
    open_ = found("1999-09-28")
    assert open_["values"]["option-extension"] == "open"
    [alert] = [a for a in open_["alerts"] if "extend the term" in a["message"]]
    assert alert["severity"] == "critical"  # two days left: within the 30-day lead
    assert "the window closes 1999-09-30, 2 days away" in alert["message"]
    exercised = found("1999-09-29")
    assert exercised["values"]["option-extension"] == "exercised"
    inputs = exercised["traces"]["option-extension"]["inputs"]
    assert inputs["status"].startswith("exercised on 1999-09-29")
    assert inputs["window"] == "through 1999-09-30"
    assert inputs["step 2"] == "6 months before 2000-03-31 = 1999-09-30"
    assert not [a for a in exercised["alerts"] if "extend the term" in a["message"]]


@pytest.mark.parametrize(
    ("letter", "status"),
    [("1999-09-30", "exercised"), ("1999-10-01", "lapsed")],  # the last day counts; a day late not
)
def test_an_exercise_on_the_last_day_counts_and_a_day_late_does_not(
    tmp_path: Path, letter: str, status: str
) -> None:
    folder = tmp_path / "novavax"
    shutil.copytree(NOVAVAX, folder)
    events = folder / "facts" / "events.yaml"
    events.write_text(events.read_text().replace("date: 1999-09-29", f"date: {letter}"))
    agreement = found("1999-12-31", folder)
    assert agreement["values"]["option-extension"] == status
    late = [a for a in agreement["alerts"] if "extend the term" in a["message"]]
    assert [a["severity"] for a in late] == ([] if status == "exercised" else ["critical"])


def history(term: str) -> str:
    result = run("history", str(NOVAVAX), AGREEMENT, "--term", term)
    assert result.exit_code == 0, result.output
    return " ".join(result.output.split())


def test_history_names_the_instrument_that_set_the_tenant() -> None:
    shown = history("lease.tenant")
    # the three instruments, each dated and effective (the consent before its date)
    assert "consent 1999-09-01 1999-08-10" in shown  # kind, dated, effective
    assert "from 1995-03-30 lease: DynCorp Advanced Technology Services, Inc." in shown
    assert "from 1999-08-10 consent: Novavax, Inc." in shown
    assert "1 terms" in shown  # the exercise letter repeats the tenant: no change


def test_history_names_the_instrument_that_set_each_rent() -> None:
    shown = history("lease.lease_years")
    assert (
        'from 1995-03-30 lease: 158530.50 "hundred thirty & 50/100 DOLLARS ($158,530.50)' in shown
    )
    for year in (2, 3, 4, 5):
        assert f"lease.lease_years.year_{year}.increase from 1995-03-30 lease: 0.03" in shown
    for year in (6, 7, 8, 9, 10):
        assert (
            f"lease.lease_years.year_{year}.increase from 1999-09-29 extension_exercise: 0.03 "
            '"by a 3% increase over the rent then being paid" (Lease Agreement of March 30, 1995, '
            "Section 4)"  # "4. ADJUSTMENT OF MINIMUM RENT"
        ) in shown
    # neither the consent nor the letter changes the first five years: one entry each
    assert shown.count("lease.lease_years.year_1.annual from") == 1
    assert "from 1999-08-10 consent" not in shown


def test_verify_reports_the_documents_own_inconsistencies() -> None:
    result = run("verify", str(NOVAVAX), "--json")
    assert result.exit_code == 1, result.output  # one stated figure differs
    report = json.loads(result.stdout)
    assert report["agreements"][AGREEMENT]["cited"] > 0
    assert report["agreements"][AGREEMENT]["unsourced"] == 0
    failures = [f for f in report["findings"] if f["status"] == "fail"]
    # twelve "equal monthly installments" of $13,210.88 are $158,530.56, not the $158,530.50
    # a year Section 3 states: six cents
    [failure] = failures
    assert failure["check"] == "stated" and failure["field"] == "stated.1"
    assert failure["found"].endswith("the document states 158530.50")
    assert failure["expected"].startswith("158530.56 from the terms (13210.88 * 12")
    assert "difference -0.06" in failure["expected"]
    notes = [f for f in report["findings"] if f["status"] == "note"]
    # the consent is effective three weeks before the date it bears
    assert any(
        "'consent' dated 1999-09-01 is effective 1999-08-10, 22 days before its date" in n["found"]
        for n in notes
    )
    # the 22.08% implies a building of 11,743 / 0.2208 = 53,183.9 sf; said once, although
    # three versions of the lease clause carry the share
    implied = [n for n in notes if n["expected"].startswith("a building of 53,183.9 sf")]
    assert len(implied) == 1
    # the other stated figures agree: $158,530.50 / 12 = $13,210.875 -> $13,210.88; the
    # consent's 11,743 square feet is the lease's
    ok = {f["field"] for f in report["findings"] if f["status"] == "ok" and f["check"] == "stated"}
    assert {"stated.0", "stated.2"} <= ok
