"""The rules a contract's dates are written in, as a sheet writes them: a date, a name, an
event with an estimate, an offset, a month edge, full calendar months, the earliest or latest
of several, a time of day in a zone; and periods. Checked when the sheet is loaded; worked out
by `pactum.terms.date_resolver`."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date, datetime
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

from pactum.terms.time_of_day import TimeOfDay
from pactum.terms.values import Located, Term, is_term_mapping
from pactum.terms.walk import models

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


class Requirement(Located):
    """One of the conditions that must all hold on the day a period would end: an event
    recorded by then (`event: X`: "the Company has confirmed ...") or none recorded
    (`no_event: X`: "between the date of this Agreement and [that day], the Company has not
    issued ..."); with `since`, only events on or after that date count."""

    model_config = _STRICT
    event: str | None = Field(None, pattern=DATE_NAME)
    no_event: str | None = Field(None, pattern=DATE_NAME)
    since: DateRule | None = None

    @model_validator(mode="after")
    def _one(self) -> Requirement:
        if (self.event is None) == (self.no_event is None):
            raise ValueError("either `event: X` (recorded by then) or `no_event: X` (none by then)")
        return self

    @property
    def name(self) -> str:
        found = self.event if self.event is not None else self.no_event
        assert found is not None  # the validator requires one
        return found

    @property
    def wanted(self) -> bool:
        """Whether the condition holds when the event is recorded (`event`) or when it is
        not (`no_event`)."""
        return self.event is not None


class ExtensionCondition(Located):
    """What decides an automatic extension: an event recorded on or before the date the
    period would otherwise end (and, with `since`, not before that date); or `all_of` several
    conditions holding as of that date ("as of the ... Window Date, all of the following
    conditions have been met")."""

    model_config = _STRICT
    event: str | None = Field(None, pattern=DATE_NAME)
    since: DateRule | None = None
    all_of: list[Requirement] | None = Field(None, min_length=1)

    @model_validator(mode="after")
    def _one(self) -> ExtensionCondition:
        if (self.event is None) == (self.all_of is None):
            raise ValueError("either `event: X` or `all_of: [{event: X}, {no_event: Y}, ...]`")
        if self.all_of is not None and self.since is not None:
            raise ValueError("`since` goes with `event`, or with each condition of `all_of`")
        return self

    @property
    def requirements(self) -> list[Requirement]:
        """The conditions that must all hold: one event's, or those of `all_of`."""
        if self.all_of is not None:
            return self.all_of
        return [Requirement(event=self.event, since=self.since)]

    @property
    def described(self) -> str:
        if self.event is not None:
            return self.event
        return (
            "all of ("
            + ", ".join(r.name if r.wanted else f"no {r.name}" for r in self.requirements)
            + ")"
        )


class Extension(Located):
    """A date that moves to a later one automatically: `if_any` of the events is recorded by
    the date it would end ("shall automatically be extended ... if at any time ... the
    Marathon Parties do not meet the Minimum Ownership Threshold"), or `unless_any` of them is
    (a renewal that runs on unless a party gives notice). The events may be recorded in
    events.yaml or emitted by a clause (a standstill's fall below a floor)."""

    model_config = _STRICT
    ends: DateRule
    extended_to: DateRule
    if_any: list[ExtensionCondition] | None = Field(None, min_length=1)
    unless_any: list[ExtensionCondition] | None = Field(None, min_length=1)

    @model_validator(mode="after")
    def _one(self) -> Extension:
        if (self.if_any is None) == (self.unless_any is None):
            raise ValueError("either `if_any: [{event: ...}]` or `unless_any: [{event: ...}]`")
        return self

    @property
    def conditions(self) -> list[ExtensionCondition]:
        return self.if_any if self.if_any is not None else self.unless_any or []


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
    "extended_to": "extension",
}
_RULE_TYPES: dict[str, type[BaseModel]] = {
    "name": DateName,
    "event": EventDate,
    "offset": Offset,
    "edge": MonthEdge,
    "full_months": FullMonths,
    "extreme": Extreme,
    "clock": Clock,
    "extension": Extension,
}


def _rule_tag(data: Any) -> str | None:
    """Which rule a written date is, by its form: a date, a name, or a mapping's keys. (The
    tag has brackets, as a union branch's name has, so that an error's field leaves it out.)"""
    return None if (kind := rule_kind(data)) is None else f"rule[{kind}]"


def rule_kind(data: Any) -> str | None:
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
    | Annotated[Clock, Tag("rule[clock]")]
    | Annotated[Extension, Tag("rule[extension]")],
    Discriminator(
        _rule_tag,
        custom_error_type="date_rule",
        custom_error_message=(
            "a date (YYYY-MM-DD), a named date, or a rule: event, after/before, "
            "start_of_month, end_of_month, start_of_next_month, day_before, full_months, "
            "earliest, latest, date/at, ends/extended_to"
        ),
    ),
]

for _model in (
    Offset,
    MonthEdge,
    FullMonths,
    Extreme,
    Clock,
    Requirement,
    ExtensionCondition,
    Extension,
):
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


def is_date_rule(data: Any) -> bool:
    """Whether raw YAML is a date rule written as a mapping (`{after: closing, years: 3}`)."""
    return isinstance(data, dict) and rule_kind(data) not in (None, "fixed")


# ---- walking a sheet's rules ----


def models_in(node: Any) -> Iterator[BaseModel]:
    """Every model in a validated model (itself included), at any depth."""
    return models(node)


_RULE_PARTS = (
    DateName,
    EventDate,
    Offset,
    MonthEdge,
    FullMonths,
    Extreme,
    Clock,
    Extension,
    ExtensionCondition,
    Requirement,
    DatePeriod,
)


def rules_in(node: Any) -> Iterator[BaseModel]:
    """Every date rule part (names, events, offsets, ...) in a validated model, at any depth."""
    return (part for part in models_in(node) if isinstance(part, _RULE_PARTS))


def names_used(rule: Any) -> set[str]:
    return {part.name for part in rules_in(rule) if isinstance(part, DateName)}


def events_read(node: Any) -> set[str]:
    """The events whose recorded dates a sheet's dates read."""
    read: set[str] = set()
    for part in rules_in(node):
        if isinstance(part, EventDate | ExtensionCondition) and part.event is not None:
            read.add(part.event)
        elif isinstance(part, Requirement):
            read.add(part.name)
    return read


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
