"""The deposit's reductions as they fall, and the balance held on any date.

Each reduction falls on its date (an anniversary, the day after it when the sheet says so, or
a date). Under a condition, one falling while a default is open (a `default` event not yet
followed by a `cure`, both as known on the as-of date) is suspended and taken on the cure, or
lost, as the sheet says; one still suspended on the as-of date waits for the cure. Reductions
after the as-of date are projected: no default is assumed for them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum

from pactum.dates import add_months
from pactum.facts.events import Event
from pactum.money import ZERO, money_display
from pactum.security_deposits.schema import Reduction, SecurityDepositTerms, WhileDefault


@dataclass(frozen=True)
class DefaultSpan:
    """A default from `start` until `cured` (None: not cured by the as-of date)."""

    start: date
    cured: date | None
    where: str  # events.yaml:line of the default

    def open_on(self, day: date) -> bool:
        # the default's own day counts even when it is cured that day (as the lease reads it)
        last = None if self.cured is None else max(self.start, self.cured - timedelta(days=1))
        return self.start <= day and (last is None or day <= last)

    def describe(self) -> str:
        cured = f", cured {self.cured.isoformat()}" if self.cured else ", not cured"
        return f"in default from {self.start.isoformat()}{cured} ({self.where})"


def default_spans(events: list[Event], default: str, cure: str, as_of: date) -> list[DefaultSpan]:
    """The defaults known at `as_of`: each from a default event to the next cure (a second
    default while one is open continues it; a cure with none open is ignored)."""
    spans: list[DefaultSpan] = []
    opened: Event | None = None
    for event in sorted(events, key=lambda e: e.date):
        if event.date > as_of:
            continue
        if event.event == default:
            opened = opened or event
        elif event.event == cure and opened is not None:
            spans.append(DefaultSpan(opened.date, event.date, opened.where()))
            opened = None
    if opened is not None:
        spans.append(DefaultSpan(opened.date, None, opened.where()))
    return spans


class StepStatus(StrEnum):
    scheduled = "scheduled"  # after the as-of date: projected
    taken = "taken"  # on its date
    reinstated = "reinstated"  # suspended by a default, taken on the cure
    suspended = "suspended"  # suspended by a default not yet cured
    lost = "lost"  # fell during a default, under a condition that loses it


@dataclass(frozen=True)
class Step:
    """One reduction as it falls."""

    number: int  # 1, 2, ... in schedule order
    reduction: Reduction
    falls: date  # the date the schedule sets
    status: StepStatus
    default: DefaultSpan | None = None  # the default that suspended or lost it

    @property
    def effective(self) -> date | None:
        """The day the reduced amount holds from; None while suspended, or when lost."""
        if self.status in (StepStatus.scheduled, StepStatus.taken):
            return self.falls
        if self.status is StepStatus.reinstated:
            assert self.default is not None and self.default.cured is not None
            return self.default.cured
        return None

    def when(self) -> str:
        """'the 4th anniversary (2025-03-02)' or '2027-01-01'."""
        number = self.reduction.anniversary
        if number is None:
            return self.falls.isoformat()
        return f"the {_ordinal(number.value)} anniversary ({self.falls.isoformat()})"

    def change(self) -> str:
        if self.reduction.to is not None:
            return f"to {money_display(self.reduction.to.value)}"
        assert self.reduction.by is not None
        return f"by {money_display(self.reduction.by.value)}"

    def why(self) -> str:
        """What became of it, for a trace."""
        if self.status is StepStatus.reinstated:
            assert self.default is not None and self.default.cured is not None
            return f"suspended ({self.default.describe()}); taken on the cure"
        if self.status in (StepStatus.suspended, StepStatus.lost):
            assert self.default is not None
            return f"{self.status.value} ({self.default.describe()})"
        if self.status is StepStatus.scheduled:
            return "projected (no default assumed)"
        return self.status.value


def falls_on(terms: SecurityDepositTerms, reduction: Reduction) -> date:
    """The date a reduction falls on."""
    if reduction.date is not None:
        return reduction.date.value
    assert terms.anniversaries is not None and reduction.anniversary is not None  # validated
    base = terms.anniversaries.of.value
    day = add_months(base, 12 * reduction.anniversary.value)
    return day + timedelta(days=1) if terms.anniversaries.from_day_after.value else day


def steps(terms: SecurityDepositTerms, spans: list[DefaultSpan], as_of: date) -> list[Step]:
    """The reductions in schedule order, each with what became of it by `as_of`."""
    found: list[Step] = []
    condition = terms.condition
    for number, reduction in enumerate(terms.reductions, start=1):
        falls = falls_on(terms, reduction)
        if falls > as_of:
            found.append(Step(number, reduction, falls, StepStatus.scheduled))
            continue
        default = next((s for s in spans if s.open_on(falls)), None) if condition else None
        if default is None or condition is None:
            found.append(Step(number, reduction, falls, StepStatus.taken))
        elif condition.while_default.value is WhileDefault.lost:
            found.append(Step(number, reduction, falls, StepStatus.lost, default))
        elif default.cured is not None:
            found.append(Step(number, reduction, falls, StepStatus.reinstated, default))
        else:
            found.append(Step(number, reduction, falls, StepStatus.suspended, default))
    return found


def balance_on(terms: SecurityDepositTerms, found: list[Step], day: date) -> Decimal:
    """The amount held on `day`: the amount given, with each reduction in effect by then
    applied in schedule order (lost and suspended ones not); zero before it is given."""
    if day < terms.given.value:
        return ZERO
    held = terms.amount.value
    for step in found:
        effective = step.effective
        if effective is None or effective > day:
            continue
        if step.reduction.to is not None:
            held = step.reduction.to.value
        elif step.reduction.by is not None:
            held = max(ZERO, held - step.reduction.by.value)
    return held


def _ordinal(number: int) -> str:
    suffix = (
        "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    )
    return f"{number}{suffix}"
