"""Issue 17's figures on screen and paper: status and counts that agree, agreements not yet in
force or ended, projected failures in date order, documents a person reads (whole shares,
words, no internal ids), the rent roll's totals, the compliance certificate's calculation
schedule, and each family command's help naming an agreement of its own kind."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from bad_input_support import run as run_cli
from pactum.findings import (
    AgreementFindings,
    Basis,
    Comparator,
    Status,
    TestResult,
    Unit,
)
from web_support import example_client

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
INNOTRAC = EXAMPLES / "innotrac"


def _clause_types(agreement_id: str) -> set[str]:
    """The clause types of the example sheet of that id (read from its YAML text)."""
    [sheet] = EXAMPLES.glob(f"*/agreements/{agreement_id}.yaml")
    return set(re.findall(r"^\s+type: (\w+)", sheet.read_text(encoding="utf-8"), re.M))


@pytest.mark.parametrize(
    ("command", "clause_type"),
    [
        ("rent", "lease"),
        ("vote", "standstill"),
        ("notice", "notices"),
        ("interest", "interest"),
    ],
)
def test_each_family_command_help_gives_an_agreement_of_its_own_kind(
    command: str, clause_type: str
) -> None:
    result = run_cli(command, "--help")
    assert result.exit_code == 0, result.output
    text = " ".join(result.stdout.replace("│", " ").split())
    examples = re.findall(r"e\.g\. ([a-z0-9-]+-[a-z0-9-]+)", text)
    agreement_examples = [e for e in examples if list(EXAMPLES.glob(f"*/agreements/{e}.yaml"))]
    # `interest` used to give ipof-standstill, an agreement with no interest clause
    for example in agreement_examples:
        assert clause_type in _clause_types(example), (command, example)


def _check(as_of: str, *extra: str) -> str:
    result = run_cli("check", str(INNOTRAC), "--as-of", as_of, *extra)
    assert result.exit_code == 0, result.output
    return result.stdout


def _agreement_json(as_of: str, agreement_id: str) -> dict[str, Any]:
    found = json.loads(_check(as_of, "--json"))
    return next(a for a in found["agreements"] if a["id"] == agreement_id)


def test_a_failed_actual_test_is_a_breach_and_projected_failures_a_separate_count() -> None:
    # a draw request that does not fit is about a day to come, as a forecast is: projected
    failed_draw = TestResult(
        "draw", "Draw request", date(2003, 3, 20), Basis.request, Comparator.at_most, Unit.money,
        Decimal("4500000"), Decimal("5000000"), False, Decimal("-500000"),
    )  # fmt: skip
    failed_covenant = replace(
        failed_draw, id="tnw", label="Minimum tangible net worth", basis=Basis.actual,
        test_date=date(2003, 3, 31), comparator=Comparator.at_least,
    )  # fmt: skip
    watched = AgreementFindings("a", "A", tests=(failed_draw,))
    # the old overview counted the draw as a "failed test" beside the status "watch"
    assert (watched.status, watched.failed_tests, watched.projected_failures) == (
        Status.watch, (), (failed_draw,)
    )  # fmt: skip
    breached = AgreementFindings("a", "A", tests=(failed_draw, failed_covenant))
    assert breached.status is Status.breach
    assert (breached.failed_tests, breached.projected_failures) == (
        (failed_covenant,),
        (failed_draw,),
    )
    # the overview at 2003-02-28: SouthTrust is a watch with 0 failed tests and 3 projected
    # failures (the draw, the two forecasts); the old page said "failed tests 1"
    page = example_client().get("/?as_of=2003-02-28").text
    southtrust = page[page.index('id="agreement-southtrust-abl"') :]
    southtrust = southtrust[: southtrust.index("</tr>")]
    assert '<span class="status watch">watch</span>' in southtrust
    assert re.findall(r'<td class="num">(\d+)</td>', southtrust)[1:] == ["0", "3"]
    ipof = page[page.index('id="agreement-ipof-standstill"') :]
    assert '<span class="status not_yet_in_force">not yet in force</span>' in ipof


def test_projected_failures_are_listed_earliest_first() -> None:
    # at 2003-02-28: the draw of 3/20/03, the 3/31/03 forecast ($220,000 short), then the
    # 3/31/04 forecast ($70,000 short); the old screen listed them latest first
    text = _check("2003-02-28")
    southtrust = text[text.index("SouthTrust") : text.index("Windham")]
    fails = [line.split()[0] for line in southtrust.splitlines() if " FAIL " in line]
    assert fails == ["2003-03-20", "2003-03-31", "2004-03-31"]
    assert "watch (projected failures 3)" in southtrust


def test_an_agreement_dated_after_the_as_of_date_is_not_yet_in_force() -> None:
    # the IPOF agreement is dated August 14, 2003: at 2003-02-28 it binds nobody yet
    text = _check("2003-02-28")
    ipof = text[text.index("IPOF Group standstill") :]
    assert "not yet in force" in ipof.splitlines()[0]
    assert "warning" not in ipof  # the old screen warned of missing ownership rows
    assert "Not yet in force: the agreement is dated 2003-08-14, after 2003-02-28" in ipof
    found = _agreement_json("2003-02-28", "ipof-standstill")
    assert found["status"] == "not yet in force"
    assert (found["tests"], found["values"], found["obligations"]) == ([], {}, [])
    # on its date it is in force
    assert _agreement_json("2003-08-14", "ipof-standstill")["status"] != "not yet in force"


def test_after_maturity_no_test_is_run_and_one_line_says_the_agreement_ended() -> None:
    # SouthTrust matures 6/30/05; the Windham lease's sixth lease year ends 3/31/09
    text = _check("2010-01-01")
    assert "not evaluated" not in text  # 82 such warnings before
    southtrust = text[text.index("SouthTrust") : text.index("Windham")]
    assert southtrust.splitlines()[0].endswith(" ended")
    assert "Ended: the agreement's term ended on 2005-06-30 (maturity)" in southtrust
    found = _agreement_json("2010-01-01", "southtrust-abl")
    assert (found["status"], found["tests"], len(found["alerts"])) == ("ended", [], 1)
    assert _agreement_json("2010-01-01", "windham-lease")["status"] == "ended"
    # on the maturity date itself the facility is still in force
    assert _agreement_json("2005-06-30", "southtrust-abl")["status"] != "ended"


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("documents")
    result = run_cli("report", str(INNOTRAC), "--out", str(out))
    assert result.exit_code == 0, result.output
    return out


def _html(folder: Path, kind: str) -> str:
    [page] = folder.glob(f"{kind}-*.html")
    return page.read_text(encoding="utf-8")


def test_the_ownership_report_prints_whole_shares_and_words(documents: Path) -> None:
    whole = _html(documents, "ownership-and-voting")
    assert "DESIGN §7" not in whole  # a file the project does not have
    page = whole[: whole.index('class="trace"')]  # the figures (the traces show the inputs)
    # 15% of 11,486,573 is 1,722,985.95 shares: the fewest whole shares at 15% is 1,722,986,
    # and the group's 2,362,788 are 639,802 over it
    assert "1,722,985.95" not in page
    assert 'id="fig-threshold_term.shares_at_level" class="num">1,722,986' in page
    assert 'id="fig-threshold_term.margin" class="num">639,802' in page
    assert re.search(r"<th>Term in force</th>\s*<td[^>]*>yes<", page)
    assert ">true<" not in page


def test_the_rent_roll_names_lease_years_and_totals_the_term_once(documents: Path) -> None:
    page = _html(documents, "rent-roll")
    roll = page[page.index("Rent roll, month by month") :]
    roll = roll[: roll.index("</table>")]
    # a footer repeats on every printed page: the whole term's total is the last row
    assert "<tfoot" not in roll
    assert roll.count('class="total"') == 1
    assert roll.rindex('<tr class="total">') > roll.rindex("2009-03")
    assert "year_1" not in roll and "Lease year 1" in roll
    # opex.csv gives estimates for 2003 and 2004: April 2003 to December 2004 is 9 + 12 = 21
    # of the term's 72 months (April 2003 to March 2009); the total says so
    assert "The opex estimate total covers 21 of the 72 months, 2003-04 to 2004-12" in page
