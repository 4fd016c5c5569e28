"""Voting commitments by proposal type (`pactum vote`): e.l.f. / Marathon votes with the Board
on directors and freely on an extraordinary transaction; HC2 / MG Capital votes with the Board
on say-on-pay unless ISS and Glass Lewis both recommend otherwise. Holdings and shares
outstanding are illustrative; each required vote is worked out by hand."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from bad_input_support import run
from portfolio_support import assert_sheet_error, write_portfolio
from standstill_support import ELF, corpus_text, elf

ELF_VOTES = """\
    proposal_types: [director_election, extraordinary_transaction]
    vote_commitments:
      - proposal_types: [director_election]
        rule:
          value: with_board
          cite: "in favor of all persons nominated by the Board to serve as directors of the Company"
      - proposal_types: [extraordinary_transaction]
        rule:
          value: free
          cite: "the Marathon Parties shall have the right to vote the shares of Common Stock beneficially owned by the Marathon Parties in their sole discretion"
"""

HC2 = """\
dated: {value: 2020-05-13, cite: "dated as of May 13, 2020"}
clauses:
  - id: cooperation
    type: standstill
    holder:
      name: MG Capital Parties
      holders: [MG Capital Management Ltd., Percy Rockdale LLC, Rio Royal LLC]
    standstill:
      through:
        value: 2021-03-01
        assumed: Illustrative, thirty days before the 2021 nomination deadline.
    proposal_types: [director_election, say_on_pay]
    vote_commitments:
      - proposal_types: [director_election]
        rule:
          value: with_board
          cite: "in favor of all directors nominated by the Board for election"
      - proposal_types: [say_on_pay]
        rule:
          value: with_board
          cite: "in accordance with the Board's recommendation with respect to any \\"say-on-pay\\" proposal"
        follow_advisors:
          value: true
          cite: "the MG Capital Parties shall be permitted to vote in accordance with the recommendation of ISS and Glass Lewis"
"""

HEADER = "proposal,for,against,abstain,broker_non_votes,group_vote,type,board,iss,glass_lewis\n"


def vote(folder: Path, votes: str, as_of: str) -> dict[str, Any]:
    path = folder / "facts" / "meeting.csv"
    path.write_text(votes, encoding="utf-8")
    result = run("vote", str(folder), "deal", "--votes", str(path), "--as-of", as_of, "--json")
    assert result.exit_code == 0, result.output
    found: dict[str, Any] = json.loads(result.stdout)
    return found


def by_proposal(found: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {c["proposal"]: c for c in found["commitments"]}


def test_elf_with_the_board_on_directors_free_on_an_extraordinary_transaction(
    tmp_path: Path,
) -> None:
    folder = elf(tmp_path, ELF.replace("    floors:\n", ELF_VOTES + "    floors:\n", 1))
    (folder / "facts" / "ownership.csv").write_text(
        "as_of,holder,shares,shares_outstanding\n2020-07-01,Marathon Partners,2585000,49000000\n"
    )
    votes = HEADER + (
        "directors,30000000,1000000,0,0,for,director_election,for,,\n"
        "merger,20000000,11000000,0,0,against,extraordinary_transaction,for,,\n"
    )
    found = by_proposal(vote(folder, votes, "2020-09-15"))
    # every one of the 2,585,000 shares for the Board's nominees
    [holder] = found["directors"]["holders"]
    assert (holder["required"], holder["free"]) == ({"for": 2585000}, 0)
    # the merger: all 2,585,000 in the Marathon Parties' discretion, whatever the Board says
    [holder] = found["merger"]["holders"]
    assert (holder["required"], holder["free"]) == ({}, 2585000)
    # after the support period (2021-02-26) every share is free
    later = by_proposal(vote(folder, votes, "2021-03-01"))
    assert later["directors"]["holders"][0]["free"] == 2585000


def hc2(folder: Path, sheet: str = HC2) -> Path:
    write_portfolio(folder, sheet, corpus_text("hc2-mg-standstill-2020.txt"))
    # 2,703,537 shares in all (the agreement's figure), split among the three illustratively
    (folder / "facts" / "ownership.csv").write_text(
        "as_of,holder,shares,shares_outstanding\n"
        "2020-05-13,MG Capital Management Ltd.,2000000,46600000\n"
        "2020-05-13,Percy Rockdale LLC,503537,46600000\n"
        "2020-05-13,Rio Royal LLC,200000,46600000\n"
    )
    return folder


def test_hc2_iss_and_glass_lewis_both_against_the_board(tmp_path: Path) -> None:
    folder = hc2(tmp_path)
    votes = HEADER + (
        "directors,30000000,1000000,0,0,for,director_election,for,against,against\n"
        "pay,20000000,11000000,0,0,for,say_on_pay,for,against,against\n"
        "pay_split,20000000,11000000,0,0,for,say_on_pay,for,against,abstain\n"
    )
    found = by_proposal(vote(folder, votes, "2020-06-15"))
    # directors: the advisors' exception is say-on-pay's only; each holder's shares for
    directors = {h["holder"]: h for h in found["directors"]["holders"]}
    assert directors["Percy Rockdale LLC"]["required"] == {"for": 503537}
    assert directors["Percy Rockdale LLC"]["may_instead"] == ""
    # say-on-pay: both against the Board's for: the holders may vote against instead
    pay = {h["holder"]: h for h in found["pay"]["holders"]}
    assert pay["MG Capital Management Ltd."]["required"] == {"for": 2000000}
    assert {h["may_instead"] for h in pay.values()} == {"against"}
    assert sum(h["shares"] for h in pay.values()) == 2703537
    # ISS against, Glass Lewis abstain: they do not both recommend one thing; the Board holds
    split = found["pay_split"]
    assert {h["may_instead"] for h in split["holders"]} == {""}
    assert "do not agree" in split["note"]


def test_a_commitment_for_an_undeclared_proposal_type_is_refused(tmp_path: Path) -> None:
    sheet = HC2.replace(
        "      - proposal_types: [say_on_pay]", "      - proposal_types: [sayonpay]"
    )
    folder = hc2(tmp_path, sheet)
    assert_sheet_error(
        folder,
        "proposal_types: [sayonpay]",
        "cooperation.vote_commitments.1.proposal_types.0",
        ("'sayonpay', which the sheet does not declare",),
        ("proposal_types: director_election, say_on_pay",),
    )


def test_a_proposal_of_an_undeclared_type_is_refused(tmp_path: Path) -> None:
    folder = hc2(tmp_path)
    path = folder / "facts" / "meeting.csv"
    path.write_text(HEADER + "auditor,1,0,0,0,for,auditor,for,,\n", encoding="utf-8")
    result = run("vote", str(folder), "deal", "--votes", str(path), "--as-of", "2020-06-15")
    assert result.exit_code == 2
    [line] = result.stderr.strip().splitlines()
    assert "meeting.csv" in line and "row 2" in line and "type" in line
    assert "'auditor'" in line and "director_election, say_on_pay" in line


def free_up_to(level: str) -> str:
    """HC2's sheet with say-on-pay free up to `level` of the shares outstanding (an
    illustrative rule: HC2 votes with the Board; some agreements free a first slice)."""
    head, _with_the_board = HC2.split("      - proposal_types: [say_on_pay]\n")
    return (
        head
        + "      - proposal_types: [say_on_pay]\n"
        + "        rule:\n"
        + "          value: free_up_to\n"
        + "          assumed: Illustrative, free up to a level and the rest with the Board.\n"
        + f"        free_up_to: {{value: {level}, assumed: Illustrative level.}}\n"
    )


def test_free_up_to_a_level_the_rest_with_the_board(tmp_path: Path) -> None:
    folder = hc2(tmp_path, free_up_to("0.05"))
    votes = HEADER + "pay,20000000,11000000,0,0,for,say_on_pay,against,,\n"
    [pay] = [c for c in vote(folder, votes, "2020-06-15")["commitments"] if c["proposal"] == "pay"]
    # 5% of 46,600,000 outstanding = 2,330,000 shares free of the group's 2,703,537; the
    # other 373,537 as the Board recommends (against). The free shares shared by holding:
    # 2,330,000 x 2,000,000 / 2,703,537 = 1,723,667.92; x 503,537 / ... = 433,965.29;
    # x 200,000 / ... = 172,366.79: whole parts 2,329,998, the 2 left to the largest
    # remainders (.92 and .79): 1,723,668, 433,965 and 172,367.
    holders = {h["holder"]: (h["required"], h["free"]) for h in pay["holders"]}
    assert holders == {
        "MG Capital Management Ltd.": ({"against": 276332}, 1723668),
        "Percy Rockdale LLC": ({"against": 69572}, 433965),
        "Rio Royal LLC": ({"against": 27633}, 172367),
    }


def test_free_up_to_a_level_above_the_group_frees_every_share(tmp_path: Path) -> None:
    # 6% of 46,600,000 = 2,796,000, more than the group's 2,703,537: nothing with the Board
    folder = hc2(tmp_path, free_up_to("0.06"))
    votes = HEADER + "pay,20000000,11000000,0,0,for,say_on_pay,against,,\n"
    [pay] = [c for c in vote(folder, votes, "2020-06-15")["commitments"] if c["proposal"] == "pay"]
    assert {h["holder"]: h["free"] for h in pay["holders"]} == {
        "MG Capital Management Ltd.": 2000000,
        "Percy Rockdale LLC": 503537,
        "Rio Royal LLC": 200000,
    }
    assert all(sum(h["required"].values()) == 0 for h in pay["holders"])
