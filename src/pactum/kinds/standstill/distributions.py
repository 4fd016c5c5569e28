"""Distributions by the group to its members: for a period after each, the members' resales of
the distributed shares are aggregated with the group's own under Rule 144's volume limit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pactum.dates import add_months
from pactum.facts.events import AgreementEvents


@dataclass(frozen=True)
class AggregationWindow:
    distributed: date
    shares: int
    to: str
    ends: date  # the anniversary closing the aggregation period
    where: str

    def open_on(self, on: date) -> bool:
        return self.distributed <= on <= self.ends

    def overlaps(self, start: date, end: date) -> bool:
        return self.distributed <= end and self.ends >= start

    def describe(self) -> str:
        to = f" to {self.to}" if self.to else ""
        return (
            f"{self.shares:,} shares distributed{to} on {self.distributed.isoformat()} "
            f"({self.where}): their resales count against the group's Rule 144 limit from "
            f"{self.distributed.isoformat()} through {self.ends.isoformat()}"
        )


def aggregation_windows(
    years: int, events: AgreementEvents, as_of: date
) -> list[AggregationWindow]:
    return [
        AggregationWindow(
            e.date, e.data.shares, e.data.to, add_months(e.date, 12 * years), e.where()
        )
        for e in events.named("distribution")
        if e.date <= as_of
    ]
