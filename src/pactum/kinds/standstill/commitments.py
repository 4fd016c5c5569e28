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
A commitment may hold from a day (`from`) and until one (`until`), each possibly an event's
(voting for management's nominees "until the date of an initial public offering"); a day
resting on an event not recorded has not come. One `at_meeting` holds on that meeting's day
only, in place of the type's other commitment (e.l.f.'s ISS exception "at the 2021 Annual
Meeting"). Several commitments may govern one type in
turn (e.l.f.: with the Board, then, from the 2021 window date, with ISS alone as the
exception). A proposal type with no commitment in force is voted freely, or by the `voting`
clause's split where the sheet has one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_DOWN, Decimal
from pathlib import Path

from pactum.errors import InputError, Problem, shown
from pactum.facts.ownership import Holding
from pactum.facts.votes import ProposalVotes
from pactum.kinds.standstill.schema import (
    Advisor,
    Apportionment,
    StandstillTerms,
    VoteCommitment,
    VoteRule,
)
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


ADVISOR_NAMES = {Advisor.iss: "ISS", Advisor.glass_lewis: "Glass Lewis"}


def in_force(commitment: VoteCommitment, on: date) -> bool:
    """From its `from` day (come once recorded) until the day before its `until` (which, while
    it rests on an event not recorded, has not come); one `at_meeting` only on the meeting's
    day, recorded or, until then, estimated (a vote is planned before the meeting)."""
    start, end = commitment.in_force_from, commitment.until
    if commitment.at_meeting is not None and commitment.at_meeting.value != on:
        return False
    if start is not None and (getattr(start, "projected", False) or start.value > on):
        return False
    return end is None or getattr(end, "projected", False) or on < end.value


def commitment_for(sheet: StandstillTerms, kind: str, on: date) -> VoteCommitment | None:
    """The commitment governing `kind` on `on`: one for that day's meeting before any other."""
    found = [c for c in sheet.vote_commitments if kind in c.proposal_types and in_force(c, on)]
    return min(found, key=lambda c: c.at_meeting is None, default=None)


def check_proposals(
    sheet: StandstillTerms, proposals: list[ProposalVotes], file: Path, on: date
) -> None:
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
        commitment = commitment_for(sheet, p.type, on)
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
    on: date,
    standstill_in_force: bool = True,
) -> list[ProposalCommitment]:
    """Each proposal's required vote on `on`, holder by holder (the rows of the group's latest
    date); once the standstill is no longer in force every share is free."""
    found = []
    for p in proposals:
        commitment = commitment_for(sheet, p.type, on) if standstill_in_force else None
        rule = commitment.rule.value if commitment is not None else VoteRule.free
        note = "" if commitment is not None else f"no commitment for {p.type}: voted freely"
        if commitment is None and standstill_in_force:
            written = any(p.type in c.proposal_types for c in sheet.vote_commitments)
            when = f" in force on {on.isoformat()}" if written else ""
            note = f"no commitment for {p.type}{when}: voted freely"
            if sheet.voting is not None:  # the voting clause's split binds on all matters
                rule = VoteRule.in_proportion
                note = f"no commitment for {p.type}{when}: the voting clause's split applies"
        if not standstill_in_force:
            note = "the standstill period is over: voted freely"
        holders: list[HolderVote] = []
        if rule is VoteRule.free:
            holders = [HolderVote(r.holder, r.shares, {}, r.shares) for r in rows]
        elif rule is VoteRule.with_board:
            assert commitment is not None
            instead = ""
            said = {a: p.iss if a is Advisor.iss else p.glass_lewis for a in commitment.advisors}
            advice = set(said.values())
            named = " and ".join(ADVISOR_NAMES[a] for a in commitment.advisors)
            both = "both " if len(said) > 1 else ""
            advisors_differ = "" not in advice and len(advice) == 1 and p.board not in advice
            follows = commitment.follow_advisors is not None and commitment.follow_advisors.value
            if follows and advisors_differ:
                instead = advice.pop()
                note = (
                    f"{named} {both}recommend{'' if both else 's'} {instead}, the Board "
                    f"{p.board}: the holders may vote {instead} instead"
                )
            elif follows and "" not in advice and len(advice) > 1:
                note = f"{named} do not agree: the Board's recommendation holds"
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
        elif commitment is not None:  # in proportion: the group as a whole
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
