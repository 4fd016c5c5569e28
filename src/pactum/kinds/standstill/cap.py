"""The acquisition cap judged over the ownership history, not only at its latest crossing.

Walking the reports in order, each one over the cap is over because of what came before:
- the group acquired (its shares plus rights rose from the report before): a breach, whether
  it crossed the level then or was already over it; it stays a breach while the group stays
  over, whatever moves after;
- the group crossed without acquiring: only the shares outstanding moved (a buyback lowers
  them), excused or not as the sheet's `excused` says;
- the first report is already over: nothing says how, so the group is over (a breach).
Falling back to or below the level clears the record: a later crossing is judged afresh.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from pactum.kinds.standstill.ownership import Position, shares_text
from pactum.kinds.standstill.schema import CapExcuse
from pactum.kinds.standstill.thresholds import Threshold, what_moved
from pactum.money import percent_str


class OverBy(StrEnum):
    acquisition = "acquisition"  # the group's shares or rights rose while it ended over
    denominator = "denominator"  # it crossed with no acquisition: shares outstanding moved
    first_report = "first_report"  # over at the first report: how is not known


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


def cap_standing(cap: Threshold, series: list[Position]) -> CapStanding:
    by: OverBy | None = None
    move: Move | None = None
    purchases: list[Move] = []
    for index, after in enumerate(series):
        if not cap.is_over(after):
            by, move = None, None
            continue
        if index == 0:
            by = OverBy.first_report
            continue
        step = Move(series[index - 1], after)
        if step.acquired:
            if cap.is_over(step.before):
                purchases.append(step)
            by, move = OverBy.acquisition, step
        elif by is None:
            by, move = OverBy.denominator, step
    return CapStanding(by, move, tuple(purchases))


def judged(standing: CapStanding, excused: CapExcuse | None) -> tuple[bool | None, str]:
    """The cap test's result and its note: passed, failed, or None when the sheet does not say
    whether a move of the shares outstanding alone excuses being over."""
    move = standing.move
    if standing.by is None:
        return True, ""
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
