"""Where an option stands on a date: its window worked out from the sheet's dates, and its
status from the events recorded by then."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from pactum.business_days import BusinessCalendar
from pactum.facts.events import Event
from pactum.findings import SourceRef
from pactum.options.schema import OptionTerms
from pactum.terms.named_dates import DateResolver, ResolvedDate, Unresolved


class OptionStatus(StrEnum):
    not_yet_open = "not yet open"
    open = "open"
    exercised = "exercised"
    waived = "waived"
    lapsed = "lapsed"
    unknown = "unknown"  # its window waits on an event not recorded and not estimated


@dataclass(frozen=True)
class WindowDates:
    opens: ResolvedDate | None  # None: exercisable any time before it closes
    closes: ResolvedDate  # after the roll
    closes_unrolled: date

    @property
    def projected(self) -> bool:
        return self.closes.projected or (self.opens is not None and self.opens.projected)

    @property
    def steps(self) -> tuple[str, ...]:
        return (*(self.opens.steps if self.opens else ()), *self.closes.steps)

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
    invalid: tuple[str, ...] = ()  # exercises or waivers outside the window, ignored


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
    if rolled != closes.day:
        shown = ResolvedDate(
            rolled,
            closes.at,
            closes.projected,
            (*closes.steps, f"rolled ({option.roll.value.value}) to {rolled.isoformat()}"),
            closes.sources,
        )
    return WindowDates(opens, shown, closes.day)


def standing(
    option: OptionTerms,
    dates: DateResolver,
    calendar: BusinessCalendar,
    events: list[Event],
) -> Standing:
    """The option's status on the resolver's as-of date."""
    as_of = dates.as_of
    window = window_dates(option, dates, calendar)
    if isinstance(window, Unresolved):
        return Standing(option, OptionStatus.unknown, None, window.reason)
    mine = [e for e in events if e.date <= as_of and e.data.option == option.id]
    invalid: list[str] = []
    for event in sorted(mine, key=lambda e: e.date):
        verb = "exercised" if event.event == "option_exercised" else "waived"
        inside = event.date <= window.closes.day and (
            window.opens is None or event.date >= window.opens.day
        )
        if not inside and verb == "exercised":
            invalid.append(
                f"exercise on {event.date.isoformat()} ({event.where()}) is outside the "
                f"window {window.described()}: not a valid exercise"
            )
            continue
        status = OptionStatus.exercised if verb == "exercised" else OptionStatus.waived
        return Standing(
            option,
            status,
            window,
            f"{verb} on {event.date.isoformat()} ({event.where()})",
            tuple(invalid),
        )
    if window.opens is not None and as_of < window.opens.day:
        status, why = OptionStatus.not_yet_open, f"opens {window.opens.day.isoformat()}"
    elif as_of <= window.closes.day:
        status, why = OptionStatus.open, f"open through {window.closes.day.isoformat()}"
    else:
        status = OptionStatus.lapsed
        why = f"not exercised by {window.closes.day.isoformat()}"
    return Standing(option, status, window, why, tuple(invalid))
