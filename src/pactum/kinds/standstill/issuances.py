"""The company's share issuances measured against the shares outstanding immediately before
each: "the Company has not issued shares of Common Stock ... in any transaction that
represents more than 20% of the issued and outstanding shares ... immediately prior to such
issuance". Each `shares_issued` event over a declared limit emits `issued_over_<limit id>` on
its day, which a date's extension (`no_event:`) or a deadline reads. A rise in ownership.csv's
shares outstanding between two reports may be several issuances, so it does not stand in
for them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from pactum.facts.events import Event
from pactum.findings import Trace, Unit, Value
from pactum.kinds.standstill.schema import IssuanceLimit, SharesIssuedEvent
from pactum.money import percent_str
from pactum.terms.values import sources


def issued_over(limit: IssuanceLimit) -> str:
    """The event the standstill emits on the day of each issuance over `limit`."""
    return f"issued_over_{limit.id}"


def _issuances(events: Sequence[Event], as_of: date) -> list[tuple[Event, SharesIssuedEvent]]:
    return [
        (event, event.data)
        for event in events
        if isinstance(event.data, SharesIssuedEvent) and event.date <= as_of
    ]


def _fraction(issued: SharesIssuedEvent) -> Decimal:
    return Decimal(issued.shares) / Decimal(issued.outstanding_before)


def issuances_over(limit: IssuanceLimit, events: Sequence[Event], as_of: date) -> list[date]:
    """The days of the issuances strictly over the limit ("more than 20%"), to `as_of`."""
    return [
        event.date
        for event, issued in _issuances(events, as_of)
        if _fraction(issued) > limit.more_than.value
    ]


def issuance_values(
    limits: Sequence[IssuanceLimit], events: Sequence[Event], as_of: date
) -> list[Value]:
    """Each recorded issuance as a fraction of the shares outstanding before it, and whether
    it is over each limit."""
    values: list[Value] = []
    for index, (event, issued) in enumerate(_issuances(events, as_of), start=1):
        fraction = _fraction(issued)
        verdicts = [
            f"{'more than' if fraction > limit.more_than.value else 'not more than'} "
            f"{percent_str(limit.more_than.value)} ({limit.clause})"
            for limit in limits
        ]
        values.append(
            Value(
                f"issuance_{index}",
                fraction,
                Unit.percent,
                f"Shares issued {event.date.isoformat()}, of those outstanding before: "
                + "; ".join(verdicts),
                Trace(
                    "shares issued / shares outstanding immediately before",
                    {
                        "shares issued": f"{issued.shares:,}",
                        "outstanding before": f"{issued.outstanding_before:,}",
                    },
                    [ref for limit in limits for ref in sources(limit.more_than)],
                ),
            )
        )
    return values
