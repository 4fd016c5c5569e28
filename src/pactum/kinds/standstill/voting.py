"""Proportional voting: the group votes freely up to a level; the excess follows the others.

The free shares are the whole shares up to the level of the base (rounded as the sheet says);
the excess is split in proportion to the votes cast by all other holders. With largest
remainder the whole shares add up to the excess exactly: each choice gets the whole part of
its exact quota, and the shares left go one each to the largest remainders (ties: the choice
with more votes cast, then for, against, abstain).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from pactum.facts.events import AgreementEvents
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
    not_yet: str = ""  # why proportional voting has not begun (its level or event not yet)
    level_note: str = ""  # how a level set by an event was found


@dataclass(frozen=True)
class VotingLevel:
    """The level above which shares are voted in proportion, and whether it applies yet."""

    fraction: Fraction | None  # None: the event that sets it is not recorded yet
    applies: bool  # False before the sheet's `from_event`, or without a level
    note: str  # how the level was found, e.g. "the report of 2004-06-30, before 2004-07-12"


def _base(voting: Voting, position: Position) -> int:
    if voting.measured_against.value is VoteBase.with_rights:
        return position.base
    return position.outstanding


def voting_level(
    voting: Voting, series: list[Position], events: AgreementEvents, as_of: date
) -> VotingLevel:
    """The sheet's fixed level; or the group's voting shares as a fraction of the base in the
    last report before the first `free_up_to_held_before` event ("immediately prior to the
    commencement"); applying only from the first `from_event` event, when the sheet has one."""

    def first(name: str) -> date | None:
        return next((e.date for e in events.named(name) if e.date <= as_of), None)

    fraction: Fraction | None = None
    note = ""
    if voting.free_up_to is not None:
        fraction = Fraction(voting.free_up_to.value)
    elif voting.free_up_to_held_before is not None:
        name = voting.free_up_to_held_before.event
        happened = first(name)
        before = [p for p in series if happened is not None and p.as_of < happened]
        if happened is None:
            note = f"no {name} event yet: no level"
        elif not before:
            note = f"no ownership report before the {name} of {happened.isoformat()}: no level"
        else:
            held = before[-1]
            fraction = Fraction(held.shares, _base(voting, held))
            note = (
                f"{held.shares:,} of {_base(voting, held):,} in the report of "
                f"{held.as_of.isoformat()}, before the {name} of {happened.isoformat()}"
            )
    applies = fraction is not None
    if applies and voting.from_event is not None:
        start = first(voting.from_event.event)
        applies = start is not None
        note += (
            f"; from the {voting.from_event.event} of {start.isoformat()}"
            if start is not None
            else f"; not before a {voting.from_event.event} event"
        )
    return VotingLevel(fraction, applies, note.lstrip("; "))


def split(
    voting: Voting, position: Position, level: VotingLevel, term_active: bool = True
) -> VoteSplit:
    """Free and excess shares. Rights to acquire cannot be voted until exercised: only the
    shares held vote, whatever the base the level is measured against. Exact arithmetic: the
    whole shares of level x base, rounded as the sheet says."""
    base = _base(voting, position)
    cap = position.shares
    if level.fraction is not None:
        exact = level.fraction * base
        if voting.free_shares_rounding.value is Rounding.down:
            cap = exact.numerator // exact.denominator
        else:  # half up
            cap = (2 * exact.numerator + exact.denominator) // (2 * exact.denominator)
    if not term_active or not level.applies:
        why = "" if level.applies or not term_active else level.note
        return VoteSplit(position.shares, base, cap, position.shares, 0, False, why)
    free = min(position.shares, cap)
    return VoteSplit(
        position.shares, base, cap, free, position.shares - free, True, level_note=level.note
    )


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
