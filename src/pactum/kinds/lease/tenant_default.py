"""When the tenant is in default: from each `default` event until the next `cure` event.

A month counts as in default when the tenant is in default on any day of it (the default date
itself always counts, even when cured the same day). Conditional abatements are lost for such a
month.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from pactum.dates import month_end
from pactum.facts.events import Event


@dataclass(frozen=True)
class DefaultPeriod:
    start: date
    cured: date | None  # the cure's date; None while uncured
    where: str  # events.yaml:line of the default

    @property
    def last_day(self) -> date | None:
        """The last day in default: the day before the cure, at least the default's own day."""
        return None if self.cured is None else max(self.start, self.cured - timedelta(days=1))

    def touches(self, first: date, last: date) -> bool:
        return self.start <= last and (self.last_day is None or self.last_day >= first)

    def describe(self) -> str:
        cured = f", cured {self.cured.isoformat()}" if self.cured else ", not cured"
        return f"tenant in default from {self.start.isoformat()}{cured} ({self.where})"


def default_periods(events: list[Event], as_of: date) -> list[DefaultPeriod]:
    """The default periods known at `as_of`, from `default` and `cure` events in date order.

    A second default while one is open continues it. (A cure with no default open before it
    is refused when the portfolio loads.)
    """
    periods: list[DefaultPeriod] = []
    open_from: Event | None = None
    for event in sorted(events, key=lambda e: e.date):
        if event.date > as_of or event.event not in ("default", "cure"):
            continue
        if event.event == "default":
            open_from = open_from or event
        elif open_from is not None:
            periods.append(DefaultPeriod(open_from.date, event.date, open_from.where()))
            open_from = None
    if open_from is not None:
        periods.append(DefaultPeriod(open_from.date, None, open_from.where()))
    return periods


def default_in_month(periods: list[DefaultPeriod], month: date) -> DefaultPeriod | None:
    """The default period that touches the month beginning `month`, if any."""
    return next((p for p in periods if p.touches(month, month_end(month))), None)


def in_default_on(periods: list[DefaultPeriod], d: date) -> DefaultPeriod | None:
    return next((p for p in periods if p.touches(d, d)), None)
