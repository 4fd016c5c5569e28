"""The availability chart as drawn: the percentage axis ticks at round percentages, the 15%
line on that axis and labelled so, months without figures as gaps (shaded), not zeros; and
every chart's title as the page's caption (it wraps on a phone; the toolbar never covers it).
Figures worked out by hand from the example's collateral.csv and loans.csv."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import cache
from typing import Any

import pytest

from conftest import EXAMPLE
from pactum.portfolio import load_portfolio
from pactum.web.charts import percent_ticks
from pactum.web.dashboard import Dashboard
from web_support import example_client


@cache
def _availability() -> dict[str, Any]:
    board = Dashboard(load_portfolio(EXAMPLE))
    (chart,) = [f for f in board.charts(date(2003, 12, 31)) if "availability" in f["id"]]
    return chart


@pytest.mark.parametrize(
    ("top", "step", "end"),
    [
        # 18.02 / 1 and / 2 need more than six ticks; / 5 needs 3.6: four ticks of 5, to 20
        (Decimal("18.02"), 5, 20),
        (Decimal("6"), 1, 6),  # exactly six ticks of 1
        (Decimal("6.01"), 2, 8),
        (Decimal("25"), 5, 25),
        (Decimal("0.4"), 1, 1),
        (Decimal("260"), 50, 300),
    ],
)
def test_percentage_ticks_are_round(top: Decimal, step: int, end: int) -> None:
    assert percent_ticks(top) == (step, end)


def test_the_right_axis_ticks_at_round_percentages() -> None:
    axis = _availability()["layout"]["yaxis2"]
    # the highest excess availability is 2003-06-30's: receivables 22,000,000 x 85% +
    # inventory 16,000,000 x 50% + 11,000,000 x 65% = 33,850,000 line cap; less 27,750,000
    # of loans, letters of credit and reserves = 6,100,000, 18.02% of the line cap
    assert (axis["tick0"], axis["dtick"], axis["range"]) == (0, 5, [0, 20])
    assert axis["ticksuffix"] == "%"


def test_the_15_percent_line_is_on_the_percentage_axis_and_says_so() -> None:
    (line,) = [t for t in _availability()["data"] if t["name"].startswith("15.00%")]
    assert line["yaxis"] == "y2"
    assert line["name"].endswith("· right axis")
    assert line["y"] == [15.0, 15.0]


def test_months_without_figures_are_gaps_not_zeros() -> None:
    chart = _availability()
    bars = chart["data"][0]
    # collateral.csv and loans.csv have figures at the ends of February, March, June and
    # September; the aging of 2003-11-30 and December's facts at 2003-12-31
    by_month = dict(zip(bars["x"], bars["y"], strict=True))
    for month in ("2003-04-30", "2003-05-31", "2003-07-31", "2003-08-31", "2003-10-31"):
        assert by_month[month] is None
    assert by_month["2003-06-30"] == 6100000.0
    assert chart["missing"] == [
        "2003-04-30",
        "2003-05-31",
        "2003-07-31",
        "2003-08-31",
        "2003-10-31",
    ]
    shaded = [(s["x0"], s["x1"]) for s in chart["layout"]["shapes"]]
    assert shaded[0] == ("2003-04-01", "2003-05-01")  # the whole of April


def test_chart_titles_are_captions_not_plotly_titles() -> None:
    page = example_client().get("/charts").text
    assert "<figcaption>Availability and excess availability (southtrust-abl)" in page
    assert "shaded: months without figures (5)" in page
    assert "title" not in _availability()["layout"]
