"""`pactum vote`: how the group must vote its shares at a meeting, proposal by proposal."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from pactum.errors import fail
from pactum.facts.votes import load_votes
from pactum.kinds.standstill.facts import standstill_facts
from pactum.kinds.standstill.ownership import Position
from pactum.kinds.standstill.schema import StandstillTerms
from pactum.kinds.standstill.term import period, signing_date
from pactum.kinds.standstill.voting import ProposalResult, VoteSplit, split, vote_proposals
from pactum.portfolio import Agreement, Portfolio

SCHEMA_ID = "pactum.vote/1"


@dataclass(frozen=True)
class Meeting:
    agreement: str
    holder: str
    as_of: date
    position: Position
    shares: VoteSplit
    sheet: StandstillTerms
    results: tuple[ProposalResult, ...]

    def to_json(self) -> dict[str, Any]:
        voting = self.sheet.voting
        assert voting is not None  # a meeting is of a sheet with a voting clause
        return {
            "schema": SCHEMA_ID,
            "agreement": self.agreement,
            "holder": self.holder,
            "as_of": self.as_of.isoformat(),
            "ownership_as_of": self.position.as_of.isoformat(),
            "shares": self.shares.shares,
            "shares_outstanding": self.position.outstanding,
            "term_active": self.shares.restricted,
            "free_vote_shares": self.shares.free,
            "excess_shares": self.shares.excess,
            "votes_cast": voting.votes_cast.value.value,
            "apportionment": voting.apportionment.value.value,
            "proposals": [
                {
                    "proposal": r.proposal,
                    "others_votes_cast": r.votes_cast,
                    "group_vote": r.group_vote,
                    "free": r.free,
                    "excess": r.excess,
                    "not_voted": r.not_voted,
                    "group_total": {c: r.group_total(c) for c in ("for", "against", "abstain")},
                    "note": r.note,
                }
                for r in self.results
            ],
        }


def meeting(
    agreement: Agreement, sheet: StandstillTerms, portfolio: Portfolio, votes: Path, as_of: date
) -> Meeting:
    """The group's votes on each proposal of `votes`, from its ownership at `as_of`."""
    voting = sheet.voting
    if voting is None:
        clause = agreement.clauses_of("standstill")[0]
        raise fail(
            agreement.source.path,
            agreement.source.line_of(clause.path),
            f"{clause.id}.voting",
            "a standstill clause without a voting clause",
            "a standstill clause with proportional voting (voting: free_up_to and the rest) "
            "to split the votes by",
        )
    proposals = load_votes(votes)
    series, _ = standstill_facts(portfolio).positions(sheet, as_of)
    if not series:
        raise fail(
            portfolio.root / portfolio.config.facts / "ownership.csv",
            None,
            "holder",
            f"no rows for {', '.join(sheet.holder.holders)} on or before {as_of.isoformat()}",
            f"the ownership of {sheet.holder.name} to vote from",
        )
    span = period(sheet, signing_date(agreement), series, as_of, agreement.calendar())
    shares = split(voting, series[-1], span.voting_restricted(as_of))
    results = vote_proposals(voting, shares, proposals)
    return Meeting(
        agreement.id, sheet.holder.name, as_of, series[-1], shares, sheet, tuple(results)
    )
