"""The charts page's figures: every chart the agreements' clauses declare (`pactum.charts`),
drawn as Plotly figures (data and layout, plain JSON). This is the page boundary where Decimals
become JSON numbers; nothing here knows which clause a chart comes from."""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from decimal import ROUND_CEILING, Decimal
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
# steps of a percentage axis's ticks: round numbers, at most _MAX_TICKS of them above zero
_PERCENT_STEPS = (1, 2, 5, 10, 20, 25, 50, 100)
_MAX_TICKS = 6
ONE_DAY = timedelta(days=1)
_NO_DATA_FILL = "rgba(128, 128, 128, 0.12)"


def number(value: Decimal) -> float:
    """A Decimal as a JSON number, for drawing only (the tables show the exact figures)."""
    return float(value)


def figure(chart: Chart) -> Figure:
    """The Plotly figure of a chart. Its title is the page's caption, not Plotly's (a caption
    wraps on a phone and is never under the chart's toolbar); the months of a monthly chart
    without figures are gaps, shaded, not zeros."""
    months = _month_ends(chart)
    missing = _missing(chart, months) if months else []
    limits = iter(_LIMIT_COLOURS * len(chart.series))
    data = [
        _trace(chart, s, next(limits) if s.role is Role.limit else "", months) for s in chart.series
    ]
    layout: dict[str, Any] = {
        "margin": {"t": 36, "r": 24, "b": 48, "l": 24},
        "legend": {"orientation": "h", "y": -0.2},
        "hovermode": "x unified",
        "yaxis": _axis(chart.left, _axis_top(chart, right=False)),
    }
    if chart.right is not None:
        layout["yaxis2"] = {
            **_axis(chart.right, _axis_top(chart, right=True)),
            "overlaying": "y",
            "side": "right",
            "showgrid": False,  # the left axis's grid: two grids would not line up
        }
    if chart.stacked:
        layout["barmode"] = "stack"
    if chart.dates:
        layout["xaxis"] = {"type": "date"}
    if missing:
        layout["xaxis"] = {"type": "date"}
        layout["shapes"] = [_no_data(day) for day in missing]
    return {
        "id": chart.id,
        "title": chart.title,
        "data": data,
        "layout": layout,
        "missing": [day.isoformat() for day in missing],
    }


def _month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def _month_ends(chart: Chart) -> list[date]:
    """Every month end from the chart's first to its last, for a chart of bars at month ends
    (availability at each month end with facts: a month without a bar would read as zero);
    [] for any other chart (a covenant's quarter ends have no month between them missing)."""
    if not any(s.mark is Mark.bars for s in chart.series):
        return []
    try:
        points = {
            date.fromisoformat(x) for s in chart.series if s.role is not Role.limit for x in s.x
        }
    except ValueError:  # months as YYYY-MM (a rent roll has every month)
        return []
    if not points or any(day != _month_end(day) for day in points):
        return []
    ends, day = [], min(points)
    while day <= max(points):
        ends.append(day)
        day = _month_end(day + ONE_DAY)  # a month end's next day is the next month's first
    return ends


def _missing(chart: Chart, months: list[date]) -> list[date]:
    """The month ends no series but the limits has a figure at."""
    found = {
        x
        for s in chart.series
        if s.role is not Role.limit
        for x, y in zip(s.x, s.y, strict=True)
        if y is not None
    }
    return [day for day in months if day.isoformat() not in found]


def _no_data(day: date) -> dict[str, Any]:
    """A shaded band over the month of a month end without figures."""
    return {
        "type": "rect",
        "xref": "x",
        "yref": "paper",
        "x0": day.replace(day=1).isoformat(),
        "x1": (day + ONE_DAY).isoformat(),
        "y0": 0,
        "y1": 1,
        "fillcolor": _NO_DATA_FILL,
        "line": {"width": 0},
        "layer": "below",
    }


def _axis_top(chart: Chart, right: bool) -> Decimal | None:
    """The largest figure drawn on one axis, in the axis's unit as drawn."""
    axis = chart.right if right else chart.left
    if axis is None:
        return None
    scale = Decimal(100) if axis.unit is Unit.percent else Decimal(1)
    values = [
        y * scale
        for s in chart.series
        if (s.right_axis and chart.right is not None) == right
        for y in s.y
        if y is not None
    ]
    return max(values, default=None)


def percent_ticks(top: Decimal) -> tuple[int, int]:
    """A round step for a percentage axis from zero to `top`, and the axis's end: the first
    step of 1, 2, 5, 10, 20, 25, 50 or 100 points that needs at most six ticks."""
    step = next((s for s in _PERCENT_STEPS if top / s <= _MAX_TICKS), _PERCENT_STEPS[-1])
    ticks = max(1, int((top / step).to_integral_value(ROUND_CEILING)))
    return step, ticks * step


def _axis(axis: Axis, top: Decimal | None) -> dict[str, Any]:
    found: dict[str, Any] = {"automargin": True}
    if axis.title:
        found["title"] = {"text": axis.title}
    if axis.unit is Unit.money:
        found.update(_MONEY_AXIS)
    elif axis.unit is Unit.percent:
        found.update(_PERCENT_AXIS)
        if axis.from_zero and top is not None and top > 0:
            step, end = percent_ticks(top)
            found.update({"tickmode": "linear", "tick0": 0, "dtick": step, "range": [0, end]})
    if axis.from_zero and "range" not in found:
        found["rangemode"] = "tozero"
    return found


def _trace(chart: Chart, series: Series, limit_colour: str, months: list[date]) -> dict[str, Any]:
    on_right = series.right_axis and chart.right is not None
    axis = chart.right if on_right and chart.right is not None else chart.left
    scale = Decimal(100) if axis.unit is Unit.percent else Decimal(1)
    x, y = list(series.x), list(series.y)
    if months and series.role is not Role.limit:
        # every month end, None where the series has no figure: a gap in the line
        given = dict(zip(x, y, strict=True))
        x = [day.isoformat() for day in months]
        y = [given.get(day) for day in x]
    name = series.name
    if on_right:
        name = f"{name} · right axis"
    trace: dict[str, Any] = {
        "type": "bar" if series.mark is Mark.bars else "scatter",
        "name": name,
        "x": x,
        "y": [None if v is None else number(v * scale) for v in y],
    }
    if series.mark is not Mark.bars:
        trace["mode"] = _MODES[series.mark]
    if series.hover and len(series.hover) == len(x):
        trace["hovertext"] = list(series.hover)
    elif series.hover:
        hover = dict(zip(series.x, series.hover, strict=True))
        trace["hovertext"] = [hover.get(day, "no figures") for day in x]
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
