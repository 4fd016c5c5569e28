"""Dates as contracts define them: fixed, from an event, or worked out from other dates.

A sheet names its dates in its header and any clause may use a name or write a rule in place:

    dates:
      closing: {value: 2008-01-18, cite: "dated as of January 18, 2008"}
      delivery: {event: delivery, estimate: {value: 2004-01-15, assumed: "the landlord's plan"}}
      commencement:
        earliest:
          - {event: opening}
          - {after: delivery, days: {value: 120, cite: "120 days after the Delivery Date"}}
      maturity: {after: closing, years: {value: 3, cite: "the third (3rd) anniversary"}}
      lease_year_1_end: {full_months: 12, from: commencement}

The rules: a date (`2003-04-01`, or `{value, cite|assumed}`); a name; `{event, estimate}`
(the first recorded event of that name, the estimate until then, which makes every figure
that depends on it projected); `{after|before: X, days|business_days|weeks|months|years: N}`;
`{start_of_month: X}`, `{end_of_month: X}`, `{start_of_next_month: X}`, `{day_before: X}`;
`{full_months: N, from: X}` (the last day of the N-th full calendar month from X);
`{earliest: [...]}`, `{latest: [...]}`; `{date: X, at: "17:00", time_zone: America/New_York}`.
Each number is a term, cited or assumed like any other; its key is its unit.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Annotated, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    ValidationInfo,
    field_validator,
    model_validator,
)

from pactum.business_days import BusinessCalendar
from pactum.dates import add_months, month_end
from pactum.findings import SourceRef
from pactum.terms.time_of_day import TimeOfDay
from pactum.terms.values import Located, Origin, Term, is_term_mapping
from pactum.terms.walk import parts

_STRICT = ConfigDict(extra="forbid", frozen=True)
DATE_NAME = r"^[a-z][a-z0-9_]*$"


class OffsetUnit(StrEnum):
    """The units an offset counts in, each the key it is written under."""

    days = "days"
    business_days = "business_days"
    weeks = "weeks"
    months = "months"
    years = "years"


# The longest span an offset may count: a century in each unit. An agreement's terms and
# renewals run decades at most; ten million days would run past year 9999 (OverflowError).
MAX_OFFSET = {
    OffsetUnit.days: 36_525,
    OffsetUnit.business_days: 26_100,
    OffsetUnit.weeks: 5_218,
    OffsetUnit.months: 1_200,
    OffsetUnit.years: 100,
}


class DateName(Located):
    """A named date of the sheet (`dates:` in its header), used by name."""

    model_config = _STRICT
    name: str = Field(pattern=DATE_NAME)

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, data: Any) -> Any:
        return {"name": data} if isinstance(data, str) else data


class EventDate(Located):
    """The date of the first recorded event of a name (events.yaml), with an estimate that
    stands until it is recorded."""

    model_config = _STRICT
    event: str = Field(pattern=DATE_NAME)
    estimate: Term[date] | None = None


class Offset(Located):
    """A count of days, business days, weeks, months or years after (or before) a date."""

    model_config = _STRICT
    after: DateRule | None = None
    before: DateRule | None = None
    days: Term[int] | None = None
    business_days: Term[int] | None = None
    weeks: Term[int] | None = None
    months: Term[int] | None = None
    years: Term[int] | None = None

    @model_validator(mode="before")
    @classmethod
    def _one_base_one_unit(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        bases = [k for k in ("after", "before") if k in data]
        if len(bases) != 1:
            raise ValueError("an offset counts from one date: `after: X` or `before: X`")
        others = set(data) - {"after", "before"}
        unknown = sorted(str(k) for k in others if k not in OffsetUnit.__members__)
        if unknown:
            raise ValueError(
                f"unknown offset unit {unknown[0]!r}: expected one of "
                + ", ".join(u.value for u in OffsetUnit)
            )
        if len(others) != 1:
            raise ValueError("an offset counts in one unit: " + ", ".join(OffsetUnit))
        return data

    @property
    def base(self) -> DateRule:
        base = self.after if self.after is not None else self.before
        assert base is not None  # the validator requires one
        return base

    @property
    def sign(self) -> int:
        return 1 if self.after is not None else -1

    @property
    def count(self) -> tuple[OffsetUnit, Term[int]]:
        for unit in OffsetUnit:
            term = getattr(self, unit.value)
            if term is not None:
                return unit, term
        raise AssertionError("the validator requires a unit")  # pragma: no cover

    @field_validator("days", "business_days", "weeks", "months", "years")
    @classmethod
    def _not_negative(cls, term: Term[int] | None, info: ValidationInfo) -> Term[int] | None:
        if term is not None and term.value < 0:
            raise ValueError("a count of 0 or more (write `before:` to count back)")
        unit = OffsetUnit(str(info.field_name))
        if term is not None and term.value > MAX_OFFSET[unit]:
            raise ValueError(f"a count from 0 to {MAX_OFFSET[unit]:,} {unit} (a century)")
        return term


class MonthEdge(Located):
    """The first or last day of a date's month, the first day of the month after it, or the
    day before it."""

    model_config = _STRICT
    start_of_month: DateRule | None = None
    end_of_month: DateRule | None = None
    start_of_next_month: DateRule | None = None
    day_before: DateRule | None = None

    @model_validator(mode="after")
    def _one(self) -> MonthEdge:
        if len(self.model_fields_set) != 1:
            raise ValueError("one of start_of_month, end_of_month, start_of_next_month, day_before")
        return self

    @property
    def edge(self) -> tuple[str, DateRule]:
        name = next(iter(self.model_fields_set))
        rule = getattr(self, name)
        assert rule is not None
        return name, rule


class FullMonths(Located):
    """The last day of the N-th full calendar month from a date: "ends on the last day of the
    twelfth full calendar month" (a month is full from its first day; from the 1st, the month
    itself is the first)."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
    full_months: Term[int]
    start: DateRule = Field(alias="from")

    @field_validator("full_months")
    @classmethod
    def _at_least_one(cls, term: Term[int]) -> Term[int]:
        if term.value < 1:
            raise ValueError("a number of full months, 1 or more")
        return term


class Extreme(Located):
    """The earliest or the latest of several dates."""

    model_config = _STRICT
    earliest: list[DateRule] | None = Field(None, min_length=1)
    latest: list[DateRule] | None = Field(None, min_length=1)

    @model_validator(mode="after")
    def _one(self) -> Extreme:
        if (self.earliest is None) == (self.latest is None):
            raise ValueError("either `earliest: [...]` or `latest: [...]`")
        return self


class Clock(Located):
    """A time of day on a date, in a time zone: "5:00 p.m. (New York City time)"."""

    model_config = _STRICT
    date: DateRule  # not `on`, which YAML reads as true
    at: Term[TimeOfDay]  # as the contract writes it: 17:00, 5:00 p.m.
    time_zone: Term[str]

    @field_validator("time_zone")
    @classmethod
    def _known_zone(cls, term: Term[str]) -> Term[str]:
        try:
            ZoneInfo(term.value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(
                f"unknown time zone {term.value!r}: expected an IANA name, e.g. America/New_York"
            ) from None
        return term


_RULE_KEYS: dict[str, str] = {
    "value": "fixed",
    "event": "event",
    "after": "offset",
    "before": "offset",
    "start_of_month": "edge",
    "end_of_month": "edge",
    "start_of_next_month": "edge",
    "day_before": "edge",
    "full_months": "full_months",
    "earliest": "extreme",
    "latest": "extreme",
    "date": "clock",
}
_RULE_TYPES: dict[str, type[BaseModel]] = {
    "name": DateName,
    "event": EventDate,
    "offset": Offset,
    "edge": MonthEdge,
    "full_months": FullMonths,
    "extreme": Extreme,
    "clock": Clock,
}


def _rule_tag(data: Any) -> str | None:
    """Which rule a written date is, by its form: a date, a name, or a mapping's keys. (The
    tag has brackets, as a union branch's name has, so that an error's field leaves it out.)"""
    return None if (kind := _rule_kind(data)) is None else f"rule[{kind}]"


def _rule_kind(data: Any) -> str | None:
    if isinstance(data, date) and not isinstance(data, datetime):
        return "fixed"
    if isinstance(data, str):
        return "name"
    if isinstance(data, Term):
        return "fixed"
    for kind, model in _RULE_TYPES.items():
        if isinstance(data, model):
            return kind
    if isinstance(data, dict):
        if is_term_mapping(data):
            return "fixed"
        for key in data:
            if key in _RULE_KEYS:
                return _RULE_KEYS[key]
    return None  # pydantic reports: not one of the forms


DateRule = Annotated[
    Annotated[Term[date], Tag("rule[fixed]")]
    | Annotated[DateName, Tag("rule[name]")]
    | Annotated[EventDate, Tag("rule[event]")]
    | Annotated[Offset, Tag("rule[offset]")]
    | Annotated[MonthEdge, Tag("rule[edge]")]
    | Annotated[FullMonths, Tag("rule[full_months]")]
    | Annotated[Extreme, Tag("rule[extreme]")]
    | Annotated[Clock, Tag("rule[clock]")],
    Discriminator(
        _rule_tag,
        custom_error_type="date_rule",
        custom_error_message=(
            "a date (YYYY-MM-DD), a named date, or a rule: event, after/before, "
            "start_of_month, end_of_month, start_of_next_month, day_before, full_months, "
            "earliest, latest, date/at"
        ),
    ),
]

for _model in (Offset, MonthEdge, FullMonths, Extreme, Clock):
    _model.model_rebuild()


# ---- periods ----


class DatePeriod(Located):
    """A span of days, both ends included: `{start: X, end: Y}` (an end that waits on an event
    leaves the period open until the event is recorded: "until the Construction Period
    ends"), or `{first_full_months: N, from: X}` ("the first twelve (12) full calendar months
    after the Commencement Date": from the first day of the first full month on or after X
    through the last day of the N-th)."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
    start: DateRule | None = None
    end: DateRule | None = None
    first_full_months: Term[int] | None = None
    start_from: DateRule | None = Field(None, alias="from")

    @model_validator(mode="after")
    def _one_form(self) -> DatePeriod:
        months = self.first_full_months is not None or self.start_from is not None
        ends = self.start is not None or self.end is not None
        if months == ends:
            raise ValueError(
                "either `start` and/or `end`, or `first_full_months: N` with `from: X`"
            )
        if months and (self.first_full_months is None or self.start_from is None):
            raise ValueError("`first_full_months: N` and `from: X` go together")
        if self.first_full_months is not None and self.first_full_months.value < 1:
            raise ValueError("a number of full months, 1 or more")
        return self


@dataclass(frozen=True)
class ResolvedPeriod:
    """A period worked out on an as-of date; an end of None: open (it waits on an event)."""

    start: date | None
    end: date | None
    projected: bool
    steps: tuple[str, ...]

    def holds(self, day: date) -> bool:
        return (self.start is None or day >= self.start) and (self.end is None or day <= self.end)

    def described(self) -> str:
        start = self.start.isoformat() if self.start else "the beginning"
        end = self.end.isoformat() if self.end else "an event not yet recorded"
        return f"{start} through {end}" + (" (projected)" if self.projected else "")


# ---- a clause's date term written as a rule ----


class RuleTerm(Term[date]):
    """A date term of a clause written as a rule (`maturity: {after: closing, years: 3}`):
    its value is the rule worked out, on loading from the estimates alone, and afresh on each
    as-of date a clause is evaluated on (see `with_dates_on`), so that clause code reads
    `term.value` as for any date."""

    rule: DateRule
    projected: bool = False
    worked_out: tuple[str, ...] = ()

    @model_validator(mode="before")
    @classmethod
    def _wrap_plain(cls, data: Any) -> Any:
        # the rule as written; the value is set once the sheet's dates are known
        return (
            data if isinstance(data, dict) and "rule" in data else {"rule": data, "value": date.min}
        )

    def source_ref(self) -> SourceRef | None:
        at = self.origin or Origin("", (), None)
        how = "; ".join(self.worked_out) or "a rule over the sheet's dates"
        state = "projected, " if self.projected else ""
        return SourceRef(at.sheet, at.path, at.line, None, f"{state}worked out: {how}")


def is_date_rule(data: Any) -> bool:
    """Whether raw YAML is a date rule written as a mapping (`{after: closing, years: 3}`)."""
    return isinstance(data, dict) and _rule_kind(data) not in (None, "fixed")


def _date_term_tag(data: Any) -> str:
    kind = _rule_kind(data)
    return "rule" if kind is not None and kind != "fixed" else "term"


# a clause's date: a date as written (`{value, cite}`) or a rule over the sheet's dates
DateTerm = Annotated[
    Annotated[Term[date], Tag("term")] | Annotated[RuleTerm, Tag("rule")],
    Discriminator(_date_term_tag),
]


def has_rule_terms(node: Any) -> bool:
    return any(isinstance(part, RuleTerm) for part in models_in(node))


def with_dates_on(node: Any, dates: DateResolver) -> Any:
    """`node` (a clause's terms) with each date written as a rule worked out by `dates`; the
    same object when it has none. Raises `DateError` for a date out of range and
    `UnresolvedDate` for one that waits on an event with no estimate."""
    if isinstance(node, RuleTerm):
        found = dates.resolve(node.rule)
        if isinstance(found, Unresolved):
            raise UnresolvedDate(found.reason)
        return node.model_copy(
            update={"value": found.day, "projected": found.projected, "worked_out": found.steps}
        )
    if isinstance(node, BaseModel):
        changed = {}
        for name in type(node).model_fields:
            child = getattr(node, name)
            new = with_dates_on(child, dates)
            if new is not child:
                changed[name] = new
        return node.model_copy(update=changed) if changed else node
    if isinstance(node, dict):
        items = {key: with_dates_on(child, dates) for key, child in node.items()}
        same = all(items[key] is child for key, child in node.items())
        return node if same else items
    if isinstance(node, list | tuple):
        children = [with_dates_on(child, dates) for child in node]
        if all(new is old for new, old in zip(children, node, strict=True)):
            return node
        return children if isinstance(node, list) else tuple(children)
    return node


class UnresolvedDate(ValueError):
    """A clause's date that waits on an event not recorded, with no estimate."""


# ---- walking a sheet's rules ----


def models_in(node: Any) -> Iterator[BaseModel]:
    """Every model in a validated model (itself included), at any depth."""
    return (part for _, part in parts(node) if isinstance(part, BaseModel))


_RULE_PARTS = (DateName, EventDate, Offset, MonthEdge, FullMonths, Extreme, Clock, DatePeriod)


def rules_in(node: Any) -> Iterator[BaseModel]:
    """Every date rule part (names, events, offsets, ...) in a validated model, at any depth."""
    return (part for part in models_in(node) if isinstance(part, _RULE_PARTS))


def names_used(rule: Any) -> set[str]:
    return {part.name for part in rules_in(rule) if isinstance(part, DateName)}


def events_read(node: Any) -> set[str]:
    """The events whose recorded dates a sheet's dates read."""
    return {part.event for part in rules_in(node) if isinstance(part, EventDate)}


def definition_cycle(dates: Mapping[str, Any]) -> list[str] | None:
    """A named date defined through itself, as the chain of names (a, b, a); None if none."""
    done: set[str] = set()

    def visit(name: str, chain: list[str]) -> list[str] | None:
        if name in chain:
            return [*chain[chain.index(name) :], name]
        if name in done or name not in dates:
            return None
        for used in sorted(names_used(dates[name])):
            cycle = visit(used, [*chain, name])
            if cycle:
                return cycle
        done.add(name)
        return None

    for name in sorted(dates):
        cycle = visit(name, [])
        if cycle:
            return cycle
    return None


# ---- working a date out ----


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


def _derived(base: ResolvedDate, day: date, step: str, source: SourceRef | None) -> ResolvedDate:
    return ResolvedDate(
        day,
        None,
        base.projected,
        (*base.steps, step),
        (*base.sources, source) if source else base.sources,
    )
