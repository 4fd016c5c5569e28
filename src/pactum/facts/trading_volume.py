"""trading_volume.csv: `week_ending,volume`, the issuer's reported weekly trading volume.

Rule 144's volume limit reads the average weekly volume of the four calendar weeks before a sale.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from pactum.facts.table import read_rows, unique_by


@dataclass(frozen=True)
class WeeklyVolume:
    week_ending: date
    volume: int


@dataclass(frozen=True)
class TradingVolume:
    weeks: tuple[WeeklyVolume, ...] = field(default_factory=tuple)

    def weeks_before(self, on: date, count: int) -> list[WeeklyVolume]:
        """The weeks ending in the `count` calendar weeks before `on` (not on `on` itself)."""
        start = on - timedelta(weeks=count)
        return [w for w in self.weeks if start <= w.week_ending < on]


def load_trading_volume(path: Path) -> TradingVolume:
    if not path.exists():
        return TradingVolume()
    keyed = []
    weeks = []
    for row in read_rows(path, ("week_ending", "volume")):
        week = WeeklyVolume(row.date("week_ending"), row.count("volume"))
        keyed.append((row, (week.week_ending,)))
        weeks.append(week)
    unique_by(keyed, "week_ending")
    return TradingVolume(tuple(sorted(weeks, key=lambda w: w.week_ending)))
