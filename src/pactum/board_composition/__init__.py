"""The `board_composition` clause type: caps on the size of a board during periods ("the Board
will not increase the size of the Board above ten (10) directors" until a meeting), and
directors to be appointed by a date, read from `board_size_changed` and `director_appointed`
events. Any agreement that governs a board may have one.

A cap is judged over its period up to the as-of date: the size in force when the period
begins and each change within it; a size above the cap fails unless the cap allows a board
the directors approve unanimously and the change says it was. An appointment passes when each
director named was appointed on or before its date; an event whose name is close to a listed
name but not one of its spellings is not counted, and is a warning naming both.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from difflib import SequenceMatcher
from typing import ClassVar

from pydantic import BaseModel

from pactum.board_composition.schema import (
    EVENTS,
    Appointment,
    BoardCompositionTerms,
    Director,
    SizeBy,
    SizeCap,
)
from pactum.clauses.api import ClauseContext, ClauseFindings, ClauseType, Reconciliation
from pactum.facts.events import Event
from pactum.findings import (
    Alert,
    Basis,
    Comparator,
    Obligation,
    ObligationCategory,
    Severity,
    TestResult,
    Trace,
    Unit,
    Value,
)
from pactum.terms.named_dates import ResolvedDate
from pactum.terms.values import source_ref, sources

HORIZON = timedelta(days=365)  # what `check` lists ahead of its as-of date
# how alike an appointed name and a listed one must be to be taken for a misspelling of it
# (difflib's ratio: "Michael Gorznyski" against "Michael Gorzynski" is 0.94)
CLOSE_NAME = 0.85


@dataclass(frozen=True)
class SizeSeen:
    """The board's size from a day, as an event recorded it."""

    day: date
    size: int
    unanimous: bool


def _norm(name: str) -> str:
    return " ".join(name.split()).casefold()


def spellings(director: Director) -> set[str]:
    return {_norm(director.name.value), *(_norm(t.value) for t in director.also_written)}


class BoardComposition(ClauseType[BoardCompositionTerms]):
    name = "board_composition"
    description = (
        "Caps on the size of a board during periods and directors to be appointed by a "
        "date, from board_size_changed and director_appointed events."
    )
    schema = BoardCompositionTerms
    events: ClassVar[Mapping[str, type[BaseModel]]] = EVENTS
    written_as: ClassVar[Mapping[str, tuple[str, ...]]] = {
        "unless_unanimous": ("unanimous approval", "unanimously"),
    }

    def reconcile(self, terms: BoardCompositionTerms) -> Sequence[Reconciliation]:
        """A director's name the document spells more than one way: reported, as a figure
        it states two ways would be."""
        found: list[Reconciliation] = []
        for i, appointment in enumerate(terms.appointments):
            for j, director in enumerate(appointment.directors):
                for k, other in enumerate(director.also_written):
                    found.append(
                        (
                            ("appointments", i, "directors", j, "also_written", k),
                            "fail",
                            f"the document also writes {director.name.value!r} as {other.value!r}",
                            f"one spelling of the name, {director.name.value!r}",
                        )
                    )
        return found

    def evaluate(self, ctx: ClauseContext[BoardCompositionTerms]) -> ClauseFindings:
        terms, as_of = ctx.terms, ctx.as_of
        seen = _sizes(ctx)
        values: list[Value] = []
        tests: list[TestResult] = []
        alerts: list[Alert] = []
        obligations: list[Obligation] = []
        current = next((s for s in reversed(seen) if s.day <= as_of), None)
        values.append(
            Value(
                "board_size",
                None if current is None else Decimal(current.size),
                Unit.number,
                f"{terms.title}: directors",
                Trace(
                    "the latest board_size_changed on or before the as-of date",
                    {"recorded": current.day.isoformat() if current else "none"},
                ),
            )
        )
        for cap in terms.size_caps:
            found = _cap(ctx, cap, seen)
            if isinstance(found, Obligation):
                obligations.append(found)
            elif found is not None:
                tests.append(found[0])
                alerts += found[1]
        for target in terms.sizes_by:
            size_test, size_alerts, size_due = _size_by(ctx, target, seen)
            if size_test is not None:
                tests.append(size_test)
            alerts += size_alerts
            if size_due is not None:
                obligations.append(size_due)
        appointed = [e for e in ctx.events("director_appointed") if e.date <= as_of]
        for appointment in terms.appointments:
            test, more, due = _appointment(ctx, appointment, appointed)
            if test is not None:
                tests.append(test)
            alerts += more
            if due is not None:
                obligations.append(due)
        alerts += _unmatched(terms, appointed)
        return ClauseFindings(
            values=tuple(values),
            tests=tuple(tests),
            obligations=tuple(obligations),
            alerts=tuple(alerts),
        )

    def obligations_between(
        self, ctx: ClauseContext[BoardCompositionTerms], start: date, end: date
    ) -> Sequence[Obligation]:
        found = []
        for appointment in ctx.terms.appointments:
            by = ctx.dates.resolve(appointment.by)
            if isinstance(by, ResolvedDate) and start <= by.day <= end:
                found.append(_appointment_due(ctx, appointment, by, []))
        for target in ctx.terms.sizes_by:
            by = ctx.dates.resolve(target.by)
            if isinstance(by, ResolvedDate) and start <= by.day <= end:
                found.append(_size_due(ctx, target, by))
        return found


def _sizes(ctx: ClauseContext[BoardCompositionTerms]) -> list[SizeSeen]:
    return [
        SizeSeen(e.date, e.data.size, e.data.unanimous)
        for e in ctx.events("board_size_changed")
        if e.date <= ctx.as_of
    ]


def _cap(
    ctx: ClauseContext[BoardCompositionTerms], cap: SizeCap, seen: list[SizeSeen]
) -> tuple[TestResult, list[Alert]] | Obligation | None:
    """The cap's test over its period to the as-of date, with an alert for each size above
    it; before the period, its start as an obligation when within the horizon."""
    terms, as_of = ctx.terms, ctx.as_of
    period = ctx.dates.period(cap.during)
    limit = cap.at_most.value
    refs = sources(cap.at_most, cap.unless_unanimous)
    label = f"{terms.title}: at most {limit} directors"
    if period.start is None or period.start > as_of:
        if period.start is not None and period.start - as_of <= HORIZON:
            return Obligation(
                period.start,
                f"{label} from {period.start.isoformat()}",
                None,
                refs,
                "; ".join(period.steps) or "the cap's period begins",
                ObligationCategory.deadline,
                f"{ctx.clause.id}-{cap.id}",
            )
        return None
    last = as_of if period.end is None else min(as_of, period.end)
    at_start = [s for s in seen if s.day <= period.start]
    during = ([at_start[-1]] if at_start else []) + [
        s for s in seen if period.start < s.day <= last
    ]
    allows_unanimous = cap.unless_unanimous is not None and cap.unless_unanimous.value
    over = [s for s in during if s.size > limit and not (allows_unanimous and s.unanimous)]
    excused = [s for s in during if s.size > limit and allows_unanimous and s.unanimous]
    shown = f"{period.start.isoformat()} to {period.end.isoformat() if period.end else 'open'}"
    inputs = {"period": shown} | {s.day.isoformat(): str(s.size) for s in during}
    if not during:
        largest = None
        passed = None
        note = f"no board_size_changed recorded on or before {last.isoformat()}"
    else:
        considered = [s for s in during if s not in excused] or during
        largest = Decimal(max(s.size for s in considered))
        passed = not over
        notes = [f"sizes from {shown}"]
        notes += [
            f"{s.size} from {s.day.isoformat()} approved unanimously, allowed" for s in excused
        ]
        if period.projected:
            notes.append("the period rests on an estimated date")
        note = "; ".join(notes)
    test = TestResult(
        f"board_size_cap-{cap.id}",
        label,
        last,
        Basis.actual,
        Comparator.at_most,
        Unit.number,
        Decimal(limit),
        largest,
        passed,
        None if largest is None else Decimal(limit) - largest,
        note=note,
        trace=Trace("the largest board size during the period <= the cap", inputs, refs),
    )
    alerts = [
        Alert(
            Severity.critical,
            f"{terms.title}: {s.size} directors from {s.day.isoformat()}, above the cap of "
            f"{limit} ({shown}).",
            source_ref(cap.at_most),
        )
        for s in over
    ]
    return test, alerts


def _size_by(
    ctx: ClauseContext[BoardCompositionTerms], target: SizeBy, seen: list[SizeSeen]
) -> tuple[TestResult | None, list[Alert], Obligation | None]:
    """The board's size in force on the date against the size to reach: before the date,
    the obligation while the size is not reached (within the horizon); on and after it, the
    test, and a critical alert when the size in force that day falls short."""
    as_of = ctx.as_of
    by = ctx.dates.resolve(target.by)
    if not isinstance(by, ResolvedDate):
        return None, [], None
    last = min(as_of, by.day)
    current = next((s for s in reversed(seen) if s.day <= last), None)
    reached = current is not None and current.size >= target.size.value
    if as_of < by.day and not reached:
        due = _size_due(ctx, target, by) if by.day - as_of <= HORIZON else None
        return None, [], due
    label = f"{ctx.terms.title}: {target.title}"
    actual = None if current is None else Decimal(current.size)
    needed = Decimal(target.size.value)
    alerts = []
    if not reached:
        size = "no board_size_changed" if current is None else f"{current.size} directors"
        alerts.append(
            Alert(
                Severity.critical,
                f"{label}: {size} on {last.isoformat()}, not the {target.size.value} due by "
                f"{by.day.isoformat()}.",
                source_ref(target.size),
            )
        )
    test = TestResult(
        f"board_size_by-{target.id}",
        label,
        last,
        Basis.actual,
        Comparator.at_least,
        Unit.number,
        needed,
        actual,
        reached,
        None if actual is None else actual - needed,
        note=(
            f"{current.size} from {current.day.isoformat()}"
            if current is not None
            else f"no board_size_changed recorded on or before {last.isoformat()}"
        ),
        trace=Trace(
            "the board's size in force on the date >= the size due",
            {"by": by.day.isoformat(), "recorded": current.day.isoformat() if current else ""},
            (*by.sources, *sources(target.size)),
        ),
    )
    return test, alerts, None


def _size_due(
    ctx: ClauseContext[BoardCompositionTerms], target: SizeBy, by: ResolvedDate
) -> Obligation:
    note = "; ".join(by.steps) if by.steps else f"by {by.day.isoformat()}"
    if by.projected:
        note += "; projected: rests on an estimated date"
    return Obligation(
        by.day,
        f"{ctx.terms.title}: {target.title}",
        None,
        (*by.sources, *sources(target.size)),
        note,
        ObligationCategory.deadline,
        f"{ctx.clause.id}-{target.id}",
    )


def _matches(director: Director, event: Event) -> bool:
    return _norm(event.data.director) in spellings(director)


def _appointment(
    ctx: ClauseContext[BoardCompositionTerms],
    appointment: Appointment,
    appointed: list[Event],
) -> tuple[TestResult | None, list[Alert], Obligation | None]:
    terms, as_of = ctx.terms, ctx.as_of
    by = ctx.dates.resolve(appointment.by)
    if not isinstance(by, ResolvedDate):
        return None, [], None
    when = {
        d.name.value: min((e.date for e in appointed if _matches(d, e)), default=None)
        for d in appointment.directors
    }
    in_time = [n for n, d in when.items() if d is not None and d <= by.day]
    late = {n: d for n, d in when.items() if d is not None and d > by.day}
    missing = [n for n, d in when.items() if d is None]
    refs = (*by.sources, *sources(*(d.name for d in appointment.directors)))
    alerts = [
        Alert(
            Severity.warning,
            f"{appointment.title}: {name} appointed {d.isoformat()}, after {by.day.isoformat()}.",
            source_ref(appointment.directors[0].name),
        )
        for name, d in late.items()
    ]
    due = None
    if missing and as_of <= by.day and by.day - as_of <= HORIZON:
        due = _appointment_due(ctx, appointment, by, missing)
    if missing and as_of <= by.day:
        return None, alerts, due  # not yet due: the obligation says who is still to come
    if missing:
        alerts.append(
            Alert(
                Severity.critical,
                f"{appointment.title}: {', '.join(missing)} not appointed by {by.day.isoformat()}.",
                source_ref(appointment.directors[0].name),
            )
        )
    n = len(appointment.directors)
    test = TestResult(
        f"appointment-{appointment.id}",
        f"{terms.title}: {appointment.title}",
        by.day,
        Basis.actual,
        Comparator.at_least,
        Unit.number,
        Decimal(n),
        Decimal(len(in_time)),
        len(in_time) == n,
        Decimal(len(in_time) - n),
        note="; ".join(
            [f"{name} appointed {d.isoformat()}" for name, d in when.items() if d is not None]
            + [f"{name} not appointed" for name in missing]
        ),
        trace=Trace(
            "directors appointed on or before the date >= directors named",
            {"by": by.day.isoformat(), **{k: v.isoformat() if v else "" for k, v in when.items()}},
            refs,
        ),
    )
    return test, alerts, due


def _appointment_due(
    ctx: ClauseContext[BoardCompositionTerms],
    appointment: Appointment,
    by: ResolvedDate,
    missing: list[str],
) -> Obligation:
    names = missing or [d.name.value for d in appointment.directors]
    note = "; ".join(by.steps) if by.steps else f"by {by.day.isoformat()}"
    if by.projected:
        note += "; projected: rests on an estimated date"
    return Obligation(
        by.day,
        f"{ctx.terms.title}: {appointment.title} ({', '.join(names)})",
        None,
        (*by.sources, *sources(*(d.name for d in appointment.directors))),
        note,
        ObligationCategory.deadline,
        f"{ctx.clause.id}-{appointment.id}",
    )


def _unmatched(terms: BoardCompositionTerms, appointed: list[Event]) -> list[Alert]:
    """An appointed name that is no spelling of a listed director but close to one: a
    misspelling is not counted, so say which name it resembles."""
    listed = [d for a in terms.appointments for d in a.directors]
    alerts = []
    for event in appointed:
        if any(_matches(d, event) for d in listed):
            continue
        written = _norm(event.data.director)
        close = [
            d.name.value
            for d in listed
            if SequenceMatcher(None, written, _norm(d.name.value)).ratio() >= CLOSE_NAME
        ]
        if close:
            alerts.append(
                Alert(
                    Severity.warning,
                    f"{event.where()}: director_appointed names {event.data.director!r}, "
                    f"which is not a listed director but resembles {close[0]!r}; it is not "
                    "counted as that director's appointment.",
                )
            )
    return alerts


CLAUSE = BoardComposition()
