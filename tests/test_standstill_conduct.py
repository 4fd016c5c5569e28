"""Conduct covenants declared in the sheet, each with its id: an `action` event names one by
its id; one naming a covenant the sheet does not declare is refused (exit 2, one line)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from bad_input_support import assert_error, check, copy_example, line_number, replace_once
from conftest import Evaluate
from pactum.findings import Severity, Status

SHEET = "agreements/ipof-standstill.yaml"
EVENTS = "facts/events.yaml"
# the cited holding at signing, then 20.00%: the Term and the standstill last
OWNERSHIP = (
    "as_of,holder,shares,shares_outstanding\n"
    "2003-08-14,IPOF Group,2362788,11486573\n"
    "2003-09-30,IPOF Group,2000000,10000000\n"
)
# a covenant none of the seven ids names: 3.02(b)'s election contest declared on its own, with
# its own quote (an agreement may split a clause so, or add one the seven do not have)
ELECTION_CONTEST = """\
        - id: election_contest
          clause: "3.02(b)"
          title: no participating in an election contest
          cite: 'become a "participant" in any "election contest"'
"""


def action(on: str, kind: str) -> str:
    return f"- {{date: {on}, agreement: ipof-standstill, event: action, type: {kind}}}\n"


def declaring(example: Path) -> None:
    path = example / SHEET
    text = path.read_text()
    anchor = "      rights_plan:" if "      rights_plan:" in text else "    rights_plan:"
    assert text.count(anchor) == 1
    path.write_text(text.replace(anchor, ELECTION_CONTEST.rstrip("\n") + "\n\n" + anchor, 1))


def test_the_seven_covenants_are_declared_with_their_ids(standstill: Evaluate) -> None:
    result = standstill(date(2004, 1, 15), ownership=OWNERSHIP, events="[]\n")
    ids = [t.id for t in result.tests if t.id.startswith("conduct_")]
    assert ids == [
        "conduct_proxy_solicitation",
        "conduct_group_formation",
        "conduct_voting_trust",
        "conduct_shareholder_proposal",
        "conduct_board_representation",
        "conduct_control_influence",
        "conduct_instigation",
    ]


def test_a_covenant_the_sheet_declares_is_tested_and_breached(
    standstill: Evaluate, example: Path
) -> None:
    declaring(example)
    result = standstill(
        date(2004, 1, 15), ownership=OWNERSHIP, events=action("2004-01-05", "election_contest")
    )
    test = next(t for t in result.tests if t.id == "conduct_election_contest")
    assert (test.passed, test.actual) == (False, Decimal(1))  # one action while in force
    [breach] = [a for a in result.alerts if a.severity is Severity.critical]
    assert breach.message.startswith(
        "Breach of 3.02(b) (no participating in an election contest): "
        "an action on 2004-01-05 while the standstill is in force"
    )
    assert result.status is Status.breach
    # the seven others hold
    others = [t for t in result.tests if t.id.startswith("conduct_") and t is not test]
    assert len(others) == 7 and all(t.passed for t in others)


def test_an_action_naming_an_undeclared_covenant_is_refused(tmp_path: Path) -> None:
    folder = copy_example(tmp_path)
    text = replace_once(folder / EVENTS, "type: control_influence", "type: short_sales")
    assert_error(
        check(folder),
        folder,
        EVENTS,
        unit="line",
        number=line_number(text, "type: short_sales"),
        field="type",
        found="'short_sales'",
        expected=("a conduct covenant the sheet declares", "control_influence", "instigation"),
    )


def test_a_misspelt_covenant_is_refused_with_the_name_meant(tmp_path: Path) -> None:
    folder = copy_example(tmp_path)
    text = replace_once(folder / EVENTS, "type: control_influence", "type: control_influense")
    assert_error(
        check(folder),
        folder,
        EVENTS,
        unit="line",
        number=line_number(text, "type: control_influense"),
        field="type",
        found=("'control_influense'", "did you mean 'control_influence'?"),
        expected=("proxy_solicitation",),
    )


def test_two_covenants_of_one_id_are_refused(tmp_path: Path) -> None:
    folder = copy_example(tmp_path)
    text = replace_once(folder / SHEET, "- id: group_formation", "- id: proxy_solicitation")
    assert_error(
        check(folder),
        folder,
        SHEET,
        unit="line",
        number=line_number(text, 'clause: "3.02(c)"') - 1,  # the second covenant's id
        field="standstill.standstill.conduct.1.id",
        found="a second conduct covenant with id 'proxy_solicitation'",
        expected=("one id per covenant",),
    )
