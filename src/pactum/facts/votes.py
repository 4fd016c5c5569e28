"""A votes file for `pactum vote`: per proposal, the other holders' votes and the group's own.

Columns `proposal,for,against,abstain,broker_non_votes,group_vote`: the shares voted for,
against and abstaining by all holders other than the group, the broker non-votes, and how the
group intends to vote its free shares (`for`, `against` or `abstain`). Optional columns for
commitments by proposal type: `type` (a proposal type the sheet declares) and the
recommendations `board`, `iss` and `glass_lewis` (`for`, `against`, `abstain` or blank).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pactum.facts.table import read_rows, unique_by

CHOICES = ("for", "against", "abstain")
COLUMNS = ("proposal", "for", "against", "abstain", "broker_non_votes", "group_vote")
MEETING = ("type", "board", "iss", "glass_lewis")  # optional: the proposal's type, advice


@dataclass(frozen=True)
class ProposalVotes:
    proposal: str
    others: dict[str, int]  # for, against, abstain -> shares voted by the other holders
    broker_non_votes: int
    group_vote: str
    row: int
    type: str = ""
    board: str = ""  # the Board's recommendation ("": none given)
    iss: str = ""
    glass_lewis: str = ""


def load_votes(path: Path) -> list[ProposalVotes]:
    proposals = []
    keyed = []
    for row in read_rows(path, COLUMNS, MEETING):
        votes = ProposalVotes(
            proposal=row.text("proposal"),
            others={choice: row.count(choice) for choice in CHOICES},
            broker_non_votes=row.count("broker_non_votes"),
            group_vote=row.choice("group_vote", CHOICES, ""),
            row=row.number,
            type=(row.cells.get("type") or "").strip(),
            board=row.choice("board", ("", *CHOICES), ""),
            iss=row.choice("iss", ("", *CHOICES), ""),
            glass_lewis=row.choice("glass_lewis", ("", *CHOICES), ""),
        )
        keyed.append((row, (votes.proposal,)))
        proposals.append(votes)
    unique_by(keyed, "proposal")
    return proposals
