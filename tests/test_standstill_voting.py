"""Proportional voting: free shares, excess, and the excess apportioned to whole shares."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from pactum.cli import app
from pactum.kinds.standstill.schema import Apportionment
from pactum.kinds.standstill.voting import apportion

LR = Apportionment.largest_remainder
VOTES_HEADER = "proposal,for,against,abstain,broker_non_votes,group_vote\n"


def test_largest_remainder_the_issue_s_figures() -> None:
    # 639,803 x 5,000,000 / 6,250,000 = 511,842.4 and x 1,250,000 / 6,250,000 = 127,960.6;
    # the whole parts make 639,802; the one share left goes to the larger remainder (.6)
    assert apportion(639803, {"for": 5000000, "against": 1250000}, LR) == {
        "for": 511842,
        "against": 127961,
    }


def test_largest_remainder_with_abstentions_as_votes_cast() -> None:
    # cast 6,500,000: for 639,803 x 10/13 = 492,156.15; against x 2.5/13 = 123,039.04;
    # abstain x 0.5/13 = 24,607.81; whole parts 639,802, the share left to abstain (.81)
    split = apportion(639803, {"for": 5000000, "against": 1250000, "abstain": 250000}, LR)
    assert split == {"for": 492156, "against": 123039, "abstain": 24608}
    assert sum(split.values()) == 639803


def test_ties_are_broken_the_same_way_every_time() -> None:
    # 3 shares between equal votes: 1.5 each; the remainders tie, the votes tie: `for` first
    assert apportion(3, {"for": 10, "against": 10}, LR) == {"for": 2, "against": 1}
    # 2 shares for 1 : 3 votes: quotas 0.5 and 1.5, whole parts 0 and 1, remainders tie at
    # 0.5: the share left goes to the choice with more votes cast
    assert apportion(2, {"for": 1, "against": 3}, LR) == {"for": 0, "against": 2}


def test_whole_shares_always_add_up_to_the_excess() -> None:
    for total in (1, 7, 639803, 1000001):
        for weights in ({"for": 1, "against": 1, "abstain": 1}, {"for": 3, "against": 7}):
            assert sum(apportion(total, weights, LR).values()) == total


def test_rounding_down_leaves_shares_unvoted() -> None:
    split = apportion(639803, {"for": 5000000, "against": 1250000}, Apportionment.round_down)
    assert split == {"for": 511842, "against": 127960}  # one share of the excess not voted


def test_no_votes_cast_apportions_nothing() -> None:
    assert apportion(639803, {"for": 0, "against": 0}, LR) == {"for": 0, "against": 0}


def test_vote_command(example: Path, tmp_path: Path) -> None:
    votes = tmp_path / "votes.csv"
    votes.write_text(VOTES_HEADER + "directors,5000000,1250000,300000,400000,against\n")
    # the example's ownership at 2003-12-31: 2,362,788 of 11,486,573
    result = CliRunner().invoke(
        app,
        [
            *("vote", str(example), "ipof-standstill", "--votes", str(votes)),
            *("--as-of", "2003-12-31", "--json"),
        ],
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert (report["free_vote_shares"], report["excess_shares"]) == (1722985, 639803)
    [proposal] = report["proposals"]
    # abstentions (300,000) and broker non-votes (400,000) are not votes cast
    assert proposal["others_votes_cast"] == {"for": 5000000, "against": 1250000}
    assert proposal["excess"] == {"for": 511842, "against": 127961}
    # the group votes its free shares against: 1,722,985 + 127,961 = 1,850,946 against
    assert proposal["group_total"] == {"for": 511842, "against": 1850946, "abstain": 0}


def test_abstentions_count_when_the_sheet_says_so(example: Path, tmp_path: Path) -> None:
    sheet = example / "agreements" / "ipof-standstill.yaml"
    text = sheet.read_text(encoding="utf-8")
    assert text.count("value: for_against\n") == 1
    sheet.write_text(text.replace("value: for_against\n", "value: for_against_abstain\n"))
    votes = tmp_path / "votes.csv"
    votes.write_text(VOTES_HEADER + "directors,5000000,1250000,250000,0,for\n")
    result = CliRunner().invoke(
        app,
        ["vote", str(example), "ipof-standstill", "--votes", str(votes), "--as-of", "2003-12-31"],
    )
    assert result.exit_code == 0, result.output
    # as worked out above: 492,156 for, 123,039 against, 24,608 abstain
    row = next(line for line in result.stdout.splitlines() if line.startswith("directors"))
    assert "492,156" in row and "123,039" in row and "24,608" in row
    # the group's total for = 1,722,985 free + 492,156 = 2,215,141
    assert "2,215,141" in row


def test_vote_needs_a_standstill_agreement(example: Path, tmp_path: Path) -> None:
    votes = tmp_path / "votes.csv"
    votes.write_text(VOTES_HEADER + "directors,1,1,0,0,for\n")
    result = CliRunner().invoke(
        app, ["vote", str(example), "southtrust-abl", "--votes", str(votes)]
    )
    assert result.exit_code == 2
    [line] = [x for x in result.stderr.splitlines() if x.startswith("error:")]
    assert "agreement: found 'southtrust-abl' (clauses: revolver, fees); expected one of" in line
    assert "standstill clause" in line
    assert "ipof-standstill" in line


def test_vote_before_any_ownership_is_reported(example: Path, tmp_path: Path) -> None:
    votes = tmp_path / "votes.csv"
    votes.write_text(VOTES_HEADER + "directors,1,1,0,0,for\n")
    result = CliRunner().invoke(
        app,
        ["vote", str(example), "ipof-standstill", "--votes", str(votes), "--as-of", "2002-01-01"],
    )
    assert result.exit_code == 2
    assert "ownership.csv: holder: found no rows for IPOF Group on or before 2002-01-01" in (
        result.stderr
    )
