"""The charts page's figures: every chart the agreements' clauses declare (`pactum.charts`),
drawn as Plotly figures (data and layout, plain JSON). This is the page boundary where Decimals
become JSON numbers; nothing here knows which clause a chart comes from."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from pactum.charts import Axis, Chart, Mark, Role, Series
from pactum.findings import Unit

Figure = dict[str, Any]
_MONEY_AXIS: dict[str, Any] = {"tickprefix": "$", "tickformat": ",.0f"}
_PERCENT_AXIS: dict[str, Any] = {"ticksuffix": "%"}
_LIMIT_COLOURS = ("#cb181d", "#54278f", "#636363")
_COLOURS = {
    Role.amount: "#08519c",
    Role.actual: "#08519c",
    Role.context: "#9ecae1",
    Role.addition: "#fdae6b",
    Role.forecast: "#ff7f00",
}
_MODES = {Mark.line: "lines", Mark.line_and_markers: "lines+markers", Mark.markers: "markers"}


def number(value: Decimal) -> float:
    """A Decimal as a JSON number, for drawing only (the tables show the exact figures)."""
    return float(value)


def figure(chart: Chart) -> Figure:
    """The Plotly figure of a chart."""
    limits = iter(_LIMIT_COLOURS * len(chart.series))
    data = [_trace(chart, s, next(limits) if s.role is Role.limit else "") for s in chart.series]
    layout: dict[str, Any] = {
        "title": {"text": chart.title},
        "margin": {"t": 48, "r": 24, "b": 48, "l": 24},
        "legend": {"orientation": "h", "y": -0.2},
        "hovermode": "x unified",
        "yaxis": _axis(chart.left),
    }
    if chart.right is not None:
        layout["yaxis2"] = {**_axis(chart.right), "overlaying": "y", "side": "right"}
    if chart.stacked:
        layout["barmode"] = "stack"
    if chart.dates:
        layout["xaxis"] = {"type": "date"}
    return {"id": chart.id, "title": chart.title, "data": data, "layout": layout}


def _axis(axis: Axis) -> dict[str, Any]:
    found: dict[str, Any] = {"automargin": True}
    if axis.title:
        found["title"] = {"text": axis.title}
    if axis.unit is Unit.money:
        found.update(_MONEY_AXIS)
    elif axis.unit is Unit.percent:
        found.update(_PERCENT_AXIS)
    if axis.from_zero:
        found["rangemode"] = "tozero"
    return found


def _trace(chart: Chart, series: Series, limit_colour: str) -> dict[str, Any]:
    axis = chart.right if series.right_axis and chart.right is not None else chart.left
    scale = Decimal(100) if axis.unit is Unit.percent else Decimal(1)
    trace: dict[str, Any] = {
        "type": "bar" if series.mark is Mark.bars else "scatter",
        "name": series.name,
        "x": list(series.x),
        "y": [None if y is None else number(y * scale) for y in series.y],
    }
    if series.mark is not Mark.bars:
        trace["mode"] = _MODES[series.mark]
    if series.hover:
        trace["hovertext"] = list(series.hover)
    if series.right_axis:
        trace["yaxis"] = "y2"
    colour = limit_colour or _COLOURS[series.role]
    if series.mark is Mark.bars:
        trace["marker"] = {"color": colour}
    elif series.role is Role.forecast:
        trace["marker"] = {"size": 12, "symbol": "diamond-open", "color": colour}
    elif series.mark is Mark.markers:
        trace["marker"] = {"size": 9, "color": colour}
    else:
        line: dict[str, Any] = {"color": colour}
        if series.role is Role.limit:
            line.update({"dash": "dash", "width": 2})
        if series.steps:
            line["shape"] = "hv"
        trace["line"] = line
        if series.role is Role.actual:
            trace["marker"] = {"size": 9, "color": colour}
    return trace
