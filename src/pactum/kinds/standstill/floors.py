"""Ownership floors: levels below which named rights of the group end or are suspended.

A floor is met while the group owns at least its level ("equal to or greater than 2.0%"), or
more than it where the sheet says so. It is read over the reports from the one in force at
signing to the as-of date:
- `continuously`: the latest report decides; with effect `ends` the first report below ends
  the rights for good, with `suspended` they return once the group is back at the level;
- `maintained_since_signing`: the rights hold only while no report since signing was below
  ("maintained since the date of this Agreement"): the first fall ends them;
- `at_event` (e.g. `vacancy`): the right arises only at such an event ("as of such time"),
  judged on the report in force that day (and, maintained since signing, every one before).
A floor with `starts` of its own is read from that day instead of signing ("If, but only if
HOC exercises the Option"): before it, or while it rests on an event not recorded, its rights
do not arise yet, and no fall below it is counted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from itertools import pairwise

from pactum.facts.events import Event
from pactum.findings import Alert, Severity, Trace, Unit, Value
from pactum.kinds.standstill.ownership import Position, shares_text
from pactum.kinds.standstill.schema import Floor, FloorEffect, FloorTest
from pactum.kinds.standstill.thresholds import what_moved
from pactum.money import percent_str
from pactum.terms.values import sources


def met(floor: Floor, p: Position) -> bool:
    side = p.compare(floor.level.value)
    return side > 0 or (side == 0 and floor.met_at_level)


def rule(floor: Floor) -> str:
    return f"{'>=' if floor.met_at_level else '>'} {percent_str(floor.level.value)}"


@dataclass(frozen=True)
class RightState:
    state: str  # in force, ended, suspended, arises, does not arise, no event yet
    since: date | None  # the report (or event) the state dates from
    why: str


def since_signing(series: list[Position], signed: date, until: date) -> list[Position]:
    """The report in force at signing, then every later one up to `until`."""
    at_signing = [p for p in series if p.as_of <= signed][-1:]
    return at_signing + [p for p in series if signed < p.as_of <= until]


def _first_below(floor: Floor, reports: list[Position]) -> Position | None:
    return next((p for p in reports if not met(floor, p)), None)


def _standing(floor: Floor, reports: list[Position]) -> RightState:
    """The rights' state on the last of `reports`, without an event."""
    level = f"{percent_str(floor.level.value)} ({rule(floor)})"
    fell = _first_below(floor, reports)
    continuous = floor.tested.value is FloorTest.continuously
    if continuous and floor.effect.value is FloorEffect.suspended:
        latest = reports[-1]
        if met(floor, latest):
            return RightState("in force", None, f"{percent_str(latest.fraction)} meets {level}")
        # suspended since the latest fall below, not the first
        down = latest
        for before, after in pairwise(reports):
            if met(floor, before) and not met(floor, after):
                down = after
        return RightState(
            "suspended", down.as_of, f"{percent_str(latest.fraction)} is below {level}"
        )
    if fell is None:
        since = "since signing" if not continuous else "at every report since signing"
        return RightState("in force", None, f"never below {level} {since}")
    return RightState(
        "ended",
        fell.as_of,
        f"fell below {level} on {fell.as_of.isoformat()}: {percent_str(fell.fraction)}",
    )


def fell_below(floor: Floor) -> str:
    """The event the standstill emits each time the group falls below `floor`: a deadline
    may run from it ("notice ... within two business days following the date on which the
    Marathon Parties no longer meet the Minimum Ownership Threshold") and a date may be
    extended by it."""
    return f"fell_below_{floor.id}"


def floor_start(floor: Floor, signed: date) -> tuple[date | None, str]:
    """The first day the floor's rights exist: signing, or the floor's `starts`; None while
    that rests on an event not recorded (its estimate is not the event)."""
    if floor.starts is None:
        return signed, ""
    worked_out = "; ".join(getattr(floor.starts, "worked_out", ()))
    if getattr(floor.starts, "projected", False):
        return None, f"they exist only from an event not recorded yet ({worked_out})"
    return floor.starts.value, worked_out or floor.starts.value.isoformat()


def falls_below(floor: Floor, series: list[Position], signed: date, as_of: date) -> list[date]:
    """The days the group fell below `floor` from signing (or the floor's start) to `as_of`:
    each report below it after one that met it, and the report in force at the start if that
    was below (dated the start)."""
    start, _ = floor_start(floor, signed)
    if start is None or start > as_of:
        return []
    signed = start
    reports = since_signing(series, signed, as_of)
    found: list[date] = []
    for index, report in enumerate(reports):
        if not met(floor, report) and (index == 0 or met(floor, reports[index - 1])):
            found.append(max(report.as_of, signed))
    return found


def floor_findings(
    floor: Floor,
    series: list[Position],
    signed: date,
    as_of: date,
    events: list[Event],
) -> tuple[list[Value], list[Alert]]:
    """Each right's state under `floor` on `as_of`, and an alert for each fall below it."""
    values: list[Value] = []
    alerts: list[Alert] = []
    start, how = floor_start(floor, signed)
    if start is None or start > as_of:
        why = how if start is None else f"they exist from {start.isoformat()} ({how})"
        return [
            Value(
                f"right_{r.id}",
                "does not arise yet",
                Unit.text,
                f"{r.title} ({floor.clause})",
                Trace(why, {"floor": rule(floor)}, sources(floor.starts, floor.level)),
            )
            for r in floor.rights
        ], alerts
    signed = start
    reports = since_signing(series, signed, as_of)
    ref = floor.level.source_ref()
    names = ", ".join(r.id for r in floor.rights)
    for before, after in pairwise(reports):
        if met(floor, before) and not met(floor, after):
            alerts.append(
                Alert(
                    Severity.warning,
                    f"On {after.as_of.isoformat()} ownership fell below the {floor.clause} floor "
                    f"({rule(floor)}): {percent_str(before.fraction)} on "
                    f"{before.as_of.isoformat()} to {percent_str(after.fraction)}; "
                    f"{what_moved(before, after)}. Rights {floor.effect.value.value}: {names}.",
                    ref,
                )
            )
    if not reports:
        return [
            Value(f"right_{r.id}", None, Unit.text, f"{r.title} ({floor.clause})")
            for r in floor.rights
        ], alerts
    if floor.at_event is None:
        state = _standing(floor, reports)
    else:
        state = _at_event(floor, reports, signed, as_of, events)
    latest = reports[-1]
    inputs = {
        "floor": rule(floor),
        "tested": floor.tested.value.value,
        "effect": floor.effect.value.value,
        "as_of": latest.as_of.isoformat(),
        "beneficial": shares_text(latest.beneficial),
        "base": shares_text(latest.base),
    }
    if floor.at_event is not None:
        inputs["at_event"] = floor.at_event
    if state.since is not None:
        inputs["since"] = state.since.isoformat()
    for right in floor.rights:
        values.append(
            Value(
                f"right_{right.id}",
                state.state,
                Unit.text,
                f"{right.title} ({floor.clause})",
                Trace(state.why, inputs, sources(floor.level, floor.tested, floor.effect)),
            )
        )
    return values, alerts


def _at_event(
    floor: Floor, reports: list[Position], signed: date, as_of: date, events: list[Event]
) -> RightState:
    moments = [e for e in events if e.event == floor.at_event and signed <= e.date <= as_of]
    if not moments:
        return RightState(
            "no event yet",
            None,
            f"no {floor.at_event} event on or before "
            f"{as_of.isoformat()}: the floor is tested only then",
        )
    moment = moments[-1].date
    upto = [p for p in reports if p.as_of <= moment]
    if not upto:
        return RightState("does not arise", moment, "no ownership report before the event")
    judged = upto if floor.tested.value is FloorTest.maintained_since_signing else upto[-1:]
    fell = _first_below(floor, judged)
    level = f"{percent_str(floor.level.value)} ({rule(floor)})"
    at = f"at the {floor.at_event} of {moment.isoformat()}"
    if fell is None:
        maintained = floor.tested.value is FloorTest.maintained_since_signing
        how = "maintained since signing" if maintained else "met"
        return RightState(
            "arises", moment, f"{at}: {level} {how} ({percent_str(upto[-1].fraction)} then)"
        )
    return RightState(
        "does not arise",
        moment,
        f"{at}: below {level} on {fell.as_of.isoformat()} ({percent_str(fell.fraction)})",
    )
