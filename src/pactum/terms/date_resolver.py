"""Working a date out on an as-of date: from the sheet's named dates, the events recorded by
then (an estimate stands in for one not yet recorded, and makes the date projected) and the
agreement's business calendar."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from pactum.business_days import BusinessCalendar
from pactum.dates import add_months, month_end
from pactum.findings import SourceRef
from pactum.terms.date_rules import (
    Clock,
    DateName,
    DatePeriod,
    EventDate,
    Extension,
    ExtensionCondition,
    Extreme,
    FullMonths,
    MonthEdge,
    Offset,
    OffsetUnit,
)
from pactum.terms.values import Term


@dataclass(frozen=True)
class ResolvedDate:
    """A date worked out from its rule on an as-of date: the day (and the time of day, for a
    clock), whether it rests on an estimate of an event not yet recorded, and how it was
    worked out."""

    day: date
    at: datetime | None = None  # with its time zone, for a clock
    projected: bool = False
    steps: tuple[str, ...] = ()
    sources: tuple[SourceRef, ...] = ()

    def described(self) -> str:
        shown = self.at.strftime("%Y-%m-%d %H:%M %Z") if self.at else self.day.isoformat()
        return shown + (" (projected)" if self.projected else "")


@dataclass(frozen=True)
class Unresolved:
    """A date that cannot be known yet: an event not recorded and no estimate given."""

    reason: str


class DateError(ValueError):
    """A date out of the calendar's range (an offset of ten million days)."""


RecordedEvents = Callable[[str], list[date]]


@dataclass(frozen=True)
class DateResolver:
    """Works out dates on an as-of date from the sheet's named dates, the agreement's
    recorded events (only those on or before the as-of date are known) and its business
    calendar."""

    named: Mapping[str, Any]
    recorded: RecordedEvents
    calendar: BusinessCalendar
    as_of: date
    _cache: dict[str, ResolvedDate | Unresolved] = field(default_factory=dict, compare=False)

    def named_date(self, name: str) -> ResolvedDate | Unresolved:
        if name not in self._cache:
            rule = self.named.get(name)
            if rule is None:
                return Unresolved(f"no date named {name!r}")
            found = self.resolve(rule)
            if isinstance(found, ResolvedDate):
                found = ResolvedDate(
                    found.day,
                    found.at,
                    found.projected,
                    (*found.steps, f"{name} = {found.described()}"),
                    found.sources,
                )
            self._cache[name] = found
        return self._cache[name]

    def resolve(self, rule: Any) -> ResolvedDate | Unresolved:
        try:
            return self._resolve(rule)
        except (OverflowError, ValueError) as exc:
            raise DateError(f"a date out of range ({exc})") from None

    def _resolve(self, rule: Any) -> ResolvedDate | Unresolved:
        if isinstance(rule, Term):
            ref = rule.source_ref()
            return ResolvedDate(rule.value, sources=(ref,) if ref else ())
        if isinstance(rule, DateName):
            return self.named_date(rule.name)
        if isinstance(rule, EventDate):
            return self._event(rule)
        if isinstance(rule, Offset):
            return self._offset(rule)
        if isinstance(rule, MonthEdge):
            return self._edge(rule)
        if isinstance(rule, FullMonths):
            return self._full_months(rule)
        if isinstance(rule, Extreme):
            return self._extreme(rule)
        if isinstance(rule, Clock):
            return self._clock(rule)
        if isinstance(rule, Extension):
            return self._extension(rule)
        raise TypeError(f"not a date rule: {rule!r}")  # pragma: no cover

    def period(self, period: DatePeriod) -> ResolvedPeriod:
        """The period's first and last days as known on the as-of date."""
        try:
            return self._period(period)
        except (OverflowError, ValueError) as exc:
            raise DateError(f"a date out of range ({exc})") from None

    def _period(self, period: DatePeriod) -> ResolvedPeriod:
        if period.first_full_months is not None and period.start_from is not None:
            base = self._resolve(period.start_from)
            if isinstance(base, Unresolved):
                return ResolvedPeriod(None, None, True, (base.reason,))
            d = base.day
            first = d if d.day == 1 else month_end(d) + timedelta(days=1)
            n = period.first_full_months.value
            last = month_end(add_months(first, n - 1))
            step = f"the first {n} full calendar months from {d} = {first} through {last}"
            return ResolvedPeriod(first, last, base.projected, (*base.steps, step))
        ends = [
            None if rule is None else self._resolve(rule) for rule in (period.start, period.end)
        ]
        days = [f.day if isinstance(f, ResolvedDate) else None for f in ends]
        found = [f for f in ends if f is not None]
        projected = any(isinstance(f, Unresolved) or f.projected for f in found)
        steps = tuple(
            s for f in found for s in (f.steps if isinstance(f, ResolvedDate) else (f.reason,))
        )
        return ResolvedPeriod(days[0], days[1], projected, steps)

    def _event(self, rule: EventDate) -> ResolvedDate | Unresolved:
        known = [d for d in self.recorded(rule.event) if d <= self.as_of]
        if known:
            day = min(known)
            return ResolvedDate(day, steps=(f"{rule.event} recorded on {day.isoformat()}",))
        if rule.estimate is None:
            return Unresolved(f"no {rule.event} event recorded by {self.as_of.isoformat()}")
        ref = rule.estimate.source_ref()
        return ResolvedDate(
            rule.estimate.value,
            projected=True,
            steps=(
                f"{rule.event} not recorded by {self.as_of.isoformat()}: "
                f"estimated {rule.estimate.value.isoformat()}",
            ),
            sources=(ref,) if ref else (),
        )

    def _offset(self, rule: Offset) -> ResolvedDate | Unresolved:
        base = self._resolve(rule.base)
        if isinstance(base, Unresolved):
            return base
        unit, term = rule.count
        n = term.value * rule.sign
        day = base.day
        if unit is OffsetUnit.days:
            day = day + timedelta(days=n)
        elif unit is OffsetUnit.weeks:
            day = day + timedelta(weeks=n)
        elif unit is OffsetUnit.months:
            day = add_months(day, n)
        elif unit is OffsetUnit.years:
            day = add_months(day, 12 * n)
        else:
            day = self._business_days(day, n)
        word = unit.value.replace("_", " ")
        step = f"{term.value} {word} {'after' if n >= 0 else 'before'} {base.day} = {day}"
        return _derived(base, day, step, term.source_ref())

    def _business_days(self, day: date, n: int) -> date:
        """The n-th business day after `day` (before it when n < 0): the count starts on the
        day after, whatever `day` is."""
        step = timedelta(days=1 if n >= 0 else -1)
        remaining = abs(n)
        while remaining:
            day += step
            if self.calendar.is_business_day(day):
                remaining -= 1
        return day

    def _edge(self, rule: MonthEdge) -> ResolvedDate | Unresolved:
        name, inner = rule.edge
        base = self._resolve(inner)
        if isinstance(base, Unresolved):
            return base
        d = base.day
        if name == "start_of_month":
            day = d.replace(day=1)
        elif name == "end_of_month":
            day = month_end(d)
        elif name == "start_of_next_month":
            day = month_end(d) + timedelta(days=1)
        else:
            day = d - timedelta(days=1)
        return _derived(base, day, f"{name.replace('_', ' ')} {d} = {day}", None)

    def _full_months(self, rule: FullMonths) -> ResolvedDate | Unresolved:
        base = self._resolve(rule.start)
        if isinstance(base, Unresolved):
            return base
        first = base.day if base.day.day == 1 else month_end(base.day) + timedelta(days=1)
        n = rule.full_months.value
        day = month_end(add_months(first, n - 1))
        step = f"last day of the {n}th full calendar month from {base.day} = {day}"
        return _derived(base, day, step, rule.full_months.source_ref())

    def _extreme(self, rule: Extreme) -> ResolvedDate | Unresolved:
        earliest = rule.earliest is not None
        items = rule.earliest if rule.earliest is not None else rule.latest or []
        found = [self._resolve(item) for item in items]
        known = [f for f in found if isinstance(f, ResolvedDate)]
        missing = [f for f in found if isinstance(f, Unresolved)]
        settled = [f for f in known if not f.projected and f.day <= self.as_of]
        if earliest and settled:
            # an unrecorded event can only happen after the as-of date, later than these
            chosen = min(settled, key=lambda f: f.day)
        elif missing and not (earliest and known):
            # the latest waits on every date; the earliest of dates none of which is known
            return missing[0]
        else:
            # an unrecorded event can only bring the earliest forward: until it is recorded,
            # the earliest of the known dates stands, projected ("the earliest of 180 days
            # after the Effective Date and the opening" is at most those 180 days)
            chosen = (min if earliest else max)(known, key=lambda f: f.day)
        word = "earliest" if earliest else "latest"
        considered = ", ".join(f.described() for f in known)
        # the latest waits on every estimate; the earliest on those that could still come
        # first (any estimate or unrecorded event, unless the chosen date has already passed)
        waits = any(f.projected for f in known) or bool(missing)
        projected = chosen.projected or (waits and (not earliest or chosen.day > self.as_of))
        unknown = tuple(f"{m.reason}: it could only come earlier" for m in missing)
        return ResolvedDate(
            chosen.day,
            chosen.at,
            projected,
            (
                *(s for f in known for s in f.steps),
                *unknown,
                f"{word} of {considered} = {chosen.day}",
            ),
            tuple(s for f in known for s in f.sources),
        )

    def _clock(self, rule: Clock) -> ResolvedDate | Unresolved:
        base = self._resolve(rule.date)
        if isinstance(base, Unresolved):
            return base
        zone = ZoneInfo(rule.time_zone.value)
        at = datetime.combine(base.day, rule.at.value, tzinfo=zone)
        sources = tuple(ref for ref in (rule.at.source_ref(), rule.time_zone.source_ref()) if ref)
        return ResolvedDate(
            base.day,
            at,
            base.projected,
            (*base.steps, f"{rule.at.value.strftime('%H:%M')} {zone.key} on {base.day}"),
            (*base.sources, *sources),
        )

    def _extension(self, rule: Extension) -> ResolvedDate | Unresolved:
        base = self._resolve(rule.ends)
        if isinstance(base, Unresolved):
            return base
        # once the day it would end has passed (on a date not itself an estimate), no event
        # recorded later counts: the extension is settled
        settled = self.as_of >= base.day and not base.projected
        states: list[_ConditionState] = []
        for condition in rule.conditions:
            state = self._condition(condition, base.day, settled)
            if isinstance(state, Unresolved):
                return state
            states.append(state)
        by = f"on or before {base.day}"
        extends_on_event = rule.if_any is not None
        holding = [s for s in states if s.holds]
        # decided: a condition met for good, or every condition failed for good
        decided = (
            settled
            or any(s.decided for s in holding)
            or all(s.decided and not s.holds for s in states)
        )
        outcome = "extended" if extends_on_event == bool(holding) else "not extended"
        if all(c.event is not None for c in rule.conditions):
            names = " or ".join(c.described for c in rule.conditions)
            if holding:
                step = ", ".join(s.text for s in holding) + f", {by}: {outcome}"
            elif settled:
                step = f"no {names} {by}: {outcome}"
            else:
                # not known yet: the period as it stands without any event, projected
                step = (
                    f"no {names} recorded by {self.as_of}: ends {base.day} unless one is, {by}"
                    if extends_on_event
                    else f"no {names} recorded by {self.as_of}: extended unless one is, {by}"
                )
        else:
            found = "; ".join(s.text for s in (holding or states))
            step = (
                f"{found}, {by}: {outcome}"
                if decided
                else f"{found}, as of {self.as_of}: {outcome} unless that changes {by}"
            )
        hits = holding
        extended = bool(hits) == extends_on_event
        if not extended:
            return ResolvedDate(
                base.day,
                base.at,
                base.projected or not decided,
                (*base.steps, step),
                base.sources,
            )
        target = self._resolve(rule.extended_to)
        if isinstance(target, Unresolved):
            return target
        return ResolvedDate(
            target.day,
            target.at,
            target.projected or not decided,
            (*base.steps, step, *target.steps, f"extended to {target.described()}"),
            (*base.sources, *target.sources),
        )

    def _condition(
        self, condition: ExtensionCondition, day: date, settled: bool
    ) -> _ConditionState | Unresolved:
        """Whether the condition holds as of `day` on what is recorded by the as-of date, and
        whether that can still change: a recorded event stays recorded, an absence is known
        only once the day has passed."""
        parts: list[str] = []
        met: list[bool] = []
        final: list[bool] = []
        for requirement in condition.requirements:
            since = None if requirement.since is None else self._resolve(requirement.since)
            if isinstance(since, Unresolved):
                return since
            days = [
                d
                for d in self.recorded(requirement.name)
                if d <= self.as_of and d <= day and (since is None or d >= since.day)
            ]
            if days:
                parts.append(f"{requirement.name} recorded {min(days)}")
            elif requirement.wanted:
                parts.append(f"{requirement.name} not recorded")
            else:
                parts.append(f"no {requirement.name}")
            met.append(bool(days) == requirement.wanted)
            final.append(bool(days) or settled)
        holds = all(met)
        # met for good when every part is final; failed for good when a failing part is
        decided = all(final) if holds else any(f for m, f in zip(met, final, strict=True) if not m)
        if condition.event is not None:
            return _ConditionState(holds, decided, parts[0])
        verdict = "met" if holds else "not met"
        return _ConditionState(holds, decided, f"all of ({', '.join(parts)}) {verdict}")


@dataclass(frozen=True)
class _ConditionState:
    """An extension's condition as of the day the period would end: whether it holds,
    whether that is final, and what was found."""

    holds: bool
    decided: bool
    text: str


def _derived(base: ResolvedDate, day: date, step: str, source: SourceRef | None) -> ResolvedDate:
    return ResolvedDate(
        day,
        None,
        base.projected,
        (*base.steps, step),
        (*base.sources, source) if source else base.sources,
    )


@dataclass(frozen=True)
class ResolvedPeriod:
    """A period worked out on an as-of date; an end of None: open (it waits on an event)."""

    start: date | None
    end: date | None
    projected: bool
    steps: tuple[str, ...]

    def holds(self, day: date) -> bool:
        return (self.start is None or day >= self.start) and (self.end is None or day <= self.end)
