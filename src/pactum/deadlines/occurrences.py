"""When each deadline falls due: its triggers (period ends, a date, events, notices given),
the count of calendar or business days after each, the condition on the trigger's day, and
the roll."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from pactum.business_days import BusinessCalendar, Roll
from pactum.dates import Recurrence, period_ends
from pactum.deadlines.schema import Condition, Deadline, EventState
from pactum.facts.dated_snapshots import InForce
from pactum.findings import NoticeFinding, SourceRef
from pactum.terms.named_dates import DateResolver, ResolvedDate
from pactum.terms.values import source_ref

# how far before a window a trigger may lie and still fall due in it: the longest count the
# schema takes (3660 days), in business days at most twice as long in calendar days
_LOOK_BACK = timedelta(days=2 * 3660 + 30)


@dataclass(frozen=True)
class Trigger:
    """One occasion a deadline runs from."""

    day: date
    label: str  # "the month ended 2003-11-30", "notice of default given 2004-01-05"
    key: str  # stable: the deadline's id with this, e.g. "2003-11"
    projected: bool = False
    sources: tuple[SourceRef, ...] = ()


@dataclass(frozen=True)
class Occurrence:
    """A deadline falling due, or not required because its condition does not hold."""

    deadline: Deadline
    trigger: Trigger
    due: date
    unrolled: date  # before the roll
    required: bool
    why_not: str = ""  # when not required


def due_after(trigger: date, deadline: Deadline, calendar: BusinessCalendar) -> date:
    """The unrolled due date: N calendar or business days after the trigger (the count
    starts on the day after it, whatever that day is)."""
    within = deadline.within
    if within is None:
        return trigger
    if within.business_days is not None:
        return calendar.add_business_days(trigger, within.business_days.value)
    return trigger + timedelta(days=within.count.value)


def triggers(
    deadline: Deadline,
    dates: DateResolver,
    event_dates: Sequence[date],
    notices: Sequence[NoticeFinding],
    start: date,
    end: date,
    fy_end_month: int,
) -> Iterator[Trigger]:
    """The deadline's triggers from `start` to `end`, as known on the resolver's as-of date."""
    after = deadline.after
    if after.every is not None:
        during = dates.period(deadline.during) if deadline.during is not None else None
        lo, hi = _within_during(deadline, dates, start, end)
        skip_year_end = after.except_fiscal_year_end is not None and (
            after.except_fiscal_year_end.value
        )
        for day in period_ends(after.every.value, lo, hi, fy_end_month):
            if skip_year_end and day.month == fy_end_month:
                continue  # "each of the first three fiscal quarters"
            label = {
                Recurrence.month_end: f"the month ended {day.isoformat()}",
                Recurrence.quarter_end: f"the fiscal quarter ended {day.isoformat()}",
                Recurrence.fiscal_year_end: f"the fiscal year ended {day.isoformat()}",
            }[after.every.value]
            ref = source_ref(after.every)
            # within a period whose bounds rest on estimates, the occurrence may not come
            projected = during is not None and during.projected
            yield Trigger(day, label, day.isoformat(), projected, (ref,) if ref else ())
    elif after.weekly is not None:
        lo, hi = _within_during(deadline, dates, start, end)
        weekday = after.weekly.value.number
        day = lo + timedelta(days=(weekday - lo.weekday()) % 7)
        ref = source_ref(after.weekly)
        while day <= hi:
            yield Trigger(
                day,
                f"the week of {day.isoformat()}",
                day.isoformat(),
                sources=(ref,) if ref else (),
            )
            day += timedelta(days=7)
    elif after.date is not None:
        found = dates.resolve(after.date)
        if isinstance(found, ResolvedDate) and start <= found.day <= end:
            yield Trigger(
                found.day,
                "; ".join(found.steps) or found.day.isoformat(),
                found.day.isoformat(),
                found.projected,
                found.sources,
            )
    elif after.event is not None:
        for day in event_dates:
            if start <= day <= end:
                yield Trigger(day, f"{after.event} recorded {day.isoformat()}", day.isoformat())
    elif after.notice is not None:
        for notice in notices:
            given = notice.deemed_given
            if notice.about == after.notice and given is not None and start <= given <= end:
                verb = "deemed given" if given <= dates.as_of else "to be deemed given"
                yield Trigger(
                    given,
                    f"notice of {after.notice} {verb} {given.isoformat()}",
                    given.isoformat(),
                    sources=notice.sources,
                )


def _within_during(
    deadline: Deadline, dates: DateResolver, start: date, end: date
) -> tuple[date, date]:
    """The part of `start` to `end` within the deadline's `during` period, if it has one."""
    during = dates.period(deadline.during) if deadline.during is not None else None
    lo = max(start, during.start) if during and during.start else start
    hi = min(end, during.end) if during and during.end else end
    return lo, hi


def condition_holds(condition: Condition, on: date, loans: InForce) -> tuple[bool, str]:
    """Whether the condition holds on a day, and what it was read from."""
    if condition is Condition.advances_outstanding:
        balance = loans.in_force("revolver_outstanding", on)
        if balance is None:
            # unknown: listed as required, and the note says why
            return True, f"no loan balance reported on or before {on.isoformat()}"
        if balance.amount > 0:
            return True, f"outstanding {balance.amount:,.2f} at {balance.as_of.isoformat()}"
        return False, f"nothing outstanding at {balance.as_of.isoformat()}"
    raise AssertionError(condition)  # pragma: no cover


def state_holds(
    state: EventState, on: date, recorded: Mapping[str, Sequence[date]]
) -> tuple[bool, str]:
    """Whether the events' state holds on a day (its latest `after` event on or before it,
    and no `until` event since), and what it was read from."""
    began = [d for d in recorded.get(state.after, ()) if d <= on]
    if not began:
        return False, f"no {state.after} recorded by {on.isoformat()}"
    since = max(began)
    ended = [d for d in recorded.get(state.until, ()) if since <= d <= on] if state.until else []
    if ended:
        return False, f"{state.until} recorded {max(ended).isoformat()}, after {state.after}"
    return True, f"since {state.after} recorded {since.isoformat()}"


def occurrences(
    deadline: Deadline,
    dates: DateResolver,
    calendar: BusinessCalendar,
    loans: InForce,
    event_dates: Sequence[date],
    notices: Sequence[NoticeFinding],
    start: date,
    end: date,
    fy_end_month: int,
    state_events: Mapping[str, Sequence[date]] | None = None,
    figure_holds: Callable[[Deadline, date], tuple[bool, str]] | None = None,
) -> list[Occurrence]:
    """The deadline's occurrences due from `start` to `end` (both included), after the roll;
    `state_events`: the dates of the events its `while_event` reads, as known now;
    `figure_holds`: whether its `while_figure` holds on a day, and what it read."""
    state_events = state_events or {}
    roll: Roll = deadline.roll.value
    found = []
    for trigger in triggers(
        deadline, dates, event_dates, notices, start - _LOOK_BACK, end, fy_end_month
    ):
        unrolled = due_after(trigger.day, deadline, calendar)
        due = calendar.roll(unrolled, roll)
        if not start <= due <= end:
            continue
        required, why = True, ""
        # a period not yet ended is read on what is known now: no fact from the future
        read_on = min(trigger.day, dates.as_of)
        if deadline.only_while is not None:
            required, why = condition_holds(deadline.only_while.value, read_on, loans)
        if required and deadline.while_event is not None:
            required, why = state_holds(deadline.while_event, read_on, state_events)
        if required and deadline.while_figure is not None and figure_holds is not None:
            required, why = figure_holds(deadline, read_on)
        if why and read_on < trigger.day:
            why += f" (known on {read_on.isoformat()}; projected)"
        found.append(Occurrence(deadline, trigger, due, unrolled, required, why))
    return found
