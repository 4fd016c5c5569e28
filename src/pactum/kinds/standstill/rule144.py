"""Rule 144's volume limit, and whether open-market sales can meet a sell-down deadline.

In any three months the group may sell the greater of 1% of the shares outstanding and the
average weekly volume of the four calendar weeks before. The limit is whole shares (rounded
down). Sales are assumed at the limit on the first day and every three months after, at the
limit known on the as-of date; resales of distributed shares still being aggregated take from
the same limit (see distributions).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from pactum.dates import add_months
from pactum.facts.trading_volume import TradingVolume, WeeklyVolume
from pactum.kinds.standstill.schema import Rule144


@dataclass(frozen=True)
class VolumeLimit:
    on: date
    of_outstanding: Decimal  # the fraction of the shares outstanding
    average_weekly: Decimal | None  # None: fewer weeks reported than the rule reads
    weeks: tuple[WeeklyVolume, ...]
    shares: int

    def basis(self) -> str:
        if self.average_weekly is None:
            return (
                f"{self.of_outstanding} of outstanding (average weekly volume not known: "
                f"{len(self.weeks)} of the weeks before reported)"
            )
        if self.average_weekly > self.of_outstanding:
            return f"average weekly volume {self.average_weekly}"
        return f"{self.of_outstanding} of outstanding"


def volume_limit(rule: Rule144, outstanding: int, volume: TradingVolume, on: date) -> VolumeLimit:
    weeks = tuple(volume.weeks_before(on, rule.volume_weeks.value))
    of_outstanding = rule.outstanding_fraction.value * outstanding
    average = None
    if len(weeks) == rule.volume_weeks.value:
        average = Decimal(sum(w.volume for w in weeks)) / len(weeks)
    greater = max(of_outstanding, average) if average is not None else of_outstanding
    return VolumeLimit(on, of_outstanding, average, weeks, int(greater))


def sale_dates(start: date, deadline: date, period_months: int) -> list[date]:
    """The start of each period in which a full limit may be sold, up to the deadline."""
    found = []
    k = 0
    while (day := add_months(start, period_months * k)) <= deadline:
        found.append(day)
        k += 1
    return found


@dataclass(frozen=True)
class Feasibility:
    needed: int
    limit: VolumeLimit
    dates: tuple[date, ...]
    aggregated: int  # distributed shares whose resales could take from the same limit

    @property
    def capacity(self) -> int:
        return self.limit.shares * len(self.dates)

    @property
    def shortfall(self) -> int:
        """Short even if the distributees resell nothing."""
        return max(0, self.needed - self.capacity)

    @property
    def shortfall_if_resold(self) -> int:
        """Short if the distributees resell every aggregated share within the period."""
        return max(0, self.needed - max(0, self.capacity - self.aggregated))
