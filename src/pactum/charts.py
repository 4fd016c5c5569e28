"""What a chart shows, as data: series of Decimals against dates or months, each marked by how it
is drawn and what it is (an amount, a level it must stay above, a forecast). A clause type
declares its charts in these terms; the web page draws any of them without knowing the clause
(`pactum.web.charts`), and Decimals become JSON numbers only there.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from pactum.findings import Unit


class Mark(StrEnum):
    """How a series is drawn."""

    bars = "bars"
    line = "line"
    line_and_markers = "line_and_markers"
    markers = "markers"


class Role(StrEnum):
    """What a series is, which sets its colour and style."""

    amount = "amount"  # the figure the chart is about
    context = "context"  # a figure shown beside it (e.g. availability under its percentage)
    addition = "addition"  # a part stacked on the amount (e.g. what abated)
    limit = "limit"  # a level the contract sets (dashed); several get distinct colours
    actual = "actual"
    forecast = "forecast"


@dataclass(frozen=True)
class Series:
    name: str
    mark: Mark
    role: Role
    x: tuple[str, ...]  # ISO dates, or months as YYYY-MM
    y: tuple[Decimal | None, ...]  # in the axis's unit (a percent as a fraction: 0.15)
    hover: tuple[str, ...] = ()
    right_axis: bool = False
    steps: bool = False  # the value holds until the next point


@dataclass(frozen=True)
class Axis:
    unit: Unit
    title: str = ""
    from_zero: bool = False


@dataclass(frozen=True)
class Chart:
    id: str  # unique on the page, e.g. chart-availability-southtrust-abl
    title: str
    series: tuple[Series, ...]
    left: Axis
    right: Axis | None = None
    stacked: bool = False
    dates: bool = False  # the x values are dates to be spaced by time


def level(name: str, x: tuple[str, ...], value: Decimal, right_axis: bool = False) -> Series:
    """A level the contract sets, drawn across the chart's first to last x."""
    ends = (x[0], x[-1]) if x else ()
    return Series(
        name, Mark.line, Role.limit, ends, tuple(value for _ in ends), right_axis=right_axis
    )
