"""The `standstill` kind: a shareholder standstill and voting agreement, computed as of any date.

From ownership.csv: the group's ownership and the side of each threshold; the Term and the
standstill period; the free and excess votes; the conduct covenants while in force; and, after
a court ruling and the issuer's request, the sell-down deadline and its Rule 144 feasibility.
Each only when the sheet has its part: no Term figures without a term clause, no votes
without a voting clause.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from decimal import Decimal
from difflib import get_close_matches
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from pydantic import BaseModel

from pactum.clauses.api import (
    Agreement,
    AgreementFindings,
    ClauseContext,
    ClauseFindings,
    ClauseType,
    Portfolio,
    TermProblem,
    TermSheet,
)
from pactum.errors import Problem, shown
from pactum.facts.events import AgreementEvents, Event
from pactum.findings import (
    Alert,
    Basis,
    Comparator,
    Obligation,
    ObligationCategory,
    Severity,
    TestResult,
    Trace,
    Unit,
    Value,
    by_severity,
)
from pactum.kinds.standstill.cap import (
    CapBinding,
    CapStanding,
    OverBy,
    cap_standing,
    judged,
    lifts,
    purchase_message,
)
from pactum.kinds.standstill.conduct import conduct
from pactum.kinds.standstill.facts import KIND, StandstillFacts, load_facts, standstill_facts
from pactum.kinds.standstill.floors import falls_below, fell_below, floor_findings
from pactum.kinds.standstill.holder_names import holder_name_alerts, split_name_alerts
from pactum.kinds.standstill.issuances import issuance_values, issuances_over, issued_over
from pactum.kinds.standstill.ownership import Position, shares_text
from pactum.kinds.standstill.schema import (
    EVENTS,
    ActionEvent,
    Denominator,
    NamedFactEvent,
    RightsCounted,
    Signing,
    StandstillEnd,
    StandstillTerms,
    TransferEvent,
    VotingEvent,
)
from pactum.kinds.standstill.selldown_findings import sell_down_findings
from pactum.kinds.standstill.term import Period, period, signing_date
from pactum.kinds.standstill.thresholds import (
    Crossing,
    Threshold,
    crossings,
    describe,
    latest_crossing,
    thresholds,
)
from pactum.kinds.standstill.transfers import transfer_findings
from pactum.kinds.standstill.validation import validate
from pactum.kinds.standstill.voting import split, voting_level
from pactum.money import percent_str
from pactum.terms.values import sources

if TYPE_CHECKING:
    from pactum.charts import Chart
    from pactum.document import Document


def _flag(value: bool | None) -> str | None:
    return None if value is None else ("true" if value else "false")


def evaluate(ctx: ClauseContext[StandstillTerms]) -> ClauseFindings:
    sheet, agreement, portfolio, as_of = ctx.terms, ctx.agreement, ctx.portfolio, ctx.as_of
    facts = standstill_facts(portfolio)
    events = portfolio.facts.events.for_agreement(agreement.id)
    series, undiluted = facts.positions(sheet, as_of)
    current = series[-1] if series else None
    span = period(sheet, signing_date(agreement), series, as_of, agreement.calendar())
    values: list[Value] = []
    tests: list[TestResult] = []
    alerts: list[Alert] = []
    obligations: list[Obligation] = []

    if current is None:
        alerts.append(
            Alert(
                Severity.warning,
                f"No ownership.csv rows for {sheet.holder.name} (holder "
                f"{', '.join(sheet.holder.holders)}) on or before {as_of.isoformat()}: "
                "ownership, the Term and the votes are not computed.",
            )
        )
    # a listed holder without rows (said above when none has any) or a misspelt row: the
    # group's figures come from fewer rows, or older ones
    alerts += holder_name_alerts(
        facts.ownership, sheet.holder.holders, as_of, listed=current is not None
    )
    alerts += split_name_alerts(sheet.holder.holders)
    alerts += _ignored_rights_alerts(sheet, facts, Path(portfolio.config.facts), as_of)
    values += _ownership_values(sheet, current)
    if undiluted:
        alerts.append(
            Alert(
                Severity.warning,
                "The fully diluted denominator has no figure for the company's convertibles on "
                + ", ".join(d.isoformat() for d in undiluted)
                + ": none counted (facts/convertibles.csv, or the sheet's company_convertibles).",
                sources(sheet.ownership.denominator)[0] if sheet.ownership else None,
            )
        )
    for floor in sheet.floors:
        floor_values, floor_alerts = floor_findings(
            floor, series, span.signed, as_of, list(events.items)
        )
        values += floor_values
        alerts += floor_alerts
    if sheet.issuance_limits:
        values += issuance_values(sheet.issuance_limits, list(events.items), as_of)
    if sheet.signing is not None:
        # the rows in force on the signing date, once the agreement is signed
        at_signing = [p for p in series if p.as_of <= span.signed] if as_of >= span.signed else []
        reconciled, differs = _signing_reconciliation(
            sheet.signing, at_signing[-1] if at_signing else None, span.signed
        )
        values.append(reconciled)
        alerts += differs
    found = thresholds(sheet, series)
    moves = [
        c
        for c in crossings(found, series)
        if c.threshold.id != "term" or c.after.as_of > span.signed  # no Term before signing
    ]
    cap = next((t for t in found if t.id == "acquisition_cap"), None)
    rule = sheet.standstill.acquisition_cap
    binding = CapBinding(
        span.standstill_active, lifts(rule, list(events.items), as_of) if rule else ()
    )
    standing = cap_standing(cap, series, binding) if cap is not None else None
    if rule is not None and rule.level_held_on is not None and cap is None:
        alerts.append(
            Alert(
                Severity.info,
                f"The {rule.clause} acquisition cap is the group's own ownership on "
                f"{rule.level_held_on.date.value.isoformat()}: no report of that day is known "
                f"by {as_of.isoformat()}, so the cap is not tested.",
                rule.level_held_on.source_ref(),
            )
        )
    if current is not None:
        values += [_side_value(t, current) for t in found]
        alerts += _threshold_alerts(sheet, found, moves, current, binding, span, as_of)
        if cap is not None and standing is not None:
            alerts += [
                Alert(Severity.critical, purchase_message(cap, move), cap.term.source_ref())
                for move in standing.purchases_while_over
            ]
    values += _period_values(sheet, span, current, as_of)
    obligations += _period_obligations(sheet, span, current, as_of)
    values += _vote_values(sheet, span, series, events, as_of)
    active = current is not None and span.standstill_active(as_of)
    if cap is not None and standing is not None and current is not None and active:
        tests.append(_acquisition_test(sheet, cap, standing, current, as_of))
    checklist, conduct_alerts = conduct(sheet, events, span.standstill_active, as_of)
    tests += checklist
    alerts += conduct_alerts
    transfer_tests, transfer_alerts = transfer_findings(
        sheet, events, series, facts.volume, span.standstill_active, as_of
    )
    tests += transfer_tests
    alerts += transfer_alerts
    sold = sell_down_findings(sheet, events, facts.volume, current, as_of, agreement.calendar())
    values += sold.values
    tests += sold.tests
    alerts += sold.alerts
    obligations += sold.obligations

    return ClauseFindings(
        values=tuple(values),
        tests=tuple(tests),
        obligations=tuple(sorted(obligations, key=lambda o: (o.due, o.what))),
        alerts=by_severity(alerts),
    )


def _ignored_rights_alerts(
    sheet: StandstillTerms, facts: StandstillFacts, folder: Path, as_of: date
) -> list[Alert]:
    """With an `ownership` measure the group's rights come from rights.csv: figures in
    ownership.csv's rights_60d column for the group would otherwise be dropped unseen."""
    if sheet.ownership is None:
        return []
    rows = [
        h
        for h in facts.ownership.holdings
        if h.rights_60d and h.as_of <= as_of and h.holder in set(sheet.holder.holders)
    ]
    if not rows:
        return []
    dates = sorted({h.as_of for h in rows})
    return [
        Alert(
            Severity.warning,
            f"{(folder / 'ownership.csv').as_posix()}: column rights_60d gives the group "
            f"{shares_text(sum(h.rights_60d for h in rows))} shares in {len(rows)} row(s) "
            f"({dates[0].isoformat()} to {dates[-1].isoformat()}), not counted: with the "
            "sheet's `ownership` measure the group's rights are read from "
            f"{(folder / 'rights.csv').as_posix()} (as_of,holder,instrument,shares).",
            sheet.ownership.rights.source_ref(),
        )
    ]


def _ownership_values(sheet: StandstillTerms, p: Position | None) -> list[Value]:
    measure = sheet.ownership
    if measure is not None:
        return _measured_values(sheet, p)
    trace = None
    if p is not None:
        trace = Trace(
            "(shares + rights_60d) / (shares_outstanding + rights_60d)",
            {
                "as_of": p.as_of.isoformat(),
                "shares": str(p.shares),
                "rights_60d": str(p.rights),
                "shares_outstanding": str(p.outstanding),
            },
            sources(sheet.term.rights_within_days if sheet.term else None),
        )
    return [
        Value("ownership_as_of", p.as_of if p else None, Unit.date, "Ownership reported as of"),
        Value("group_shares", _n(p.shares if p else None), Unit.shares, "Shares held by the group"),
        Value(
            "rights_60d", _n(p.rights if p else None), Unit.shares, "Rights to acquire (60 days)"
        ),
        Value(
            "shares_outstanding",
            _n(p.outstanding if p else None),
            Unit.shares,
            "Shares outstanding",
        ),
        Value("ownership_pct", p.fraction if p else None, Unit.percent, "Ownership", trace),
    ]


def _measured_values(sheet: StandstillTerms, p: Position | None) -> list[Value]:
    """The group's ownership as the sheet's `ownership` measure counts it."""
    measure = sheet.ownership
    assert measure is not None
    counted = measure.rights.value
    rights_label = {
        RightsCounted.within_days: "Rights to acquire (within "
        f"{measure.rights_within_days.value if measure.rights_within_days else 0} days)",
        RightsCounted.regardless_of_exercise: "Rights to acquire (regardless of exercise)",
        RightsCounted.none: "Rights to acquire (not counted)",
    }[counted]
    denominator = {
        Denominator.outstanding_with_own_rights: "shares_outstanding + rights",
        Denominator.outstanding: "shares_outstanding",
        Denominator.fully_diluted: "shares_outstanding + company_convertibles",
    }[measure.denominator.value]
    with_derivatives = measure.derivatives is not None and measure.derivatives.value
    numerator = "shares + rights" + (" + derivatives" if with_derivatives else "")
    trace = None
    if p is not None:
        inputs = {
            "as_of": p.as_of.isoformat(),
            "shares": str(p.shares),
            "rights": str(p.rights),
            "derivatives": str(p.derivatives),
            "shares_outstanding": str(p.outstanding),
        }
        if p.convertibles is not None:
            inputs["company_convertibles"] = str(p.convertibles)
        trace = Trace(
            f"({numerator}) / ({denominator})",
            inputs,
            sources(
                measure.rights,
                measure.rights_within_days,
                measure.derivatives,
                measure.denominator,
                measure.company_convertibles,
            ),
        )
    diluted = measure.denominator.value is Denominator.fully_diluted
    return [
        Value("ownership_as_of", p.as_of if p else None, Unit.date, "Ownership reported as of"),
        Value("group_shares", _n(p.shares if p else None), Unit.shares, "Shares held by the group"),
        Value("group_rights", _n(p.rights if p else None), Unit.shares, rights_label),
        *(
            [
                Value(
                    "group_derivatives",
                    _n(p.derivatives if p else None),
                    Unit.shares,
                    "Derivative exposure (underlying shares)",
                )
            ]
            if with_derivatives
            else []
        ),
        Value(
            "shares_outstanding",
            _n(p.outstanding if p else None),
            Unit.shares,
            "Shares outstanding",
        ),
        *(
            [
                Value(
                    "company_convertibles",
                    _n(p.convertibles if p else None),
                    Unit.shares,
                    "Shares issuable on the company's convertibles",
                )
            ]
            if diluted
            else []
        ),
        Value(
            "ownership_pct",
            p.fraction if p else None,
            Unit.percent,
            "Ownership (fully diluted)" if diluted else "Ownership",
            trace,
        ),
    ]


def _signing_reconciliation(
    signing: Signing, p: Position | None, signed: date
) -> tuple[Value, list[Alert]]:
    """The group's shares (with rights) in ownership.csv on the signing date less the holding
    the sheet cites at signing: not zero, a listed holder or a row is missing, or one too many."""
    cited = signing.group_shares.value
    if p is None:
        return Value("signing_difference", None, Unit.shares, "Reported less cited at signing"), []
    difference = p.beneficial - cited
    trace = Trace(
        "group's shares with rights in ownership.csv at signing - the holding cited at signing",
        {
            "signed": signed.isoformat(),
            "rows_as_of": p.as_of.isoformat(),
            "reported": str(p.beneficial),
            "cited": str(cited),
        },
        sources(signing.group_shares),
    )
    value = Value(
        "signing_difference",
        Decimal(difference),
        Unit.shares,
        "Reported less cited at signing",
        trace,
    )
    if difference == 0:
        return value, []
    message = (
        f"At signing ({signed.isoformat()}) ownership.csv gives the group "
        f"{shares_text(p.beneficial)} shares (rows of {p.as_of.isoformat()}); the sheet cites "
        f"{shares_text(cited)}: {shares_text(abs(difference))} "
        f"{'fewer' if difference < 0 else 'more'}. A listed holder without rows, or a row "
        "of a holder the sheet does not list?"
    )
    return value, [Alert(Severity.warning, message, signing.group_shares.source_ref())]


def _n(count: int | None) -> Decimal | None:
    return None if count is None else Decimal(count)


def _side_value(threshold: Threshold, p: Position) -> Value:
    return Value(
        f"threshold_{threshold.id}",
        threshold.side(p).value,
        Unit.text,
        threshold.label,
        Trace(
            f"ownership {percent_str(p.fraction)} against {percent_str(threshold.level)}: "
            f"{'over' if threshold.is_over(p) else 'not over'} ({threshold.rule()})",
            describe(threshold, p),
            sources(threshold.term),
        ),
    )


def _threshold_alerts(
    sheet: StandstillTerms,
    found: list[Threshold],
    moves: list[Crossing],
    p: Position,
    binding: CapBinding,
    span: Period,
    as_of: date,
) -> list[Alert]:
    cap = sheet.standstill.acquisition_cap
    excused = cap.excused.value if cap is not None and cap.excused is not None else None
    alerts = []
    for move in moves:
        severity = Severity.info
        if move.threshold.prohibited and move.upward:
            severity = Severity.critical if move.acquired else Severity.warning
            # over the cap by a buyback the sheet does not excuse: a breach all the same
            not_excused = excused is not None and not excused.covers(
                move.after.pool < move.before.pool
            )
            if move.threshold.id == "acquisition_cap" and not move.acquired and not_excused:
                severity = Severity.critical
        if move.threshold.reported and move.upward:
            severity = Severity.warning  # a filing follows the crossing
        message = move.message()
        # the cap binds only while the standstill is in force and not lifted: a crossing
        # before it starts, after it ends or while a tender offer lifts it breaches nothing
        if move.threshold.id == "acquisition_cap" and not binding.binds(move.after.as_of):
            severity = Severity.info
            message += f" The cap did not bind ({binding.why_not(move.after.as_of)}): no breach."
        alerts.append(Alert(severity, message, move.threshold.term.source_ref()))
    for threshold in found:
        # over a prohibited line since the first report: no crossing says so
        over = threshold.prohibited and threshold.is_over(p)
        if threshold.id == "acquisition_cap" and not binding.binds(as_of):
            over = False  # the cap binds only while the standstill is in force, not lifted
        if over and latest_crossing(moves, threshold.id) is None:
            alerts.append(
                Alert(
                    Severity.critical,
                    f"Ownership {percent_str(p.fraction)} is over the {threshold.label}.",
                    threshold.term.source_ref(),
                )
            )
    term = next((t for t in found if t.id == "term"), None)
    if term is not None and span.term_end is not None and span.term_end <= as_of:
        alerts.append(
            Alert(
                Severity.info,
                f"The Term ended on {span.term_end.isoformat()}: the group owned less than "
                f"{percent_str(term.level)}; the voting restriction no longer applies.",
                term.term.source_ref(),
            )
        )
    return alerts


def _period_values(
    sheet: StandstillTerms, span: Period, p: Position | None, as_of: date
) -> list[Value]:
    known = p is not None
    through = sheet.standstill.through
    ends = sheet.standstill.ends
    term: list[Value] = []
    if sheet.term is not None:
        term = [
            Value(
                "term_active",
                _flag(span.term_active(as_of) if known else None),
                Unit.text,
                "Term in force",
                Trace(
                    f"signed {span.signed.isoformat()}; lasts until the group owns less than "
                    f"{percent_str(sheet.term.ends_below.value)}",
                    {"ownership_pct": percent_str(p.fraction) if p else ""},
                    sources(sheet.term.ends_below),
                ),
            ),
            Value("term_end", span.term_end, Unit.date, "Term ended on"),
        ]
    starts = sheet.standstill.starts
    start: list[Value] = []
    if starts is not None:  # only a sheet that says when the covenants start has the figure
        start = [
            Value(
                "standstill_start",
                span.standstill_from,
                Unit.date,
                "Standstill covenants in force from",
                Trace(
                    "the sheet's start date, once any event it rests on is recorded",
                    {"start": span.start_note},
                    sources(starts),
                ),
            )
        ]
    return [
        *term,
        *start,
        Value(
            "standstill_active",
            _flag(span.standstill_active(as_of) if known else None),
            Unit.text,
            "Standstill covenants in force",
        ),
        Value(
            "standstill_end",
            span.standstill_through,
            Unit.date,
            "Standstill covenants in force through",
            Trace(
                f"{(ends.value if ends else StandstillEnd.date).value.replace('_', ' ')}: "
                f"{through.value.isoformat()} ({span.through_note or 'a business day'})",
                {"term_end": span.term_end.isoformat() if span.term_end else "Term in force"}
                if sheet.term
                else {},
                sources(through, ends),
            ),
        ),
    ]


def _period_obligations(
    sheet: StandstillTerms, span: Period, p: Position | None, as_of: date
) -> list[Obligation]:
    if p is None or not span.standstill_active(as_of):
        return []
    ends = sheet.standstill.ends
    with_term = ends is not None and ends.value is StandstillEnd.earlier_of_term_and_date
    return [
        Obligation(
            span.standstill_through,
            "Standstill covenants in force through this day"
            + (" (or until the Term ends)" if with_term else ""),
            sources=sources(sheet.standstill.through),
            note=span.through_note,
            category=ObligationCategory.end,
            id="standstill-end",
        )
    ]


def _vote_values(
    sheet: StandstillTerms,
    span: Period,
    series: list[Position],
    events: AgreementEvents,
    as_of: date,
) -> list[Value]:
    voting = sheet.voting
    if voting is None:  # no proportional voting: no free or excess shares
        return []
    p = series[-1] if series else None
    if p is None:
        return [
            Value("free_vote_shares", None, Unit.shares, "Shares voted freely"),
            Value("excess_shares", None, Unit.shares, "Excess shares voted in proportion"),
        ]
    level = voting_level(voting, series, events, as_of)
    shares = split(voting, p, level, span.voting_restricted(as_of))
    named = (voting.free_up_to_held_before, voting.from_event)
    refs = (
        *sources(voting.free_up_to),
        *(event.source_ref() for event in named if event is not None),
        *sources(voting.free_shares_rounding, voting.measured_against),
    )
    inputs = {
        "shares": str(shares.shares),
        "base": str(shares.base),
        "free_cap": str(shares.free_cap),
    }
    if level.note:
        inputs["level"] = level.note
    rounded = voting.free_shares_rounding.value.value.replace("_", " ")
    if shares.restricted and voting.free_up_to is not None:
        formula = f"min(shares, {percent_str(voting.free_up_to.value)} x base rounded {rounded})"
    elif shares.restricted:
        formula = f"min(shares, the group's fraction before the event x base rounded {rounded})"
    elif not level.applies:
        formula = "no proportional voting yet: every share is voted freely"
    else:
        formula = (
            f"the {'Term' if sheet.term else 'standstill'} has ended: every share is voted freely"
        )
    return [
        Value(
            "free_vote_shares",
            Decimal(shares.free),
            Unit.shares,
            "Shares voted freely",
            Trace(formula, inputs, refs),
        ),
        Value(
            "excess_shares",
            Decimal(shares.excess),
            Unit.shares,
            "Excess shares voted in proportion",
            Trace("shares - free_vote_shares", inputs, refs),
        ),
    ]


def _acquisition_test(
    sheet: StandstillTerms, cap: Threshold, standing: CapStanding, p: Position, as_of: date
) -> TestResult:
    rule = sheet.standstill.acquisition_cap
    excused = rule.excused if rule is not None else None
    passed, note = judged(standing, excused.value if excused is not None else None)
    inputs = {"beneficial": shares_text(p.beneficial), "base": shares_text(p.base)}
    if standing.move is not None:
        inputs["over_since"] = standing.move.after.as_of.isoformat()
        inputs["over_by"] = str(standing.by)
    return TestResult(
        id="acquisition_cap",
        label=cap.label,
        test_date=as_of,
        basis=Basis.actual,
        comparator=Comparator.at_most,
        unit=Unit.percent,
        required=cap.level,
        actual=p.fraction,
        passed=passed,
        headroom=cap.level - p.fraction,
        note=note,
        trace=Trace(
            "ownership <= cap while the standstill is in force, unless over only because "
            "shares outstanding moved and the sheet excuses it"
            if standing.by is OverBy.denominator
            else "ownership <= cap while the standstill is in force",
            inputs,
            sources(cap.term, excused if standing.by is OverBy.denominator else None),
        ),
    )


def _transfer_problem(terms: StandstillTerms, event: Event, data: TransferEvent) -> Problem | None:
    limit = terms.transfers.buyer_limit if terms.transfers is not None else None
    if limit is None:
        return Problem(
            event.file,
            event.line,
            "event",
            "a transfer for a standstill with no transfers.buyer_limit",
            "a sheet whose standstill restricts transfers (transfers.buyer_limit), or no "
            "transfer event",
        )
    declared = [x.id for x in limit.exceptions]
    if data.under is not None and data.under not in declared:
        meant = get_close_matches(data.under, declared, n=1, cutoff=0.8)
        return Problem(
            event.file,
            event.line_of("under"),
            "under",
            shown(data.under) + (f"; did you mean {meant[0]!r}?" if meant else ""),
            "an exception the sheet declares (transfers.buyer_limit.exceptions ids): "
            + (", ".join(declared) or "(the sheet declares none)"),
        )
    if data.under is None and data.buyer_shares_after is None:
        return Problem(
            event.file,
            event.line,
            "buyer_shares_after",
            "a transfer with no buyer's holding and no exception",
            "the buyer's voting shares after the sale (buyer_shares_after), or `under` naming "
            "an exception: " + (", ".join(declared) or "(the sheet declares none)"),
        )
    return None


class Standstill(ClauseType[StandstillTerms]):
    name = KIND
    description = (
        "A shareholder standstill, voting or cooperation agreement: the standstill period; "
        "where the agreement has them, ownership thresholds, the Term, proportional voting, "
        "conduct covenants, forced sell-down."
    )
    schema = StandstillTerms
    events = EVENTS
    # how agreements write the measure, the floors' tests and the voting rules
    written_as: ClassVar[Mapping[str, tuple[str, ...]]] = {
        "regardless_of_exercise": (
            "issuable upon the conversion, exercise or exchange",
            "whether or not exercisable",
        ),
        "fully_diluted": ("all outstanding Convertible Securities", "fully diluted"),
        "derivatives": ("derivative", "swaps"),
        "maintained_since_signing": ("maintained since the date of this Agreement",),
        "continuously": ("falls below", "so long as", "at any time"),
        "with_board": (
            "nominated by the Board",
            "the Board's recommendation",
            "recommended by the Board",
            "management's nominees",
        ),
        "free": ("in their sole discretion", "in its sole discretion"),
        "follow_advisors": ("recommendation of ISS and Glass Lewis", "recommends otherwise"),
        "shares_outstanding": ("then outstanding", "outstanding Voting Securities"),
    }

    def event_models(self, terms: StandstillTerms) -> Mapping[str, type[BaseModel]]:
        """Its own events, and those the voting clause names (`free_up_to_held_before`,
        `from_event`)."""
        voting = terms.voting
        named = [voting.free_up_to_held_before, voting.from_event] if voting else []
        lifted = (
            terms.standstill.acquisition_cap.lifted if terms.standstill.acquisition_cap else None
        )
        lift_events = [lifted.lifted_from, *lifted.until] if lifted else []
        return {
            **EVENTS,
            **{lift.event: NamedFactEvent for lift in lift_events},
            **{named_event.event: VotingEvent for named_event in named if named_event is not None},
        }

    def validate(self, terms: StandstillTerms, header: TermSheet) -> Sequence[TermProblem]:
        return validate(terms, header)

    def load_facts(self, folder: Path) -> StandstillFacts:
        return load_facts(folder)

    def triggers(self, terms: StandstillTerms) -> Sequence[str]:
        """`fell_below_<floor id>` for each floor: each day the group fell below it;
        `issued_over_<limit id>` for each issuance limit: each day of an issuance over it."""
        return [fell_below(floor) for floor in terms.floors] + [
            issued_over(limit) for limit in terms.issuance_limits
        ]

    def triggered(
        self, terms: StandstillTerms, agreement: Agreement, portfolio: Portfolio, as_of: date
    ) -> Mapping[str, Sequence[date]]:
        series, _ = standstill_facts(portfolio).positions(terms, as_of)
        signed = signing_date(agreement)
        events = list(portfolio.facts.events.for_agreement(agreement.id).items)
        return {
            **{
                fell_below(floor): falls_below(floor, series, signed, as_of)
                for floor in terms.floors
            },
            **{
                issued_over(limit): issuances_over(limit, events, as_of)
                for limit in terms.issuance_limits
            },
        }

    def check_event(self, terms: StandstillTerms, event: Event, data: BaseModel) -> Problem | None:
        """An `action` names a conduct covenant the sheet declares: another breaches nothing
        the sheet knows, and would pass unseen. A `transfer` is judged against the sheet's
        buyer limit: it names one of its exceptions, or gives the buyer's holding after."""
        if isinstance(data, TransferEvent):
            return _transfer_problem(terms, event, data)
        declared = [c.id for c in terms.standstill.conduct]
        if not isinstance(data, ActionEvent) or data.type in declared:
            return None
        meant = get_close_matches(data.type, declared, n=1, cutoff=0.8)
        return Problem(
            event.file,
            event.line_of("type"),
            "type",
            shown(data.type) + (f"; did you mean {meant[0]!r}?" if meant else ""),
            "a conduct covenant the sheet declares (standstill.conduct ids): "
            + (", ".join(declared) or "(the sheet declares none)"),
        )

    def evaluate(self, ctx: ClauseContext[StandstillTerms]) -> ClauseFindings:
        return evaluate(ctx)

    def term_end(self, ctx: ClauseContext[StandstillTerms]) -> tuple[date, str] | None:
        """The agreement's last day under the standstill, as known on the as-of date: the
        covenants' own last day as the sheet dates it (not cut short by the Term: a sell-down
        or a notice may still be running), or the Term's last day if later. None while
        something of the clause has no end yet: a Term still running (the voting
        restriction binds while the group keeps its percentage), rights held while the
        holder stays above a floor, covenants that wait on an event not recorded, or an end
        worked out from an estimate."""
        sheet = ctx.terms
        rule = sheet.standstill
        if sheet.floors or getattr(rule.through, "projected", False):
            return None
        series, _ = standstill_facts(ctx.portfolio).positions(sheet, ctx.as_of)
        calendar = ctx.agreement.calendar()
        span = period(sheet, signing_date(ctx.agreement), series, ctx.as_of, calendar)
        if span.standstill_from is None:
            return None
        dated = calendar.roll(rule.through.value, rule.roll.value)
        covenants_end = (dated, "the standstill's last day")
        if not span.has_term:
            return covenants_end
        if span.term_end is None:
            return None
        term_last_day = (span.term_end - timedelta(days=1), "the last day of the Term")
        return max(covenants_end, term_last_day, key=lambda end: end[0])

    def charts(
        self, ctx: ClauseContext[StandstillTerms], findings: AgreementFindings
    ) -> Sequence[Chart]:
        from pactum.kinds.standstill.series import ownership_chart, ownership_series

        return [ownership_chart(ownership_series(ctx))]

    def documents(
        self, ctx: ClauseContext[StandstillTerms], findings: AgreementFindings
    ) -> Sequence[Document]:
        # imported here: `check` never pays for the report's layout
        from pactum.kinds.standstill.ownership_report import ownership_report

        own = ctx.own(findings)
        return [ownership_report(ctx.portfolio, ctx.agreement, own, ctx.as_of).document()]


CLAUSE = Standstill()
