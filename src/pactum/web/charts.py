"""The charts page's figures: the series of `reports.series` as Plotly figures (data and
layout, plain JSON). This is the page boundary where Decimals become JSON numbers."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from pactum.findings import Basis, Findings, Unit
from pactum.money import money_display, percent_str
from pactum.portfolio import Portfolio
from pactum.reports.series import (
    AvailabilitySeries,
    CovenantSeries,
    OwnershipSeries,
    RentSeries,
    availability_series,
    covenant_series,
    ownership_series,
    rent_series,
)

Figure = dict[str, Any]
_MONEY_AXIS: dict[str, Any] = {"tickprefix": "$", "tickformat": ",.0f", "automargin": True}
_PERCENT_AXIS: dict[str, Any] = {"ticksuffix": "%", "automargin": True}
_LEVEL_LINE: dict[str, Any] = {"dash": "dash", "width": 2}


def number(value: Decimal) -> float:
    """A Decimal as a JSON number, for drawing only (the tables show the exact figures)."""
    return float(value)


def _figure(chart_id: str, title: str, data: list[dict[str, Any]], **layout: Any) -> Figure:
    return {
        "id": chart_id,
        "title": title,
        "data": data,
        "layout": {
            "title": {"text": title},
            "margin": {"t": 48, "r": 24, "b": 48, "l": 24},
            "legend": {"orientation": "h", "y": -0.2},
            "hovermode": "x unified",
            **layout,
        },
    }


def availability_figure(series: AvailabilitySeries) -> Figure:
    x = [p.on.isoformat() for p in series.points]
    threshold = number(series.threshold * 100)
    basis = series.measured_against.replace("_", " ")
    return _figure(
        f"chart-availability-{series.agreement}",
        f"Availability and excess availability ({series.agreement})",
        [
            {
                "type": "bar",
                "name": "Availability ($)",
                "x": x,
                "y": [number(p.availability) for p in series.points],
                "hovertext": [money_display(p.availability) for p in series.points],
                "marker": {"color": "#9ecae1"},
            },
            {
                "type": "scatter",
                "mode": "lines+markers",
                "name": f"Excess availability (% of {basis})",
                "x": x,
                "y": [
                    number(p.excess_fraction * 100) if p.excess_fraction is not None else None
                    for p in series.points
                ],
                "hovertext": [f"{p.reporting_frequency} reporting" for p in series.points],
                "yaxis": "y2",
                "line": {"color": "#08519c"},
            },
            {
                "type": "scatter",
                "mode": "lines",
                "name": f"{percent_str(series.threshold)} threshold (weekly at or below)",
                "x": [x[0], x[-1]] if x else [],
                "y": [threshold, threshold] if x else [],
                "yaxis": "y2",
                "line": {**_LEVEL_LINE, "color": "#cb181d"},
            },
        ],
        yaxis={"title": {"text": "availability"}, **_MONEY_AXIS, "rangemode": "tozero"},
        yaxis2={
            "title": {"text": f"% of {basis}"},
            **_PERCENT_AXIS,
            "overlaying": "y",
            "side": "right",
            "rangemode": "tozero",
        },
    )


def _scaled(value: Decimal | None, unit: Unit) -> float | None:
    if value is None:
        return None
    return number(value * 100 if unit is Unit.percent else value)


def covenant_figure(agreement: str, series: CovenantSeries) -> Figure:
    actual = [p for p in series.points if p.basis is Basis.actual]
    forecast = [p for p in series.points if p.basis is Basis.forecast]
    axis = _MONEY_AXIS if series.unit is Unit.money else {}
    return _figure(
        f"chart-covenant-{agreement}-{series.id}",
        f"{series.label} ({agreement})",
        [
            {
                "type": "scatter",
                "mode": "lines",
                "name": f"Required ({series.comparator})",
                "x": [p.test_date.isoformat() for p in series.points],
                "y": [_scaled(p.required, series.unit) for p in series.points],
                "line": {**_LEVEL_LINE, "color": "#cb181d", "shape": "hv"},
            },
            {
                "type": "scatter",
                "mode": "lines+markers",
                "name": "Actual",
                "x": [p.test_date.isoformat() for p in actual],
                "y": [_scaled(p.actual, series.unit) for p in actual],
                "marker": {"size": 9, "color": "#08519c"},
            },
            {
                "type": "scatter",
                "mode": "markers",
                "name": "Forecast",
                "x": [p.test_date.isoformat() for p in forecast],
                "y": [_scaled(p.actual, series.unit) for p in forecast],
                "marker": {"size": 12, "symbol": "diamond-open", "color": "#ff7f00"},
            },
        ],
        yaxis={"automargin": True, **axis},
        xaxis={"type": "date"},
    )


def ownership_figure(series: OwnershipSeries) -> Figure:
    x = [p.on.isoformat() for p in series.points]
    levels: list[dict[str, Any]] = [
        {
            "type": "scatter",
            "mode": "lines",
            "name": f"{percent_str(level)} ({what})",
            "x": [x[0], x[-1]] if x else [],
            "y": [number(level * 100)] * 2 if x else [],
            "line": {**_LEVEL_LINE, "color": color},
        }
        for (what, level), color in zip(
            series.levels, ("#cb181d", "#54278f", "#636363"), strict=False
        )
    ]
    return _figure(
        f"chart-ownership-{series.agreement}",
        f"{series.holder} beneficial ownership ({series.agreement})",
        [
            {
                "type": "scatter",
                "mode": "lines+markers",
                "name": "Ownership (%)",
                "x": x,
                "y": [number(p.fraction * 100) for p in series.points],
                "hovertext": [f"{p.beneficial:,} of {p.base:,} shares" for p in series.points],
                "line": {"shape": "hv", "color": "#08519c"},
            },
            *levels,
        ],
        yaxis={**_PERCENT_AXIS, "rangemode": "tozero"},
    )


def rent_figure(series: RentSeries) -> Figure:
    x = [f"{p.month:%Y-%m}" for p in series.points]
    return _figure(
        f"chart-rent-{series.agreement}",
        f"Base rent by month, with abatements ({series.agreement})",
        [
            {
                "type": "bar",
                "name": "Base rent due",
                "x": x,
                "y": [number(p.base_rent_due) for p in series.points],
                "marker": {"color": "#08519c"},
            },
            {
                "type": "bar",
                "name": "Abatement",
                "x": x,
                "y": [number(p.abatement) for p in series.points],
                "hovertext": [p.abatement_lost or "" for p in series.points],
                "marker": {"color": "#fdae6b"},
            },
        ],
        barmode="stack",
        yaxis={**_MONEY_AXIS},
    )


def charts(portfolio: Portfolio, findings: Findings, as_of: date) -> list[Figure]:
    """Every chart the portfolio's agreements have, in the portfolio's order."""
    figures: list[Figure] = []
    for agreement in portfolio.agreements.values():
        types = {clause.type for clause in agreement.clauses}
        if "revolver" in types:
            figures.append(availability_figure(availability_series(portfolio, agreement, as_of)))
            figures += [
                covenant_figure(agreement.id, covenant)
                for covenant in covenant_series(findings.agreement(agreement.id))
            ]
        if "standstill" in types:
            figures.append(ownership_figure(ownership_series(portfolio, agreement, as_of)))
        if "lease" in types:
            figures.append(rent_figure(rent_series(portfolio, agreement, as_of)))
    return figures
