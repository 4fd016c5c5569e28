"""The financial items of one covenant test: balance items at the quarter end, flow items
for the quarter or summed over trailing quarters."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from pactum.dates import previous_quarter_ends
from pactum.facts.financials import Financials
from pactum.findings import Basis
from pactum.money import ZERO


@dataclass(frozen=True)
class PeriodItems:
    end: date
    items: dict[str, Decimal]
    basis: Basis  # forecast when any quarter used is a forecast
    quarters: tuple[date, ...]
    missing: str | None = None  # why the period is incomplete


def period_items(
    financials: Financials,
    end: date,
    balance: list[str],
    flow: list[str],
    quarters: int = 1,
) -> PeriodItems:
    span = tuple(previous_quarter_ends(end, quarters))
    bases = [financials.basis_of(q) for q in span]
    absent = [q for q, b in zip(span, bases, strict=True) if b is None]
    at_end = financials.items_at(end)
    items = {k: v for k, v in at_end.items() if k in balance}
    if absent:
        missing = "no financials for " + ", ".join(q.isoformat() for q in absent)
        return PeriodItems(
            end, items, Basis.forecast if "forecast" in bases else Basis.actual, span, missing
        )
    by_quarter = [financials.items_at(q) for q in span]
    for item in flow:
        present = [q_items[item] for q_items in by_quarter if item in q_items]
        if len(present) == len(span):
            items[item] = sum(present, ZERO)
    basis = Basis.forecast if "forecast" in bases else Basis.actual
    return PeriodItems(end, items, basis, span)
