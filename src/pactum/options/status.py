"""Where an option stands on a date: its window worked out from the sheet's dates, and its
status from the events recorded by then (`option_exercised` and `option_waived` naming it, and
the event its `exercised_by` names)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from pactum.business_days import BusinessCalendar
from pactum.facts.events import Event
from pactum.findings import SourceRef
from pactum.options.schema import EVENTS as OPTION_EVENTS
from pactum.options.schema import OptionsTerms, OptionTerms, each_condition
from pactum.portfolio import Agreement
from pactum.terms.named_dates import DateResolver, ResolvedDate, Unresolved

# the clause type's name (pactum.options.Options.name), which this module cannot import
OPTIONS = "options"


def options_by_id(agreement: Agreement) -> dict[str, OptionTerms]:
    """The agreement's options by id, across its `options` clauses: a lease's renewals, first
    refusals and accounting each name the option that times them."""
    return {
        option.id: option
        for clause in agreement.clauses_of(OPTIONS)
        for option in clause.terms_as(OptionsTerms).options
    }


class OptionStatus(StrEnum):
    not_yet_open = "not yet open"
    open = "open"
    exercised = "exercised"
    waived = "waived"
    lapsed = "lapsed"
    # its window opens on an event not yet recorded (no offer yet): the right has not arisen
    not_triggered = "not triggered"
    unknown = "unknown"  # its window closes on an event not recorded and not estimated


@dataclass(frozen=True)
class WindowDates:
    opens: ResolvedDate | None  # None: exercisable any time before it closes
    closes: ResolvedDate  # after the roll
    closes_unrolled: date
    # how the last day was set on the calendar: 'falls on a Saturday; not rolled', or
    # 'rolled (following) from 2004-01-31 (a Saturday)'; '' on a business day
    closes_note: str = ""

    @property
    def projected(self) -> bool:
        return self.closes.projected or (self.opens is not None and self.opens.projected)

    @property
    def steps(self) -> tuple[str, ...]:
        rolled = (self.closes_note,) if self.closes.day != self.closes_unrolled else ()
        return (*(self.opens.steps if self.opens else ()), *self.closes.steps, *rolled)

    @property
    def sources(self) -> tuple[SourceRef, ...]:
        return (*(self.opens.sources if self.opens else ()), *self.closes.sources)

    def described(self) -> str:
        opens = f"from {self.opens.day.isoformat()} " if self.opens else ""
        return f"{opens}through {self.closes.day.isoformat()}"


@dataclass(frozen=True)
class Standing:
    option: OptionTerms
    status: OptionStatus
    window: WindowDates | None
    why: str  # the reason for the status, with the event behind it
    invalid: tuple[str, ...] = ()  # `option_exercised` outside the window: alerted, ignored
    # events of `exercised_by` outside the window: no exercise, and not a purported one
    # either (a late amendment is an event of its own); the status's trace lists them
    not_exercises: tuple[str, ...] = ()
    # the day the status was settled: the exercise's or waiver's event, or the window's last
    # day for a lapse (None while it is pending or unknown)
    decided_on: date | None = None


def window_dates(
    option: OptionTerms, dates: DateResolver, calendar: BusinessCalendar
) -> WindowDates | Unresolved:
    closes = dates.resolve(option.window.closes)
    if isinstance(closes, Unresolved):
        return closes
    opens: ResolvedDate | None = None
    if option.window.opens is not None:
        found = dates.resolve(option.window.opens)
        if isinstance(found, Unresolved):
            return found
        opens = found
    rolled = calendar.roll(closes.day, option.roll.value)
    shown = closes
    note = calendar.not_rolled_note(closes.day)
    if rolled != closes.day:
        shown = ResolvedDate(rolled, closes.at, closes.projected, closes.steps, closes.sources)
        why = calendar.why_not_business_day(closes.day) or ""
        day = f"a {why}" if why in ("Saturday", "Sunday") else why
        note = f"rolled ({option.roll.value.value}) from {closes.day.isoformat()} ({day})"
    return WindowDates(opens, shown, closes.day, note)


def _waits_to_open(option: OptionTerms, dates: DateResolver) -> bool:
    """Whether the window's opening is what is not known: it opens on an event that has not
    been recorded (an offer not yet made), so the right has not arisen, rather than a window
    whose dates are merely unknown."""
    opens = option.window.opens
    return opens is not None and isinstance(dates.resolve(opens), Unresolved)


def _own(option: OptionTerms, event: Event) -> bool:
    """An `option_exercised` or `option_waived` event naming the option."""
    return event.event in OPTION_EVENTS and getattr(event.data, "option", None) == option.id


def _by_condition(option: OptionTerms, event: Event) -> bool:
    return any(c.matches(event.event, event.data) for _, c in each_condition(option.exercised_by))


def standing(
    option: OptionTerms,
    dates: DateResolver,
    calendar: BusinessCalendar,
    events: Sequence[Event],
) -> Standing:
    """The option's status on the resolver's as-of date; `events` are the agreement's.

    A window `triggered_by` an event opens on the latest such event recorded by then: each
    earlier one opened a window of its own, which an exercise settled for good (a later offer
    does not reopen it) and a lapse or waiver did not. The exercises and waivers read for a
    window are those from its event to the next (before the first, too: an exercise before
    any offer is an invalid one)."""
    trigger = option.window.triggered_by
    if trigger is None:
        return _standing_in(option, dates, calendar, events)
    triggers = sorted(
        {e.date for e in events if e.date <= dates.as_of and trigger.matches(e.event, e.data)}
    )
    if not triggers:
        # no such event yet: whatever else the window waits on, the right has not arisen
        waiting = _standing_in(option, _only(dates, trigger.event, []), calendar, events)
        if waiting.status in (OptionStatus.unknown, OptionStatus.not_triggered):
            why = f"no {trigger.described()} recorded by {dates.as_of.isoformat()}"
            return replace(waiting, status=OptionStatus.not_triggered, why=why)
        return waiting
    found: Standing | None = None
    for i, day in enumerate(triggers):
        following = triggers[i + 1] if i + 1 < len(triggers) else None
        answered = [
            e
            for e in events
            if (i == 0 or e.date >= day) and (following is None or e.date < following)
        ]
        found = _standing_in(option, _only(dates, trigger.event, [day]), calendar, answered)
        if found.status is OptionStatus.exercised:
            return found
    assert found is not None
    return found


def _only(dates: DateResolver, event: str, days: list[date]) -> DateResolver:
    """The resolver with the event's recorded dates replaced by `days` (the one event of the
    window's trigger that this window answers)."""

    def recorded(name: str) -> list[date]:
        return list(days) if name == event else dates.recorded(name)

    return DateResolver(dates.named, recorded, dates.calendar, dates.as_of)


def _standing_in(
    option: OptionTerms,
    dates: DateResolver,
    calendar: BusinessCalendar,
    events: Sequence[Event],
) -> Standing:
    as_of = dates.as_of
    window = window_dates(option, dates, calendar)
    if isinstance(window, Unresolved):
        if _waits_to_open(option, dates):
            return Standing(option, OptionStatus.not_triggered, None, window.reason)
        return Standing(option, OptionStatus.unknown, None, window.reason)
    mine = [e for e in events if e.date <= as_of and (_own(option, e) or _by_condition(option, e))]
    invalid: list[str] = []
    not_exercises: list[str] = []
    for event in sorted(mine, key=lambda e: e.date):
        own = _own(option, event)
        verb = "waived" if own and event.event == "option_waived" else "exercised"
        inside = event.date <= window.closes.day and (
            window.opens is None or event.date >= window.opens.day
        )
        if not inside and verb == "exercised":
            if own:
                invalid.append(
                    f"exercise on {event.date.isoformat()} ({event.where()}) is outside the "
                    f"window {window.described()}: not a valid exercise"
                )
            else:
                not_exercises.append(
                    f"{event.event} on {event.date.isoformat()} ({event.where()}), outside "
                    f"the window {window.described()}"
                )
            continue
        status = OptionStatus.exercised if verb == "exercised" else OptionStatus.waived
        by = "" if own else f" by {event.event}"
        return Standing(
            option,
            status,
            window,
            f"{verb}{by} on {event.date.isoformat()} ({event.where()})",
            tuple(invalid),
            tuple(not_exercises),
            event.date,
        )
    if window.opens is not None and as_of < window.opens.day:
        status, why = OptionStatus.not_yet_open, f"opens {window.opens.day.isoformat()}"
    elif as_of <= window.closes.day:
        status, why = OptionStatus.open, f"open through {window.closes.day.isoformat()}"
    else:
        status = OptionStatus.lapsed
        why = f"not exercised by {window.closes.day.isoformat()}"
    decided = window.closes.day if status is OptionStatus.lapsed else None
    return Standing(option, status, window, why, tuple(invalid), tuple(not_exercises), decided)
