"""The `fees` clause: the fees an agreement charges, whatever the agreement.

A fee is a fixed `amount`, or a `rate` of a `base`: an amount the agreement's terms name
(`facility.commitment`), the period's average unused amount or its average outstanding
amount, from the daily balances of `facts/balances.csv`; optionally a lender's `share` of it.
It is charged `once` (on `due`), on each `event` of a name in events.yaml (at most
`max_per_year` a fiscal year), or each `month`, `quarter` or `year` (calendar periods), in
`advance` or in `arrears`, on a `day_of_month` or `days_after_period_end`, rolled by `roll`
on the agreement's business days; a periodic rate is per annum, counted by `day_count`. A
`condition` on the period's usage makes a fee due only while it holds. A periodic rate may be
read day by day from an earlier clause's figure (`rate_from: interest.grid_unused_fee`: the
pricing grid's column in the tier in force each day).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from pactum.business_days import Roll
from pactum.day_count import DayCount
from pactum.terms.values import Days, Money, NonNegative, Rate, Term

_STRICT = ConfigDict(extra="forbid", frozen=True)


class Every(StrEnum):
    once = "once"
    event = "event"
    month = "month"
    quarter = "quarter"
    year = "year"

    @property
    def months(self) -> int:
        """The months of one period (0: not periodic)."""
        return {Every.month: 1, Every.quarter: 3, Every.year: 12}.get(self, 0)


class Timing(StrEnum):
    """Whether a periodic fee is paid at the start of the period it is for, or after it."""

    advance = "advance"
    arrears = "arrears"


class Comparator(StrEnum):
    """How the period's figure must compare with the level for the fee to be due, in the
    words a clause uses (so that a cited comparator is found in its quote)."""

    less_than = "less_than"
    at_most = "at_most"
    more_than = "more_than"
    at_least = "at_least"

    @property
    def sign(self) -> str:
        return {"less_than": "<", "at_most": "<=", "more_than": ">", "at_least": ">="}[self.value]

    def holds(self, left: Decimal, right: Decimal) -> bool:
        if self is Comparator.less_than:
            return left < right
        if self is Comparator.at_most:
            return left <= right
        if self is Comparator.more_than:
            return left > right
        return left >= right


class ConditionFigure(StrEnum):
    usage = "usage"  # the period's average daily outstanding balance / the amount


class FeeBase(BaseModel):
    """What a rate is charged on: exactly one of the three, each naming an amount of the
    agreement's terms (`facility.commitment`, or `<this clause>.amounts.<name>`)."""

    model_config = _STRICT
    amount: str | None = Field(None, description="the named amount itself")
    average_unused: str | None = Field(
        None, description="the named amount less the period's average daily outstanding balance"
    )
    average_outstanding: str | None = Field(
        None, description="the period's average daily outstanding balance (the name caps usage)"
    )
    share: Term[Rate] | None = Field(None, description="a lender's share of the base, e.g. 0.3")

    def named(self) -> tuple[str, str] | None:
        """(which base, the amount it names), or None when none is given."""
        for kind in ("amount", "average_unused", "average_outstanding"):
            name = getattr(self, kind)
            if name is not None:
                return kind, name
        return None

    @property
    def averages(self) -> bool:
        """Whether the base needs the period's daily balances."""
        return self.amount is None


class Condition(BaseModel):
    """The fee is due for a period only while the period's figure compares with the level."""

    model_config = _STRICT
    figure: ConditionFigure = ConditionFigure.usage
    comparator: Term[Comparator]
    level: Term[NonNegative]
    amount: str | None = Field(
        None, description="the named amount usage is measured against; the base's if unset"
    )


class Fee(BaseModel):
    model_config = _STRICT
    id: str
    title: str
    amount: Term[Money] | None = Field(None, description="a fixed fee")
    rate: Term[NonNegative] | None = Field(
        None, description="a fee on a base: per annum when periodic, flat when once or on events"
    )
    rate_from: str | None = Field(
        None,
        description="instead of `rate`: a figure of an earlier clause giving the rate per annum "
        "day by day, e.g. a pricing grid's column (interest.grid_unused_fee)",
    )
    base: FeeBase | None = None
    day_count: Term[DayCount] | None = Field(None, description="for a periodic rate")
    every: Every
    timing: Term[Timing] = Term[Timing](value=Timing.advance)
    day_of_month: Term[int] | None = Field(
        None,
        description="advance: in the period's first month; arrears: in the month after it",
    )
    days_after_period_end: Term[Days] | None = Field(
        None, description="arrears: so many days after the period's last day (0: that day)"
    )
    due: Term[date] | None = Field(None, description="for a one-time fee")
    event: str | None = Field(None, description="for a fee charged on each event of this name")
    max_per_year: Term[int] | None = Field(
        None, description="events charged in a fiscal year, at most"
    )
    roll: Term[Roll] = Term[Roll](value=Roll.none)
    condition: Condition | None = None

    @property
    def has_rate(self) -> bool:
        """Whether the fee is a rate of a base: a stated rate or one read from a figure."""
        return self.rate is not None or self.rate_from is not None

    @property
    def computed(self) -> bool:
        """Whether the fee's amount is worked out period by period (a periodic rate, or a
        condition on the period's figures) rather than known from the terms."""
        return self.every.months > 0 and (self.has_rate or self.condition is not None)


class FeesTerms(BaseModel):
    """The terms of a `fees` clause."""

    model_config = _STRICT
    starts: str | None = Field(
        None, description="the named date fees run from; the agreement's `dated` if unset"
    )
    ends: str | None = Field(
        None, description="the named date fees run to (e.g. facility.maturity); open if unset"
    )
    amounts: dict[str, Term[Money]] = Field(
        default_factory=dict,
        description="amounts the fees are computed on, when no other clause states them",
    )
    fees: list[Fee]


class FeeEvent(BaseModel):
    """An event a fee is charged on (an audit, a field exam). The fee reads only its date;
    other fields are left to any other clause that reads the same event."""

    model_config = ConfigDict(extra="allow", frozen=True)
    note: str = ""
