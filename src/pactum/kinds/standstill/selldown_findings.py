"""Findings of the sell-down and of resales: deadline, shares to sell, Rule 144 feasibility,
and the aggregation windows of distributions."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from pactum.business_days import BusinessCalendar
from pactum.facts.events import AgreementEvents
from pactum.facts.trading_volume import TradingVolume
from pactum.findings import (
    Alert,
    Basis,
    Comparator,
    Obligation,
    Severity,
    TestResult,
    Trace,
    Unit,
    Value,
)
from pactum.findings import ObligationCategory as Category
from pactum.kinds.standstill.distributions import AggregationWindow, aggregation_windows
from pactum.kinds.standstill.ownership import Position
from pactum.kinds.standstill.rule144 import Feasibility, sale_dates, volume_limit
from pactum.kinds.standstill.schema import Rule144, StandstillTerms
from pactum.kinds.standstill.selldown import SellDownDemand, demand, shares_to_sell
from pactum.money import percent_str
from pactum.terms.values import sources


@dataclass
class SellDownFindings:
    values: list[Value] = field(default_factory=list)
    tests: list[TestResult] = field(default_factory=list)
    alerts: list[Alert] = field(default_factory=list)
    obligations: list[Obligation] = field(default_factory=list)


def sell_down_findings(
    sheet: StandstillTerms,
    events: AgreementEvents,
    volume: TradingVolume,
    current: Position | None,
    as_of: date,
    calendar: BusinessCalendar,
) -> SellDownFindings:
    out = SellDownFindings()
    windows = _aggregation(sheet, events, as_of, out)
    rule = sheet.sell_down
    if rule is None:
        return out
    found, request_alerts = demand(rule, events, as_of)
    out.alerts += request_alerts
    if found is None or current is None:
        return out
    needed = shares_to_sell(current, rule.below.value)
    below = percent_str(rule.below.value)
    refs = sources(rule.trigger, rule.below, rule.within_years)
    out.values += [
        Value(
            "sell_down_deadline",
            found.deadline,
            Unit.date,
            "Sell-down deadline",
            Trace(
                f"request {found.request.date.isoformat()} + {rule.within_years.value} year(s)",
                {
                    "court_ruling": found.ruling.date.isoformat(),
                    "request": found.request.date.isoformat(),
                },
                refs,
            ),
        ),
        Value(
            "shares_to_sell",
            Decimal(needed),
            Unit.shares,
            f"Shares to sell to own less than {below}",
            Trace(
                f"least whole n with (beneficial - n) < {below} x base",
                {"beneficial": str(current.beneficial), "base": str(current.base)},
                refs,
            ),
        ),
    ]
    if needed == 0:
        out.alerts.append(
            Alert(
                Severity.info,
                f"The group owns less than {below}: the sell-down requested on "
                f"{found.request.date.isoformat()} is met.",
                rule.below.source_ref(),
            )
        )
        return out
    if as_of > found.deadline:
        out.alerts.append(
            Alert(
                Severity.critical,
                f"Sell-down deadline {found.deadline.isoformat()} has passed: the group still "
                f"owns {percent_str(current.fraction)} and must sell {needed:,} shares.",
                rule.within_years.source_ref(),
            )
        )
        return out
    out.obligations.append(
        Obligation(
            found.deadline,
            f"Sell-down: sell {needed:,} shares so that the group owns less than {below}",
            sources=sources(rule.within_years),
            note=calendar.not_rolled_note(found.deadline),
            category=Category.deadline,
            id="sell-down-deadline",
        )
    )
    if sheet.transfers is not None and sheet.transfers.rule_144 is not None:
        _feasibility(sheet.transfers.rule_144, volume, current, found, needed, windows, as_of, out)
    return out


def _aggregation(
    sheet: StandstillTerms, events: AgreementEvents, as_of: date, out: SellDownFindings
) -> list[AggregationWindow]:
    transfers = sheet.transfers
    if transfers is None or transfers.distribution_aggregation_years is None:
        return []
    years = transfers.distribution_aggregation_years
    windows = aggregation_windows(years.value, events, as_of)
    for window in windows:
        if window.open_on(as_of):
            out.alerts.append(Alert(Severity.info, window.describe() + ".", years.source_ref()))
            out.obligations.append(
                Obligation(
                    window.ends,
                    f"Rule 144 aggregation of the {window.distributed.isoformat()} "
                    f"distribution ({window.shares:,} shares) ends",
                    sources=sources(years),
                    category=Category.end,
                    id=f"aggregation-end-{window.distributed.isoformat()}",
                )
            )
    return windows


def _feasibility(
    rule: Rule144,
    volume: TradingVolume,
    current: Position,
    found: SellDownDemand,
    needed: int,
    windows: list[AggregationWindow],
    as_of: date,
    out: SellDownFindings,
) -> None:
    limit = volume_limit(rule, current.outstanding, volume, as_of)
    dates = sale_dates(as_of, found.deadline, rule.period_months.value)
    aggregated = sum(w.shares for w in windows if w.overlaps(as_of, found.deadline))
    plan = Feasibility(needed, limit, tuple(dates), aggregated)
    refs = sources(rule.outstanding_fraction, rule.volume_weeks, rule.period_months)
    weeks = {w.week_ending.isoformat(): str(w.volume) for w in limit.weeks}
    out.values += [
        Value(
            "rule144_volume_limit",
            Decimal(limit.shares),
            Unit.shares,
            f"Rule 144 limit per {rule.period_months.value} months",
            Trace(
                f"greater of {percent_str(rule.outstanding_fraction.value)} of "
                f"{current.outstanding:,} outstanding and the average weekly volume of the "
                f"{rule.volume_weeks.value} weeks before; here {limit.basis()}",
                weeks,
                refs,
            ),
        ),
        Value(
            "rule144_sale_periods",
            Decimal(len(dates)),
            Unit.number,
            "Sale periods until the deadline",
            Trace(
                f"a full limit on {as_of.isoformat()} and every {rule.period_months.value} "
                "months after, up to the deadline",
                {"dates": ", ".join(d.isoformat() for d in dates)},
                refs,
            ),
        ),
        Value("rule144_capacity", Decimal(plan.capacity), Unit.shares, "Open-market capacity"),
        Value(
            "aggregated_distributed_shares",
            Decimal(aggregated),
            Unit.shares,
            "Distributed shares aggregated in the period",
        ),
        Value("sell_down_shortfall", Decimal(plan.shortfall), Unit.shares, "Sell-down shortfall"),
    ]
    out.tests.append(
        TestResult(
            id="sell_down_by_deadline",
            label="Open-market sales under Rule 144 meet the sell-down",
            test_date=found.deadline,
            basis=Basis.forecast,
            comparator=Comparator.at_least,
            unit=Unit.shares,
            required=Decimal(needed),
            actual=Decimal(plan.capacity),
            passed=plan.shortfall == 0,
            headroom=Decimal(plan.capacity - needed),
            note="capacity = limit x sale periods",
        )
    )
    if plan.shortfall:
        out.alerts.append(
            Alert(
                Severity.warning,
                f"Open-market sales cannot meet the sell-down by {found.deadline.isoformat()}: "
                f"{len(dates)} periods x {limit.shares:,} shares = {plan.capacity:,}, against "
                f"{needed:,} to sell; short by {plan.shortfall:,}.",
                rule.applies.source_ref(),
            )
        )
    elif plan.shortfall_if_resold:
        out.alerts.append(
            Alert(
                Severity.warning,
                f"The sell-down fits Rule 144 ({plan.capacity:,} of capacity for {needed:,}), "
                f"but not if the members resell the {aggregated:,} distributed shares "
                f"aggregated with the group's: short by {plan.shortfall_if_resold:,}.",
                rule.applies.source_ref(),
            )
        )
