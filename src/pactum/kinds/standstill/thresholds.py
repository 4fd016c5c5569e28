"""Ownership thresholds: which side of each the group is on, and how it crossed them.

A threshold is crossed when the group moves from one side to the other between two reported
dates. The crossing says whether the group's own shares changed or only the shares outstanding
did: a buyback can push a holder over a line without any purchase.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from itertools import pairwise

from pactum.kinds.standstill.ownership import Position, shares_text
from pactum.kinds.standstill.schema import HeldOn, StandstillTerms
from pactum.money import percent_str
from pactum.terms.values import Term


class Side(StrEnum):
    below = "below"
    at = "at"
    above = "above"


@dataclass(frozen=True)
class Threshold:
    id: str
    label: str
    term: Term[Decimal]
    over_at_level: bool  # "15% or more": exactly the level is over; "more than 25%": it is not
    prohibited: bool  # being over it is a breach or a trigger, not just a state
    # a level that is the group's own on a day: its beneficial ownership and base then,
    # compared as a ratio so that exactly that percentage is exactly at the level
    held: Position | None = None
    reported: bool = False  # crossing it calls for a filing (a 13D): a warning upward

    @property
    def level(self) -> Decimal:
        return self.term.value

    def rule(self) -> str:
        return f"{'>=' if self.over_at_level else '>'} {percent_str(self.level)}"

    def side(self, position: Position) -> Side:
        if self.held is not None:
            difference = position.beneficial * self.held.base - self.held.beneficial * position.base
            return (Side.below, Side.at, Side.above)[(difference > 0) - (difference < 0) + 1]
        return (Side.below, Side.at, Side.above)[position.compare(self.level) + 1]

    def is_over(self, position: Position) -> bool:
        side = self.side(position)
        return side is Side.above or (side is Side.at and self.over_at_level)


def held_level(held: HeldOn, series: Sequence[Position]) -> Position | None:
    """The report in force on the day a level is held on; None before that day is known (an
    event not recorded) or with no report by then."""
    if getattr(held.date, "projected", False):
        return None
    found = [p for p in series if p.as_of <= held.date.value]
    return found[-1] if found else None


def thresholds(sheet: StandstillTerms, series: Sequence[Position] = ()) -> list[Threshold]:
    """The levels the sheet has: the Term's, the acquisition cap, the rights plan's two, the
    reporting thresholds. A cap set by the group's own ownership on a day is there once that
    day's report is known."""
    found: list[Threshold] = []
    if sheet.term is not None:
        found.append(
            Threshold(
                "term",
                f"Term (lasts while the group owns {percent_str(sheet.term.ends_below.value)} "
                "or more)",
                sheet.term.ends_below,
                over_at_level=True,
                prohibited=False,
            )
        )
    cap = sheet.standstill.acquisition_cap
    if cap is not None and cap.level is not None:
        found.append(
            Threshold(
                "acquisition_cap",
                f"{cap.clause} acquisition cap (more than {percent_str(cap.level.value)} prohibited)",
                cap.level,
                over_at_level=False,
                prohibited=True,
            )
        )
    elif cap is not None and cap.level_held_on is not None:
        held = held_level(cap.level_held_on, series)
        if held is not None:
            level = Term[Decimal](value=held.fraction, cite=cap.level_held_on.cite)
            if cap.level_held_on.origin is not None:
                level.record_origin(cap.level_held_on.origin)
            found.append(
                Threshold(
                    "acquisition_cap",
                    f"{cap.clause} acquisition cap (more than {percent_str(held.fraction)}, "
                    f"the group's own on {held.as_of.isoformat()}, prohibited)",
                    level,
                    over_at_level=False,
                    prohibited=True,
                    held=held,
                )
            )
    plan = sheet.rights_plan
    if plan is not None:
        found += [
            Threshold(
                "rights_plan",
                f"Rights plan threshold ({percent_str(plan.threshold.value)} or more)",
                plan.threshold,
                over_at_level=True,
                prohibited=False,
            ),
            Threshold(
                "rights_plan_group",
                f"Rights plan threshold for the group (more than "
                f"{percent_str(plan.group_threshold.value)})",
                plan.group_threshold,
                over_at_level=False,
                prohibited=True,
            ),
        ]
    found += [
        Threshold(
            f"reporting_{reporting.id}",
            f"{reporting.title} threshold ("
            + (
                f"{percent_str(reporting.level.value)} or more"
                if reporting.met_at_level
                else f"more than {percent_str(reporting.level.value)}"
            )
            + ")",
            reporting.level,
            over_at_level=reporting.met_at_level,
            prohibited=False,
            reported=True,
        )
        for reporting in sheet.reporting_thresholds
    ]
    return found


@dataclass(frozen=True)
class Crossing:
    threshold: Threshold
    before: Position
    after: Position

    @property
    def upward(self) -> bool:
        return self.threshold.is_over(self.after)

    @property
    def acquired(self) -> bool:
        """Whether the group's own holding grew (a purchase, or new rights)."""
        return self.after.beneficial > self.before.beneficial

    def cause(self) -> str:
        return what_moved(self.before, self.after)

    def message(self) -> str:
        direction = "rose over" if self.upward else "fell back from"
        return (
            f"On {self.after.as_of.isoformat()} ownership {direction} the "
            f"{self.threshold.label}: {percent_str(self.before.fraction)} on "
            f"{self.before.as_of.isoformat()} to {percent_str(self.after.fraction)}; "
            f"{self.cause()}."
        )


def what_moved(b: Position, a: Position) -> str:
    """What changed between two reports, each figure on its own: the group's shares, its
    rights to acquire and its derivative exposure (each said only when it has any), the
    issuer's shares outstanding and, fully diluted, the company's convertibles. With the
    Rule 13d-3 denominator (outstanding + own rights) a change of rights alone moves it
    although the shares outstanding did not change."""
    group = (
        f"the group's shares changed from {shares_text(b.shares)} to {shares_text(a.shares)}"
        if a.shares != b.shares
        else f"the group's shares did not change ({shares_text(a.shares)})"
    )
    for label, before, after in (
        ("rights to acquire", b.rights, a.rights),
        ("derivative exposure", b.derivatives, a.derivatives),
    ):
        if after != before:
            group += f", its {label} changed from {shares_text(before)} to {shares_text(after)}"
        elif after:
            group += f", its {label} did not change ({shares_text(after)})"
    moved = []
    if a.outstanding != b.outstanding:
        moved.append(
            f"shares outstanding changed from {shares_text(b.outstanding)} to "
            f"{shares_text(a.outstanding)}"
        )
    if a.convertibles != b.convertibles and a.convertibles is not None:
        moved.append(
            f"the company's convertibles changed from {shares_text(b.convertibles or 0)} to "
            f"{shares_text(a.convertibles)}"
        )
    if not moved:
        unchanged = "shares outstanding did not change"
        if a.convertibles is not None:
            unchanged = "shares outstanding and the company's convertibles did not change"
        return f"{group}; {unchanged}"
    denominator = " and ".join(moved)
    if a.beneficial == b.beneficial and a.shares == b.shares:
        by = "a buyback" if a.pool < b.pool else "an issuance"
        return f"{group}: only {denominator} ({by}, not a trade by the group)"
    return f"{group} and {denominator}"


def crossings(found: list[Threshold], series: list[Position]) -> list[Crossing]:
    """Every change of side, threshold by threshold, in date order."""
    result = [
        Crossing(threshold, before, after)
        for threshold in found
        for before, after in pairwise(series)
        if threshold.is_over(before) != threshold.is_over(after)
    ]
    return sorted(result, key=lambda c: c.after.as_of)


def latest_crossing(all_crossings: list[Crossing], threshold_id: str) -> Crossing | None:
    mine = [c for c in all_crossings if c.threshold.id == threshold_id]
    return mine[-1] if mine else None


def describe(threshold: Threshold, position: Position) -> dict[str, str]:
    """The inputs of a side finding, for its trace."""
    return {
        "rule": f"over at {threshold.rule()}",
        "beneficial": shares_text(position.beneficial),
        "base": shares_text(position.base),
    }
