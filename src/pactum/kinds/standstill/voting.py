"""Proportional voting: the group votes freely up to a level; the excess follows the others.

The free shares are the whole shares up to the level of the base (rounded as the sheet says);
the excess is split in proportion to the votes cast by all other holders. With largest
remainder the whole shares add up to the excess exactly: each choice gets the whole part of
its exact quota, and the shares left go one each to the largest remainders (ties: the choice
with more votes cast, then for, against, abstain).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from pactum.facts.votes import CHOICES, ProposalVotes
from pactum.kinds.standstill.ownership import Position
from pactum.kinds.standstill.schema import Apportionment, Rounding, VoteBase, VotesCast, Voting


@dataclass(frozen=True)
class VoteSplit:
    shares: int  # the voting shares the group holds
    base: int  # what the level is a share of
    free_cap: int  # the whole shares the level allows
    free: int  # voted as the group likes
    excess: int  # voted in proportion to the others
    restricted: bool  # False once the Term has ended: every share is free


def split(voting: Voting, position: Position, term_active: bool = True) -> VoteSplit:
    """Free and excess shares. Rights to acquire cannot be voted until exercised: only the
    shares held vote, whatever the base the level is measured against."""
    base = position.outstanding
    if voting.measured_against.value is VoteBase.with_rights:
        base = position.base
    rounding = ROUND_DOWN if voting.free_shares_rounding.value is Rounding.down else ROUND_HALF_UP
    cap = int((voting.free_up_to.value * base).quantize(Decimal(1), rounding=rounding))
    if not term_active:
        return VoteSplit(position.shares, base, cap, position.shares, 0, restricted=False)
    free = min(position.shares, cap)
    return VoteSplit(position.shares, base, cap, free, position.shares - free, restricted=True)


def apportion(total: int, weights: dict[str, int], method: Apportionment) -> dict[str, int]:
    """Split `total` whole shares in proportion to `weights` (insertion order breaks ties).

    Integer arithmetic throughout: quota = total x weight / sum, never a float.
    """
    cast = sum(weights.values())
    if cast == 0 or total == 0:
        return dict.fromkeys(weights, 0)
    shares = {k: total * w // cast for k, w in weights.items()}
    if method is Apportionment.largest_remainder:
        order = list(weights)
        ranked = sorted(
            order, key=lambda k: (-(total * weights[k] % cast), -weights[k], order.index(k))
        )
        for key in ranked[: total - sum(shares.values())]:
            shares[key] += 1
    return shares


@dataclass(frozen=True)
class ProposalResult:
    proposal: str
    votes_cast: dict[str, int]  # the other holders' votes that count as cast
    group_vote: str
    free: int
    excess: dict[str, int]  # how the excess must be voted, per choice
    not_voted: int  # excess shares left unvoted (round_down, or no votes cast)
    note: str

    def group_total(self, choice: str) -> int:
        return self.excess.get(choice, 0) + (self.free if choice == self.group_vote else 0)


def vote_proposals(
    voting: Voting, shares: VoteSplit, proposals: list[ProposalVotes]
) -> list[ProposalResult]:
    counted = CHOICES if voting.votes_cast.value is VotesCast.for_against_abstain else CHOICES[:2]
    method = voting.apportionment.value
    results = []
    for proposal in proposals:
        cast = {choice: proposal.others[choice] for choice in counted}
        excess = apportion(shares.excess, cast, method)
        not_voted = shares.excess - sum(excess.values())
        note = ""
        if shares.excess and not sum(cast.values()):
            note = "no votes cast by the other holders: the excess cannot be apportioned"
        results.append(
            ProposalResult(
                proposal.proposal, cast, proposal.group_vote, shares.free, excess, not_voted, note
            )
        )
    return results
