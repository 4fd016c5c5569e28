"""Voting commitments by proposal type: how each holder of the group must vote its shares on
each proposal of a meeting.

- `with_board`: every share as the Board recommends; with `follow_advisors`, when ISS and
  Glass Lewis both recommend the same thing otherwise than the Board, the holder may vote as
  they do instead;
- `free`: every share in the holder's discretion (e.g. extraordinary transactions);
- `free_up_to`: the group's whole shares up to the level of the shares outstanding (rounded
  down) are free, shared among its holders in proportion to their shares (largest remainder);
  the rest as the Board recommends;
- `in_proportion`: the `voting` clause's split, for the group as a whole (its free shares and
  the excess apportioned to the other holders' votes).
A proposal type the sheet declares without a commitment is voted freely.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal
from pathlib import Path

from pactum.errors import InputError, Problem, shown
from pactum.facts.ownership import Holding
from pactum.facts.votes import ProposalVotes
from pactum.kinds.standstill.schema import Apportionment, StandstillTerms, VoteCommitment, VoteRule
from pactum.kinds.standstill.voting import ProposalResult, apportion


@dataclass(frozen=True)
class HolderVote:
    """One holder's shares on one proposal: those it must vote each way, and those it may
    vote as it likes."""

    holder: str
    shares: int
    required: dict[str, int]  # choice -> shares that must be voted so
    free: int
    may_instead: str = ""  # a choice the holder may vote its required shares instead


@dataclass(frozen=True)
class ProposalCommitment:
    proposal: str
    type: str
    rule: str  # the commitment's rule, or "free" without one
    holders: tuple[HolderVote, ...]
    note: str
    in_proportion: ProposalResult | None = None  # the group's split under the voting clause


def commitment_for(sheet: StandstillTerms, kind: str) -> VoteCommitment | None:
    return next((c for c in sheet.vote_commitments if kind in c.proposal_types), None)


def check_proposals(sheet: StandstillTerms, proposals: list[ProposalVotes], file: Path) -> None:
    """Every proposal names a declared type; one voted with the Board has its recommendation."""
    declared = sheet.proposal_types
    for p in proposals:
        if p.type not in declared:
            raise InputError(
                [
                    Problem(
                        file,
                        p.row,
                        "type",
                        shown(p.type) if p.type else "nothing",
                        "a proposal type the sheet declares: " + ", ".join(declared),
                        unit="row",
                    )
                ]
            )
        commitment = commitment_for(sheet, p.type)
        with_board = commitment is not None and commitment.rule.value in (
            VoteRule.with_board,
            VoteRule.free_up_to,
        )
        if with_board and not p.board:
            raise InputError(
                [
                    Problem(
                        file,
                        p.row,
                        "board",
                        "nothing",
                        f"the Board's recommendation (for, against or abstain): a {p.type} "
                        "proposal is voted as the Board recommends",
                        unit="row",
                    )
                ]
            )


def required_votes(
    sheet: StandstillTerms,
    rows: list[Holding],
    outstanding: int,
    proposals: list[ProposalVotes],
    in_proportion: dict[str, ProposalResult],
    in_force: bool = True,
) -> list[ProposalCommitment]:
    """Each proposal's required vote, holder by holder (the rows of the group's latest date);
    once the commitments are no longer in force every share is free."""
    found = []
    for p in proposals:
        commitment = commitment_for(sheet, p.type) if in_force else None
        rule = commitment.rule.value if commitment is not None else VoteRule.free
        note = "" if commitment is not None else f"no commitment for {p.type}: voted freely"
        if not in_force:
            note = "the standstill period is over: voted freely"
        holders: list[HolderVote] = []
        if rule is VoteRule.free:
            holders = [HolderVote(r.holder, r.shares, {}, r.shares) for r in rows]
        elif rule is VoteRule.with_board:
            assert commitment is not None
            instead = ""
            advisors_differ = p.iss and p.iss == p.glass_lewis and p.iss != p.board
            follows = commitment.follow_advisors is not None and commitment.follow_advisors.value
            if follows and advisors_differ:
                instead = p.iss
                note = (
                    f"ISS and Glass Lewis both recommend {p.iss}, the Board {p.board}: the "
                    f"holders may vote {p.iss} instead"
                )
            elif follows and p.iss and p.glass_lewis and p.iss != p.glass_lewis:
                note = "ISS and Glass Lewis do not agree: the Board's recommendation holds"
            holders = [
                HolderVote(r.holder, r.shares, {p.board: r.shares}, 0, instead) for r in rows
            ]
        elif rule is VoteRule.free_up_to:
            assert commitment is not None and commitment.free_up_to is not None
            level = commitment.free_up_to.value
            cap = int((level * outstanding).quantize(Decimal(1), rounding=ROUND_DOWN))
            total = sum(r.shares for r in rows)
            free_total = min(total, cap)
            shares = {r.holder: r.shares for r in rows}
            free = apportion(free_total, shares, Apportionment.largest_remainder)
            holders = [
                HolderVote(r.holder, r.shares, {p.board: r.shares - free[r.holder]}, free[r.holder])
                for r in rows
            ]
            note = f"free up to {cap:,} shares (the level of {outstanding:,} outstanding)"
        else:  # in proportion: the group as a whole
            note = "the group's free shares and its excess in proportion to the others' votes"
        found.append(
            ProposalCommitment(
                p.proposal,
                p.type,
                rule.value,
                tuple(holders),
                note,
                in_proportion.get(p.proposal) if rule is VoteRule.in_proportion else None,
            )
        )
    return found
