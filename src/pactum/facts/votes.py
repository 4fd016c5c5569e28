"""A votes file for `pactum vote`: per proposal, the other holders' votes and the group's own.

Columns `proposal,for,against,abstain,broker_non_votes,group_vote`: the shares voted for,
against and abstaining by all holders other than the group, the broker non-votes, and how the
group intends to vote its free shares (`for`, `against` or `abstain`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pactum.facts.table import read_rows, unique_by

CHOICES = ("for", "against", "abstain")
COLUMNS = ("proposal", "for", "against", "abstain", "broker_non_votes", "group_vote")


@dataclass(frozen=True)
class ProposalVotes:
    proposal: str
    others: dict[str, int]  # for, against, abstain -> shares voted by the other holders
    broker_non_votes: int
    group_vote: str
    row: int


def load_votes(path: Path) -> list[ProposalVotes]:
    proposals = []
    keyed = []
    for row in read_rows(path, COLUMNS):
        votes = ProposalVotes(
            proposal=row.text("proposal"),
            others={choice: row.count(choice) for choice in CHOICES},
            broker_non_votes=row.count("broker_non_votes"),
            group_vote=row.choice("group_vote", CHOICES, ""),
            row=row.number,
        )
        keyed.append((row, (votes.proposal,)))
        proposals.append(votes)
    unique_by(keyed, "proposal")
    return proposals
