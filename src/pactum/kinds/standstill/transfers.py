"""Transfer restrictions: each `transfer` event judged allowed or in breach.

While the standstill is in force the group may not sell to a buyer who would then own the
sheet's level or more of the shares outstanding (the report in force on the sale's date),
unless the sale is made under an exception the sheet declares: a registered offering or an
open-market sale through a broker (the buyer is not chosen or known: allowed whoever buys),
or Rule 144 (allowed within its volume limit, counting every Rule 144 sale of the same
period). Levels are compared exactly (shares against level x outstanding).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal

from pactum.dates import add_months
from pactum.facts.events import AgreementEvents, Event
from pactum.facts.trading_volume import TradingVolume
from pactum.findings import (
    Alert,
    Basis,
    Comparator,
    Severity,
    SourceRef,
    TestResult,
    Trace,
    Unit,
)
from pactum.kinds.standstill.ownership import Position
from pactum.kinds.standstill.rule144 import volume_limit
from pactum.kinds.standstill.schema import (
    BuyerLimit,
    StandstillTerms,
    TransferEvent,
    TransferException,
    TransferRoute,
)
from pactum.money import percent_str
from pactum.terms.values import sources


def transfer_findings(
    sheet: StandstillTerms,
    events: AgreementEvents,
    series: list[Position],
    volume: TradingVolume,
    in_force: Callable[[date], bool],
    as_of: date,
) -> tuple[list[TestResult], list[Alert]]:
    """One test per transfer up to the as-of date, and a critical alert per breach."""
    limit = sheet.transfers.buyer_limit if sheet.transfers is not None else None
    if limit is None:
        return [], []
    sales = [e for e in events.named("transfer") if e.date <= as_of]
    tests: list[TestResult] = []
    alerts: list[Alert] = []
    used: dict[date, int] = {}
    for index, event in enumerate(sales):
        base = f"transfer_{event.date.isoformat()}"
        used[event.date] = used.get(event.date, 0) + 1
        test_id = base if used[event.date] == 1 else f"{base}_{used[event.date]}"
        # a Rule 144 sale counts with the sales before it, not with later ones of its day
        test = _judge(sheet, limit, event, sales[: index + 1], series, volume, in_force, test_id)
        tests.append(test)
        if test.passed is False:
            data: TransferEvent = event.data
            alerts.append(
                Alert(
                    Severity.critical,
                    f"Transfer of {data.shares:,} shares on {event.date.isoformat()} breaches "
                    f"{limit.clause}: {test.note} ({event.where()}).",
                    test.trace.sources[0] if test.trace and test.trace.sources else None,
                )
            )
    return tests, alerts


def _judge(
    sheet: StandstillTerms,
    limit: BuyerLimit,
    event: Event,
    sales: list[Event],
    series: list[Position],
    volume: TradingVolume,
    in_force: Callable[[date], bool],
    test_id: str,
) -> TestResult:
    data: TransferEvent = event.data
    label = f"{limit.clause} transfer of {data.shares:,} shares" + (
        f" to {data.buyer}" if data.buyer else ""
    )
    position = next((p for p in reversed(series) if p.as_of <= event.date), None)
    inputs = {"shares_sold": str(data.shares), "event": event.where()}

    def result(
        passed: bool | None,
        note: str,
        formula: str,
        comparator: Comparator = Comparator.at_most,
        unit: Unit = Unit.shares,
        required: Decimal | None = None,
        actual: Decimal | None = None,
        refs: tuple[SourceRef, ...] | None = None,  # the buyer limit's, unless given
    ) -> TestResult:
        return TestResult(
            id=test_id,
            label=label,
            test_date=event.date,
            basis=Basis.actual,
            comparator=comparator,
            unit=unit,
            required=required,
            actual=actual,
            passed=passed,
            note=note,
            trace=Trace(formula, inputs, sources(limit.level) if refs is None else refs),
        )

    if not in_force(event.date):
        return result(True, "allowed: the restriction is not in force on that day", "outside")
    exception = next((x for x in limit.exceptions if x.id == data.under), None)
    if exception is not None:
        inputs["under"] = exception.id
        if exception.route is not TransferRoute.rule_144:
            return result(
                True,
                f"allowed under {exception.clause} ({exception.route.value.replace('_', ' ')}"
                "): the buyer is not chosen by the group",
                f"sold under the exception {exception.id}: allowed whoever buys",
                unit=Unit.percent,
                refs=(exception.source_ref(),),
            )
        return _rule_144(sheet, exception, event, sales, position, volume, inputs, label, test_id)
    if position is None:
        return result(None, "no ownership report on or before the sale", "no report")
    buyer = data.buyer_shares_after
    assert buyer is not None  # check_event refuses a transfer without it
    inputs |= {
        "buyer_shares_after": str(buyer),
        "shares_outstanding": str(position.outstanding),
        "report": position.as_of.isoformat(),
    }
    allowed_below = limit.level.value * position.outstanding  # exact: no rounded percentage
    if allowed_below == allowed_below.to_integral_value():
        allowed_below = allowed_below.quantize(Decimal(1))  # whole shares shown as such
    barred = buyer > allowed_below or (buyer == allowed_below and limit.met_at_level)
    fraction = Decimal(buyer) / Decimal(position.outstanding)
    words = "or more" if limit.met_at_level else "more than"
    level = percent_str(limit.level.value)
    if barred:
        note = (
            f"the buyer would own {buyer:,} shares, {percent_str(fraction)} of "
            f"{position.outstanding:,} outstanding: {level} {words}"
        )
    else:
        note = f"allowed: the buyer would own {buyer:,} shares, under {level} ({fraction:.6%})"
    return result(
        not barred,
        note,
        f"buyer_shares_after {'<' if limit.met_at_level else '<='} {level} x shares_outstanding",
        Comparator.less_than if limit.met_at_level else Comparator.at_most,
        Unit.shares,
        allowed_below,
        Decimal(buyer),
    )


def _rule_144(
    sheet: StandstillTerms,
    exception: TransferException,
    event: Event,
    sales: list[Event],
    position: Position | None,
    volume: TradingVolume,
    inputs: dict[str, str],
    label: str,
    test_id: str,
) -> TestResult:
    """A Rule 144 sale: every Rule 144 sale in the period ending on its day, within the limit
    on that day (the greater of the fraction of outstanding and the average weekly volume)."""
    rule = sheet.transfers.rule_144 if sheet.transfers is not None else None
    assert rule is not None  # validation: a rule_144 route needs transfers.rule_144
    refs = (exception.source_ref(), *sources(rule.outstanding_fraction, rule.volume_weeks))
    if position is None:
        return TestResult(
            id=test_id,
            label=label,
            test_date=event.date,
            basis=Basis.actual,
            comparator=Comparator.at_most,
            unit=Unit.shares,
            required=None,
            actual=None,
            passed=None,
            note="no ownership report on or before the sale: the limit is not known",
            trace=Trace(
                "Rule 144 sales in the period <= the volume limit on the day", inputs, refs
            ),
        )
    buyer_limit = sheet.transfers.buyer_limit if sheet.transfers is not None else None
    assert buyer_limit is not None  # the exception is one of its own
    routes = {x.id for x in buyer_limit.exceptions if x.route is TransferRoute.rule_144}
    # the period ending on the sale's day: the day after the same day `period_months` before
    start = add_months(event.date, -rule.period_months.value) + timedelta(days=1)
    sold = sum(e.data.shares for e in sales if start <= e.date and e.data.under in routes)
    allowed = volume_limit(rule, position.outstanding, volume, event.date)
    inputs |= {
        "period": f"{start.isoformat()} to {event.date.isoformat()}",
        "rule_144_sales_in_period": str(sold),
        "volume_limit": str(allowed.shares),
        "limit_basis": allowed.basis(),
    }
    within = sold <= allowed.shares
    note = (
        f"allowed under {exception.clause} (Rule 144): {sold:,} shares in the "
        f"{rule.period_months.value} months to {event.date.isoformat()}, within "
        f"{allowed.shares:,}"
        if within
        else f"Rule 144 sales of {sold:,} shares in the {rule.period_months.value} months to "
        f"{event.date.isoformat()} exceed the volume limit of {allowed.shares:,}"
    )
    return TestResult(
        id=test_id,
        label=label,
        test_date=event.date,
        basis=Basis.actual,
        comparator=Comparator.at_most,
        unit=Unit.shares,
        required=Decimal(allowed.shares),
        actual=Decimal(sold),
        passed=within,
        headroom=Decimal(allowed.shares - sold),
        note=note,
        trace=Trace("Rule 144 sales in the period <= the volume limit on the day", inputs, refs),
    )
