"""The ownership and voting report of a standstill: the group's ownership against each threshold
(the Term's 15%, the 25% acquisition cap, the rights plan's levels), the Term and the standstill
period, the free and excess votes, the ownership reported over time, and, for each votes file
under facts/votes/, how the excess shares must be voted on each proposal (`pactum vote`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

from pactum.document import Document, Figure, Grid, Lines, Section, from_value, text
from pactum.findings import AgreementFindings, TestResult, Trace, Unit, Value
from pactum.kinds.standstill.facts import standstill_facts
from pactum.kinds.standstill.meeting import Meeting, meeting, sheet_on
from pactum.kinds.standstill.ownership import Position
from pactum.kinds.standstill.schema import StandstillTerms
from pactum.kinds.standstill.thresholds import Threshold, thresholds
from pactum.portfolio import Agreement, Portfolio
from pactum.terms.values import sources

KIND = "ownership-and-voting"
POSITION = ("ownership_as_of", "group_shares", "rights_60d", "shares_outstanding", "ownership_pct")
PERIOD = ("term_active", "term_end", "standstill_active", "standstill_end")
VOTES = ("free_vote_shares", "excess_shares")
CHOICES = ("for", "against", "abstain")


@dataclass(frozen=True)
class OwnershipReport:
    company: str
    agreement_id: str
    agreement_title: str
    holder: str
    as_of: date
    sheet: StandstillTerms
    findings: AgreementFindings
    history: tuple[Position, ...]  # every reported position up to the as-of date
    meetings: tuple[tuple[str, Meeting], ...]  # (votes file name, the group's votes)

    @property
    def position(self) -> Position | None:
        return self.history[-1] if self.history else None

    def document(self) -> Document:
        values = {v.id: v for v in self.findings.values}

        def lines(title: str, ids: tuple[str, ...]) -> Lines:
            return Lines(title, tuple(from_value(values[i]) for i in ids if i in values))

        sections: list[Section] = [
            lines(f"Ownership of {self.holder}", POSITION),
            self._thresholds(values),
            lines("Term and standstill" if self.sheet.term else "Standstill", PERIOD),
            self._covenants(),
            *([lines("Votes", VOTES)] if self.sheet.voting else []),
            self._history(),
        ]
        sections += [self._meeting(name, found) for name, found in self.meetings]
        notes = () if self.position else ("No ownership reported on or before the as-of date.",)
        return Document(
            kind=KIND,
            title="Ownership and Voting Report",
            company=self.company,
            agreement_id=self.agreement_id,
            agreement_title=self.agreement_title,
            as_of=self.as_of,
            sections=tuple(sections),
            notes=notes,
            landscape=True,
        )

    def _thresholds(self, values: dict[str, Value]) -> Grid:
        p = self.position
        found = thresholds(self.sheet, self.history)
        rows = tuple(_threshold_row(t, p, values) for t in found) if p else ()
        return Grid(
            "Thresholds",
            (
                "Threshold",
                "Level",
                "Over at",
                "Fewest shares over",
                "Group's shares",
                "Margin in shares",
                "Side",
            ),
            rows,
            (
                "Shares are beneficial: shares held plus rights to acquire within 60 days, "
                "against shares outstanding plus those rights. Compared exactly, not through "
                "a rounded percentage.",
            ),
        )

    def _covenants(self) -> Grid:
        """The standstill's own tests on the as-of date: the acquisition cap, each conduct
        covenant while in force, and a sell-down once requested."""

        def row(t: TestResult) -> tuple[Figure, ...]:
            result = "not evaluated" if t.passed is None else ("pass" if t.passed else "FAIL")
            if t.basis == "forecast" and t.passed is not None:
                result = "projected " + result
            return (
                text(f"{t.id}.label", "Covenant", t.label),
                Figure(f"{t.id}.test_date", "Test date", t.test_date, Unit.date),
                text(f"{t.id}.result", "Result", result, t.trace),
                text(f"{t.id}.note", "Note", t.note),
            )

        return Grid(
            "Standstill covenants",
            ("Covenant", "Test date", "Result", "Note"),
            tuple(row(t) for t in self.findings.tests),
            () if self.findings.tests else ("None in force on the as-of date.",),
        )

    def _history(self) -> Grid:
        def row(p: Position) -> tuple[Figure, ...]:
            key = f"history@{p.as_of.isoformat()}"
            return (
                Figure(f"{key}.as_of", "As of", p.as_of, Unit.date),
                Figure(f"{key}.shares", "Shares", Decimal(p.shares), Unit.shares),
                Figure(f"{key}.rights", "Rights (60 days)", Decimal(p.rights), Unit.shares),
                Figure(
                    f"{key}.outstanding", "Shares outstanding", Decimal(p.outstanding), Unit.shares
                ),
                Figure(f"{key}.ownership", "Ownership", p.fraction, Unit.percent),
            )

        return Grid(
            "Ownership reported",
            ("As of", "Shares", "Rights (60 days)", "Shares outstanding", "Ownership"),
            tuple(row(p) for p in self.history),
        )

    def _meeting(self, name: str, found: Meeting) -> Grid:
        voting = self.sheet.voting
        shares = found.shares
        # meetings are of a sheet with a voting clause
        assert voting is not None and shares is not None
        refs = sources(voting.votes_cast, voting.apportionment, voting.free_up_to)

        def row(index: int) -> tuple[Figure, ...]:
            r = found.results[index]
            key = f"{name}.{r.proposal}"
            others = tuple(
                Figure(
                    f"{key}.others_{c}",
                    f"Others {c}",
                    Decimal(r.votes_cast[c]) if c in r.votes_cast else None,
                    Unit.shares,
                )
                for c in CHOICES
            )
            cast = sum(r.votes_cast.values())
            excess = tuple(
                Figure(
                    f"{key}.excess_{c}",
                    f"Excess {c}",
                    Decimal(r.excess.get(c, 0)),
                    Unit.shares,
                    trace=Trace(
                        "excess x others' votes for the choice / votes cast, whole shares by "
                        + voting.apportionment.value.value.replace("_", " "),
                        {
                            "excess": str(shares.excess),
                            f"others {c}": str(r.votes_cast.get(c, 0)),
                            "votes cast": str(cast),
                        },
                        refs,
                    ),
                )
                for c in CHOICES
            )
            return (
                text(f"{key}.proposal", "Proposal", r.proposal.replace("_", " ")),
                *others,
                text(f"{key}.group_vote", "Group's own vote", r.group_vote),
                Figure(f"{key}.free", "Free shares", Decimal(r.free), Unit.shares),
                *excess,
                Figure(f"{key}.not_voted", "Not voted", Decimal(r.not_voted), Unit.shares),
            )

        counted = voting.votes_cast.value.value.replace("_", ", ")
        notes = [
            f"{found.holder} votes {shares.free:,} shares as it chooses and "
            f"{shares.excess:,} excess shares in proportion to the other holders' votes "
            f"cast ({counted}).",
            *(f"{r.proposal}: {r.note}" for r in found.results if r.note),
        ]
        return Grid(
            f"How the shares must be voted: {name}",
            (
                "Proposal",
                "Others for",
                "Others against",
                "Others abstain",
                "Group's own vote",
                "Free shares",
                "Excess for",
                "Excess against",
                "Excess abstain",
                "Not voted",
            ),
            tuple(row(i) for i in range(len(found.results))),
            tuple(notes),
        )


def _threshold_row(t: Threshold, p: Position, values: dict[str, Value]) -> tuple[Figure, ...]:
    key = f"threshold_{t.id}"
    at_level = t.level * p.base
    # the fewest whole shares over the threshold: at the level (15% of 11,486,573 is
    # 1,722,985.95: 1,722,986 shares) or, for "more than", the next whole share above it
    whole = at_level.to_integral_value(rounding=ROUND_CEILING)
    fewest_over = whole if t.over_at_level else at_level.to_integral_value(ROUND_FLOOR) + 1
    side = values.get(key)
    return (
        text(f"{key}.label", "Threshold", t.label),
        Figure(
            f"{key}.level",
            "Level",
            t.level,
            Unit.percent,
            trace=Trace("stated", {}, sources(t.term)),
        ),
        text(f"{key}.rule", "Over at", t.rule()),
        Figure(
            f"{key}.shares_at_level",
            "Fewest shares over",
            fewest_over,
            Unit.shares,
            trace=Trace(
                "the fewest whole shares "
                + ("at or above" if t.over_at_level else "above")
                + " level x (shares outstanding + rights)",
                {"base": f"{p.base:,}", "level x base": f"{at_level:,}"},
            ),
        ),
        Figure(f"{key}.beneficial", "Group's shares", Decimal(p.beneficial), Unit.shares),
        Figure(
            f"{key}.margin",
            "Margin in shares",
            p.beneficial - fewest_over,
            Unit.shares,
            # 0 or more: over by that many spare shares; negative: that many short
            trace=Trace("group's shares - fewest shares over"),
        ),
        text(key, "Side", t.side(p).value, side.trace if side else None),
    )


def ownership_report(
    portfolio: Portfolio, agreement: Agreement, findings: AgreementFindings, as_of: date
) -> OwnershipReport:
    """The report on `as_of`, with the votes of each file under facts/votes/ (none when the
    group's ownership is not known yet, or the sheet has no voting clause)."""
    sheet = agreement.clauses_of("standstill")[0].terms_as(StandstillTerms)
    history, _ = standstill_facts(portfolio).positions(sheet, as_of)
    folder = portfolio.root / portfolio.config.facts / "votes"
    votes = folder.is_dir() and history and sheet.voting is not None
    files = sorted(folder.glob("*.csv")) if votes else []
    return OwnershipReport(
        company=portfolio.config.company,
        agreement_id=agreement.id,
        agreement_title=agreement.sheet.title,
        holder=sheet.holder.name,
        as_of=as_of,
        sheet=sheet,
        findings=findings,
        history=tuple(history),
        meetings=tuple(
            (f.stem, meeting(agreement, sheet_on(agreement, portfolio, as_of), portfolio, f, as_of))
            for f in files
        ),
    )
