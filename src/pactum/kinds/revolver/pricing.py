"""The interest margin from a pricing grid, set by a covenant ratio's latest actual result."""

from __future__ import annotations

from pactum.findings import Basis, TestResult, Trace, Unit, Value
from pactum.kinds.revolver.schema import PricingGrid
from pactum.terms.values import sources


def pricing_margin(grid: PricingGrid, tests: list[TestResult]) -> Value | None:
    """The margin in force, or None when the grid is not provided or nothing tested it yet."""
    if grid.status != "provided":
        return None
    results = [
        t
        for t in tests
        if t.id == grid.tested_by and t.basis is Basis.actual and t.actual is not None
    ]
    if not results:
        return None
    latest = max(results, key=lambda t: t.test_date)
    assert latest.actual is not None
    tier = next((t for t in grid.tiers if t.up_to is None or latest.actual <= t.up_to.value), None)
    if tier is None:
        return None
    index = grid.index.value if grid.index else "the index"
    return Value(
        "pricing_margin",
        tier.margin.value,
        Unit.percent,
        f"Margin over {index}",
        Trace(
            f"the grid's tier for {grid.tested_by} at {latest.test_date.isoformat()}",
            {
                grid.tested_by or "": str(latest.actual),
                "up_to": str(tier.up_to.value) if tier.up_to else "open",
            },
            sources(tier.margin, tier.up_to),
        ),
    )
