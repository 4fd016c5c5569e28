"""Each financial test's actual and required level at every test date, forecasts marked: the
series, and the chart the dashboard draws of it (see `pactum.charts`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from pactum.charts import Axis, Chart, Mark, Role, Series
from pactum.findings import AgreementFindings, Basis, Comparator, Unit


@dataclass(frozen=True)
class CovenantPoint:
    test_date: date
    basis: Basis  # actual or forecast
    required: Decimal | None
    actual: Decimal | None
    passed: bool | None


@dataclass(frozen=True)
class CovenantSeries:
    id: str
    label: str
    comparator: Comparator
    unit: Unit
    points: tuple[CovenantPoint, ...]  # by test date


def covenant_series(findings: AgreementFindings, clause: str = "") -> list[CovenantSeries]:
    """Each covenant's results over its test dates, from a revolver's findings (of `clause`
    when given; draw requests, which are not covenants, are left out)."""
    by_id: dict[str, list[CovenantPoint]] = {}
    first: dict[str, tuple[str, Comparator, Unit]] = {}
    for test in findings.tests:
        if test.basis not in (Basis.actual, Basis.forecast) or clause not in ("", test.clause):
            continue
        first.setdefault(test.id, (test.label, test.comparator, test.unit))
        by_id.setdefault(test.id, []).append(
            CovenantPoint(test.test_date, test.basis, test.required, test.actual, test.passed)
        )
    return [
        CovenantSeries(test_id, *first[test_id], tuple(sorted(points, key=lambda p: p.test_date)))
        for test_id, points in by_id.items()
    ]


def covenant_chart(agreement: str, series: CovenantSeries) -> Chart:
    actual = [p for p in series.points if p.basis is Basis.actual]
    forecast = [p for p in series.points if p.basis is Basis.forecast]
    return Chart(
        f"chart-covenant-{agreement}-{series.id}",
        f"{series.label} ({agreement})",
        (
            Series(
                f"Required ({series.comparator})",
                Mark.line,
                Role.limit,
                tuple(p.test_date.isoformat() for p in series.points),
                tuple(p.required for p in series.points),
                steps=True,
            ),
            Series(
                "Actual",
                Mark.line_and_markers,
                Role.actual,
                tuple(p.test_date.isoformat() for p in actual),
                tuple(p.actual for p in actual),
            ),
            Series(
                "Forecast",
                Mark.markers,
                Role.forecast,
                tuple(p.test_date.isoformat() for p in forecast),
                tuple(p.actual for p in forecast),
            ),
        ),
        left=Axis(series.unit if series.unit in (Unit.money, Unit.percent) else Unit.number),
        dates=True,
    )


def test_charts(agreement: str, findings: AgreementFindings, clause: str) -> list[Chart]:
    """A chart of each test of `clause` over its test dates."""
    return [covenant_chart(agreement, s) for s in covenant_series(findings, clause)]
