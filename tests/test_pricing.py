"""A pricing grid, when a sheet states one, sets the margin from a covenant ratio."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from conftest import Evaluate
from pactum.findings_json import serialise

SHEET = "agreements/southtrust-abl.yaml"
GRID = """\
    pricing_grid:
      status: provided
      index: LIBOR
      tested_by: max_debt_to_tangible_net_worth
      tiers:
        - {up_to: 1.00, margin: 0.0200}
        - {up_to: 1.25, margin: 0.0225}
        - {margin: 0.0250}
"""


def with_grid(example: Path) -> None:
    # replace the facility clause's pricing_grid block (up to the blank line after it)
    path = example / SHEET
    text = path.read_text()
    start = text.index("\n    pricing_grid:\n") + 1
    end = text.index("\n\n", start) + 1
    path.write_text(text[:start] + GRID + text[end:])


def test_margin_follows_the_latest_ratio(example: Path, revolver: Evaluate) -> None:
    with_grid(example)
    # 12/31/03: 38,000,000 / 34,560,000 = 1.0995 -> above 1.00, at or below 1.25 -> 2.25%
    result = revolver(date(2003, 12, 31))
    assert serialise(result.value("pricing_margin")) == "2.25"
    # 3/31/03: 30,000,000 / 32,800,000 = 0.9146 -> at or below 1.00 -> 2.00%
    result = revolver(date(2003, 3, 31))
    assert serialise(result.value("pricing_margin")) == "2.00"


def test_not_provided_grid_gives_no_margin(revolver: Evaluate) -> None:
    result = revolver(date(2003, 12, 31))
    assert "pricing_margin" not in {v.id for v in result.values}
    assert any("not computed" in a.message for a in result.alerts)
