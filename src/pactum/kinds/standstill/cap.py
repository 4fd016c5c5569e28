"""The acquisition cap judged over the ownership history, not only at its latest crossing.

Walking the reports in order, each one over the cap is over because of what came before:
- the group acquired (its shares plus rights rose from the report before): a breach, whether
  it crossed the level then or was already over it; it stays a breach while the group stays
  over, whatever moves after;
- the group crossed without acquiring: only the shares outstanding moved (a buyback lowers
  them), excused or not as the sheet's `excused` says;
- the first report is already over: nothing says how, so the group is over (a breach).
Falling back to or below the level clears the record: a later crossing is judged afresh.
The cap binds only while the standstill is in force and not lifted (a tender offer pending):
an acquisition reported on a day it does not bind breaches nothing, nor does staying over
after it; a purchase made once it binds again, while still over, is a breach.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from pactum.facts.events import Event
from pactum.kinds.standstill.ownership import Position, shares_text
from pactum.kinds.standstill.schema import AcquisitionCap, CapExcuse
from pactum.kinds.standstill.thresholds import Threshold, what_moved
from pactum.money import percent_str


class OverBy(StrEnum):
    acquisition = "acquisition"  # the group's shares or rights rose while it ended over
    denominator = "denominator"  # it crossed with no acquisition: shares outstanding moved
    first_report = "first_report"  # over at the first report: how is not known
    unbound = "unbound"  # acquired while the cap did not bind (no standstill, or lifted)


@dataclass(frozen=True)
class Lift:
    """A span in which the cap does not bind: from an event until the day another ends it."""

    start: date
    event: str
    end: date | None  # the first day the cap binds again (None: still lifted)
    ended_by: str = ""

    def covers(self, on: date) -> bool:
        return self.start <= on and (self.end is None or on < self.end)

    def text(self) -> str:
        until = f" until the {self.ended_by} of {self.end.isoformat()}" if self.end else ""
        return f"the cap lifted by the {self.event} of {self.start.isoformat()}{until}"


@dataclass(frozen=True)
class CapBinding:
    """The days the cap binds: while the standstill is in force, outside every lift."""

    in_force: Callable[[date], bool]
    lifts: tuple[Lift, ...] = field(default_factory=tuple)

    def lift_on(self, on: date) -> Lift | None:
        return next((lift for lift in self.lifts if lift.covers(on)), None)

    def binds(self, on: date) -> bool:
        return self.in_force(on) and self.lift_on(on) is None

    def why_not(self, on: date) -> str:
        lift = self.lift_on(on)
        return lift.text() if lift is not None else "the standstill not in force that day"


def lifts(rule: AcquisitionCap, events: list[Event], as_of: date) -> tuple[Lift, ...]:
    """Each lift from a `from` event recorded by `as_of` to the first `until` event on or
    after it; a `from` event while a lift is open starts nothing new."""
    if rule.lifted is None:
        return ()
    starts = sorted(e.date for e in events if e.event == rule.lifted.lifted_from.event)
    names = {named.event for named in rule.lifted.until}
    ends = sorted((e.date, e.event) for e in events if e.event in names)
    found: list[Lift] = []
    for start in (d for d in starts if d <= as_of):
        if found and found[-1].covers(start):
            continue
        end = next(((d, name) for d, name in ends if start <= d <= as_of), None)
        found.append(
            Lift(
                start,
                rule.lifted.lifted_from.event,
                end[0] if end else None,
                end[1] if end else "",
            )
        )
    return tuple(found)


@dataclass(frozen=True)
class Move:
    """Two consecutive reports."""

    before: Position
    after: Position

    @property
    def acquired(self) -> bool:
        return self.after.beneficial > self.before.beneficial

    @property
    def outstanding_fell(self) -> bool:
        """The company's side of the denominator fell (a buyback), or else rose."""
        return self.after.pool < self.before.pool


@dataclass(frozen=True)
class CapStanding:
    """Why the group is over the cap at its latest report (`by` None: it is not over)."""

    by: OverBy | None
    move: Move | None  # the acquisition, or the crossing by the denominator alone
    purchases_while_over: tuple[Move, ...]  # every acquisition made while already over
    unbound_note: str = ""  # with `by` unbound: why the cap did not bind then


def cap_standing(cap: Threshold, series: list[Position], binding: CapBinding) -> CapStanding:
    by: OverBy | None = None
    move: Move | None = None
    purchases: list[Move] = []
    note = ""
    for index, after in enumerate(series):
        if not cap.is_over(after):
            by, move = None, None
            continue
        binds = binding.binds(after.as_of)
        if index == 0:
            by = OverBy.first_report if binds else OverBy.unbound
            note = "" if binds else binding.why_not(after.as_of)
            continue
        step = Move(series[index - 1], after)
        if step.acquired and binds:
            if cap.is_over(step.before):
                purchases.append(step)
            by, move = OverBy.acquisition, step
        elif step.acquired and by is not OverBy.acquisition:
            # bought while the cap did not bind: no breach, nor is staying over after it
            by, move, note = OverBy.unbound, step, binding.why_not(after.as_of)
        elif by is None:
            by, move = OverBy.denominator, step
    return CapStanding(by, move, tuple(purchases), note if by is OverBy.unbound else "")


def judged(standing: CapStanding, excused: CapExcuse | None) -> tuple[bool | None, str]:
    """The cap test's result and its note: passed, failed, or None when the sheet does not say
    whether a move of the shares outstanding alone excuses being over."""
    move = standing.move
    if standing.by is None:
        return True, ""
    if standing.by is OverBy.unbound:
        what = (
            f"an acquisition on {move.after.as_of.isoformat()} "
            f"({shares_text(move.before.beneficial)} to {shares_text(move.after.beneficial)} "
            "shares with rights)"
            if move is not None
            else "the first ownership report"
        )
        return True, (
            f"over the cap since {what}, when it did not bind ({standing.unbound_note}): no breach"
        )
    if standing.by is OverBy.first_report or move is None:
        return False, "over the cap at the first ownership report"
    on = move.after.as_of.isoformat()
    if standing.by is OverBy.acquisition:
        how = "while already over the cap" if move in standing.purchases_while_over else ""
        return False, (
            f"acquired on {on} {how + ' ' if how else ''}("
            f"{shares_text(move.before.beneficial)} to {shares_text(move.after.beneficial)} "
            f"shares with rights): {percent_str(move.after.fraction)}"
        )
    change = "fell" if move.outstanding_fell else "rose"
    what = "a buyback" if move.outstanding_fell else "an issuance"
    over = (
        f"over the cap only because shares outstanding {change} on {on} "
        f"({shares_text(move.before.outstanding)} to {shares_text(move.after.outstanding)}, "
        f"{what}): no acquisition by the group"
    )
    if excused is None:
        return None, over + "; the sheet does not say whether that is excused"
    if excused.covers(move.outstanding_fell):
        return True, over + f"; excused (the sheet excuses {excused.value})"
    return False, over + f"; not excused (the sheet excuses {excused.value})"


def purchase_message(cap: Threshold, move: Move) -> str:
    """An acquisition made while already over the cap: no crossing says it."""
    b, a = move.before, move.after
    return (
        f"On {a.as_of.isoformat()} the group acquired while already over the {cap.label}: "
        f"{percent_str(b.fraction)} on {b.as_of.isoformat()} to {percent_str(a.fraction)}; "
        f"{what_moved(b, a)}."
    )
