"""The revolver's charts: availability and excess availability at each month end with facts,
against the reporting threshold; each covenant's actual and required level at every test date,
forecasts marked. The series are Decimals; `pactum.charts` says how each is drawn.

Each chart only where the sheet has its part: no availability without a borrowing base, no
percentage or threshold without a reporting clause."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from pactum.charts import Axis, Chart, Mark, Role, Series, level
from pactum.clauses.api import ClauseContext, ClauseFindings
from pactum.collateral.detail_facts import DetailFiles
from pactum.dates import month_end
from pactum.financial_tests.series import test_charts
from pactum.findings import AgreementFindings, Unit, Value
from pactum.kinds.revolver.schema import RevolverTerms
from pactum.money import money_display, percent_str
from pactum.portfolio import Portfolio

Evaluate = Callable[[ClauseContext[RevolverTerms]], ClauseFindings]


@dataclass(frozen=True)
class AvailabilityPoint:
    on: date
    line_cap: Decimal
    availability: Decimal
    excess_availability: Decimal | None  # the amount the trigger reads; None without reporting
    excess_fraction: Decimal | None  # of the measurement basis; None when zero or no reporting
    reporting_frequency: str | None  # None without a reporting clause


@dataclass(frozen=True)
class AvailabilitySeries:
    agreement: str
    threshold: Decimal | None  # e.g. 0.15: reporting is weekly at or below it; None: no reporting
    measured_against: str  # what the fraction is of (line_cap, commitment, borrowing_base)
    points: tuple[AvailabilityPoint, ...]


def revolver_month_ends(portfolio: Portfolio, until: date) -> list[date]:
    """The month ends up to `until` on which a collateral fact, a loans row or a detail file
    is dated."""
    facts = portfolio.facts
    dated = {d.as_of for series in facts.collateral.series.values() for d in series}
    dated |= {d.as_of for series in facts.loans.series.values() for d in series}
    detail = facts.of_type("revolver")
    if isinstance(detail, DetailFiles):
        dated |= set(detail.dates())
    return sorted(d for d in dated if d <= until and d == month_end(d))


def availability_series(
    ctx: ClauseContext[RevolverTerms], evaluate: Evaluate
) -> AvailabilitySeries:
    """The clause evaluated at each month end with facts up to `ctx.as_of`."""
    points = []
    for on in revolver_month_ends(ctx.portfolio, ctx.as_of):
        found = {v.id: v for v in evaluate(ctx.on(on)).values}
        excess = found.get("excess_availability")
        fraction = found.get("excess_availability_pct")
        frequency = found.get("reporting_frequency")
        points.append(
            AvailabilityPoint(
                on,
                _decimal(found["line_cap"]),
                _decimal(found["availability"]),
                _decimal(excess) if excess is not None else None,
                _optional_decimal(fraction) if fraction is not None else None,
                str(frequency.value) if frequency is not None else None,
            )
        )
    reporting = ctx.terms.reporting
    return AvailabilitySeries(
        ctx.agreement.id,
        reporting.excess_availability_threshold.value if reporting else None,
        reporting.measured_against.value.value if reporting else "line_cap",
        tuple(points),
    )


def _optional_decimal(value: Value) -> Decimal | None:
    if value.value is not None and not isinstance(value.value, Decimal):
        raise TypeError(f"{value.id} is {value.value!r}, not an amount")
    return value.value


def _decimal(value: Value) -> Decimal:
    found = _optional_decimal(value)
    if found is None:
        raise TypeError(f"{value.id} is not determined")
    return found


def availability_chart(series: AvailabilitySeries) -> Chart:
    x = tuple(p.on.isoformat() for p in series.points)
    basis = series.measured_against.replace("_", " ")
    amounts = Series(
        "Availability ($)",
        Mark.bars,
        Role.context,
        x,
        tuple(p.availability for p in series.points),
        hover=tuple(money_display(p.availability) for p in series.points),
    )
    if series.threshold is None:  # no reporting clause: availability alone
        return Chart(
            f"chart-availability-{series.agreement}",
            f"Availability ({series.agreement})",
            (amounts,),
            left=Axis(Unit.money, "availability", from_zero=True),
        )
    return Chart(
        f"chart-availability-{series.agreement}",
        f"Availability and excess availability ({series.agreement})",
        (
            amounts,
            Series(
                f"Excess availability (% of {basis})",
                Mark.line_and_markers,
                Role.amount,
                x,
                tuple(p.excess_fraction for p in series.points),
                hover=tuple(f"{p.reporting_frequency} reporting" for p in series.points),
                right_axis=True,
            ),
            level(
                f"{percent_str(series.threshold)} threshold (weekly at or below)",
                x,
                series.threshold,
                right_axis=True,
            ),
        ),
        left=Axis(Unit.money, "availability", from_zero=True),
        right=Axis(Unit.percent, f"% of {basis}", from_zero=True),
    )


def charts(
    ctx: ClauseContext[RevolverTerms], findings: AgreementFindings, evaluate: Evaluate
) -> list[Chart]:
    availability = (
        [availability_chart(availability_series(ctx, evaluate))]
        if ctx.terms.borrowing_base is not None
        else []
    )
    return [
        *availability,
        *test_charts(ctx.agreement.id, findings, ctx.clause.id),
    ]
