"""A purchase option's price: the greatest of the amounts the lease compares (each a figure
recorded by a `purchase_figure` event, times a factor), less the credits at closing:

    price = round(max(figure_1 x times_1, figure_2 x times_2, ...)) - less, half-up to the cent

("the greater of (A) the fair market value ... as determined by an appraisal ..., or (B)
Landlord's cost for the Premises, plus Twenty percent (20%)", less the "$500.00" deposit).
Until every figure is recorded the price is not known: no figure, and the trace says which.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from pactum.facts.events import Event
from pactum.kinds.lease.recorded_events import recorded
from pactum.kinds.lease.schema import PurchaseFigureEvent, PurchasePrice
from pactum.money import ZERO, cents, money_str


@dataclass(frozen=True)
class Price:
    amount: Decimal | None
    formula: str
    inputs: dict[str, str]
    missing: tuple[str, ...]


def recorded_figures(events: Sequence[Event], as_of: date) -> dict[str, tuple[Decimal, str]]:
    """The latest amount of each figure recorded by `as_of`, with where."""
    found: dict[str, tuple[Decimal, str]] = {}
    for event, data in recorded(events, "purchase_figure", PurchaseFigureEvent, as_of):
        found[data.figure] = (data.amount, f"{event.date.isoformat()}, {event.where()}")
    return found


def purchase_price(rule: PurchasePrice, events: Sequence[Event], as_of: date) -> Price:
    figures = recorded_figures(events, as_of)
    inputs: dict[str, str] = {}
    amounts: list[tuple[Decimal, str]] = []
    missing = []
    for term in rule.greater_of:
        found = figures.get(term.figure)
        if found is None:
            missing.append(term.figure)
            continue
        amount, where = found
        factor = term.times.value if term.times is not None else Decimal(1)
        inputs[term.figure] = f"{money_str(amount)} ({where})"
        shown = f"{term.figure} x {factor}" if term.times is not None else term.figure
        amounts.append((amount * factor, shown))
    less = rule.less.value if rule.less is not None else ZERO
    if missing:
        return Price(
            None,
            f"not known: no purchase_figure event for {', '.join(missing)} yet",
            inputs,
            tuple(missing),
        )
    best, which = max(amounts, key=lambda a: a[0])
    compared = ", ".join(f"{shown} = {money_str(cents(v))}" for v, shown in amounts)
    formula = f"the greater of ({compared}): {which}"
    if less:
        inputs["less"] = money_str(less)
        formula += f", less {money_str(less)}"
    return Price(cents(best) - less, f"{formula}; half-up to the cent", inputs, ())
