"""`pactum vote`: how the group must vote its shares at a meeting, proposal by proposal."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from pactum.errors import fail
from pactum.facts.votes import load_votes
from pactum.kinds.standstill.commitments import (
    ProposalCommitment,
    check_proposals,
    required_votes,
)
from pactum.kinds.standstill.facts import standstill_facts
from pactum.kinds.standstill.floors import falls_below
from pactum.kinds.standstill.ownership import Position
from pactum.kinds.standstill.schema import StandstillTerms
from pactum.kinds.standstill.term import period, signing_date
from pactum.kinds.standstill.voting import (
    ProposalResult,
    VoteSplit,
    split,
    vote_proposals,
    voting_level,
)
from pactum.portfolio import Agreement, Portfolio
from pactum.terms.named_dates import with_dates_on

SCHEMA_ID = "pactum.vote/1"


@dataclass(frozen=True)
class Meeting:
    agreement: str
    holder: str
    as_of: date
    position: Position
    shares: VoteSplit | None  # None: no voting clause (commitments by type only)
    sheet: StandstillTerms
    results: tuple[ProposalResult, ...]
    commitments: tuple[ProposalCommitment, ...] = ()

    def to_json(self) -> dict[str, Any]:
        found: dict[str, Any] = {
            "schema": SCHEMA_ID,
            "agreement": self.agreement,
            "holder": self.holder,
            "as_of": self.as_of.isoformat(),
            "ownership_as_of": self.position.as_of.isoformat(),
            "shares": self.position.shares,
            "shares_outstanding": self.position.outstanding,
        }
        if self.shares is not None:
            found |= self._proportional()
        if self.sheet.vote_commitments:
            found["commitments"] = [
                {
                    "proposal": c.proposal,
                    "type": c.type,
                    "rule": c.rule,
                    "note": c.note,
                    "holders": [
                        {
                            "holder": h.holder,
                            "shares": h.shares,
                            "required": h.required,
                            "free": h.free,
                            "may_instead": h.may_instead,
                        }
                        for h in c.holders
                    ],
                }
                for c in self.commitments
            ]
        return found

    def _proportional(self) -> dict[str, Any]:
        voting = self.sheet.voting
        assert voting is not None and self.shares is not None
        return {
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


def sheet_on(agreement: Agreement, portfolio: Portfolio, as_of: date) -> StandstillTerms:
    """The standstill clause with its dates as known on `as_of`: the events recorded by then
    and the falls below its floors (an IPO ending a commitment, an extended period)."""
    clause = agreement.clauses_of("standstill")[0]
    sheet = clause.terms_as(StandstillTerms)
    if not clause.has_date_rules:
        return sheet
    series, _ = standstill_facts(portfolio).positions(sheet, as_of)
    signed = signing_date(agreement)
    triggered = {f"fell_below_{f.id}": falls_below(f, series, signed, as_of) for f in sheet.floors}
    resolved = with_dates_on(sheet, agreement.dates(portfolio.facts.events, as_of, triggered))
    assert isinstance(resolved, StandstillTerms)
    return resolved


def meeting(
    agreement: Agreement, sheet: StandstillTerms, portfolio: Portfolio, votes: Path, as_of: date
) -> Meeting:
    """The group's votes on each proposal of `votes`, from its ownership at `as_of`."""
    voting = sheet.voting
    if voting is None and not sheet.vote_commitments:
        clause = agreement.clauses_of("standstill")[0]
        raise fail(
            agreement.source.path,
            agreement.source.line_of(clause.path),
            f"{clause.id}.voting",
            "a standstill clause without a voting clause",
            "a standstill clause with proportional voting (voting: free_up_to and the rest) "
            "or vote_commitments to split the votes by",
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
    events = portfolio.facts.events.for_agreement(agreement.id)
    shares = (
        split(
            voting,
            series[-1],
            voting_level(voting, series, events, as_of),
            span.voting_restricted(as_of),
        )
        if voting
        else None
    )
    results = vote_proposals(voting, shares, proposals) if voting and shares else []
    commitments: list[ProposalCommitment] = []
    if sheet.vote_commitments:
        check_proposals(sheet, proposals, votes, as_of)
        ownership = standstill_facts(portfolio).ownership
        reported = [d for d in ownership.dates_of(sheet.holder.holders) if d <= as_of]
        rows = ownership.rows_on(reported[-1], sheet.holder.holders)
        commitments = required_votes(
            sheet,
            rows,
            rows[0].shares_outstanding,
            proposals,
            {r.proposal: r for r in results},
            as_of,
            span.standstill_active(as_of),
        )
    return Meeting(
        agreement.id,
        sheet.holder.name,
        as_of,
        series[-1],
        shares,
        sheet,
        tuple(results),
        tuple(commitments),
    )
