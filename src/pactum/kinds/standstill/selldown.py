"""The forced sell-down: after a court holds the rights-plan amendment unenforceable and the
issuer asks, the group must own less than the level within the period from the request.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from pactum.dates import add_months
from pactum.facts.events import AgreementEvents, Event
from pactum.findings import Alert, Severity
from pactum.kinds.standstill.ownership import Position
from pactum.kinds.standstill.schema import SellDown


@dataclass(frozen=True)
class SellDownDemand:
    ruling: Event
    request: Event
    deadline: date  # the request's date plus the period; not rolled


def shares_to_sell(position: Position, below: Decimal) -> int:
    """The fewest whole shares whose sale leaves the group strictly below `below`.

    Selling n shares leaves (beneficial - n) / base, the base unchanged (the shares stay
    outstanding), so n is the least whole number above beneficial - below x base.
    """
    room = position.beneficial - below * position.base
    return 0 if room < 0 else int(room) + 1


def demand(
    rule: SellDown, events: AgreementEvents, as_of: date
) -> tuple[SellDownDemand | None, list[Alert]]:
    """The first request made on or after a court ruling, both on or before `as_of`."""
    rulings = [e for e in events.named("court_ruling") if e.date <= as_of]
    alerts: list[Alert] = []
    found: SellDownDemand | None = None
    for request in (e for e in events.named("sell_down_request") if e.date <= as_of):
        ruling = next((r for r in rulings if r.date <= request.date), None)
        if ruling is None:
            alerts.append(
                Alert(
                    Severity.warning,
                    f"Sell-down request of {request.date.isoformat()} ({request.where()}) has no "
                    "effect: no court ruling on or before it holds the rights-plan amendment "
                    "unenforceable.",
                    rule.trigger.source_ref(),
                )
            )
        elif found is None:
            deadline = add_months(request.date, 12 * rule.within_years.value)
            found = SellDownDemand(ruling, request, deadline)
    return found, alerts
