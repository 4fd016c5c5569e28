"""Dated step schedules, like OpenFisca parameters: the value in force is the last on or before.

An optional perpetual step continues the schedule after its last date, e.g. minimum tangible
net worth "then increasing by ... $250,000 per quarter": `then: {add: 250000, every: quarter}`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from pactum.dates import add_months, month_end


class Every(StrEnum):
    month = "month"
    quarter = "quarter"
    year = "year"

    @property
    def months(self) -> int:
        return {"month": 1, "quarter": 3, "year": 12}[self.value]


@dataclass(frozen=True)
class Step:
    add: Decimal
    every: Every


@dataclass(frozen=True)
class DatedSchedule:
    """Values from dates on; `entries` sorted by date, at least one."""

    entries: tuple[tuple[date, Decimal], ...]
    then: Step | None = None

    def __post_init__(self) -> None:
        if not self.entries:
            raise ValueError("a dated schedule needs at least one entry")
        object.__setattr__(self, "entries", tuple(sorted(self.entries)))

    def step_dates_until(self, d: date) -> list[date]:
        """The dates after the last entry, up to `d`, on which the perpetual step applies."""
        if self.then is None:
            return []
        last = self.entries[-1][0]
        at_month_end = last == month_end(last)
        steps: list[date] = []
        k = 1
        while True:
            step_date = add_months(last, k * self.then.every.months)
            if at_month_end:
                step_date = month_end(step_date)
            if step_date > d:
                return steps
            steps.append(step_date)
            k += 1

    def value_at(self, d: date) -> Decimal | None:
        """The value in force at `d`; None before the first entry."""
        in_force = [value for start, value in self.entries if start <= d]
        if not in_force:
            return None
        value = in_force[-1]
        if self.then is not None:
            value += self.then.add * len(self.step_dates_until(d))
        return value

    def explain_at(self, d: date) -> str:
        """How value_at(d) was reached, for the trace."""
        in_force = [(start, value) for start, value in self.entries if start <= d]
        if not in_force:
            return f"no value before {self.entries[0][0].isoformat()}"
        start, value = in_force[-1]
        text = f"{value} from {start.isoformat()}"
        steps = self.step_dates_until(d)
        if steps and self.then is not None:
            text += (
                f", plus {self.then.add} each {self.then.every.value} after "
                f"{self.entries[-1][0].isoformat()} ({len(steps)} step(s))"
            )
        return text
