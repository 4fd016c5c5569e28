"""The `interest` clause: interest on a loan's daily balances at an index plus a margin.

Each day of an interest period accrues `balance x (index + margin) / year`: the balance from
`facts/balances.csv` (the agreement's rows), or from a term loan's own schedule
(`balance_from: <term_loan clause id>`), the index's rate from `facts/rates.csv` (`index`,
floored at `floor`), the margin a term or a column of a pricing `grid`, plus `default_rate.add`
while a default event is in force; the year and the days by `day_count`. Periods are calendar
months or quarters (`every`), paid in arrears; a period's interest is rounded half-up to the
cent at its end.

A grid is keyed on a computed figure: the latest actual result of a test of an earlier clause
(`test: facility.min_fixed_charge_coverage`), a value an earlier clause finds
(`value: facility.excess_availability`), or the average daily balance of the previous calendar
month or quarter (`average_outstanding: quarter`). Each tier has its bounds as the contract
writes them (`at_least` or `above`; `below` or `at_most`) and a rate per column (a margin per
index, a commitment fee). A figure takes effect `effective.starts` (`day_after` its date, or
the `first_of_next_month`) after the certificate is delivered, `delivered_days_after` its date.
"""

from __future__ import annotations

import calendar
from decimal import Decimal
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from pactum.business_days import Roll
from pactum.day_count import DayCount
from pactum.money import percent_str
from pactum.terms.values import UP_TO_100_PERCENT, Days, Money, Rate, Term

_STRICT = ConfigDict(extra="forbid", frozen=True)

SignedRate = Annotated[
    Decimal,
    Field(ge=-1, description="a rate -1 to 1 (1 is 100%); a margin under the index < 0"),
    UP_TO_100_PERCENT,
]


class PeriodEvery(StrEnum):
    month = "month"
    quarter = "quarter"

    @property
    def months(self) -> int:
        return 1 if self is PeriodEvery.month else 3


class Starts(StrEnum):
    """When a new figure of the grid's key changes the tier, counted from the delivery."""

    day_after = "day_after"  # daily: from the day after the certificate is delivered
    first_of_next_month = "first_of_next_month"  # the first day of the month after it


class Effective(BaseModel):
    model_config = _STRICT
    delivered_days_after: Term[Days] = Field(
        default_factory=lambda: Term[Days](value=0),
        description="the certificate is delivered so many days after the figure's date",
    )
    starts: Term[Starts] = Field(default_factory=lambda: Term[Starts](value=Starts.day_after))


class KeyedOn(BaseModel):
    """The figure the grid is keyed on: exactly one of the three."""

    model_config = _STRICT
    test: str | None = Field(
        None, description="<clause id>.<test id>: the latest actual result of an earlier clause"
    )
    value: str | None = Field(
        None, description="<clause id>.<value id>: an earlier clause's value on the as-of date"
    )
    average_outstanding: PeriodEvery | None = Field(
        None, description="the previous calendar month's or quarter's average daily balance"
    )

    def described(self) -> str:
        if self.test is not None:
            return self.test
        if self.value is not None:
            return self.value
        assert self.average_outstanding is not None
        return f"average daily balance of the previous {self.average_outstanding.value}"


class Tier(BaseModel):
    model_config = _STRICT
    id: str | None = None
    at_least: Term[Decimal] | None = None
    above: Term[Decimal] | None = None
    below: Term[Decimal] | None = None
    at_most: Term[Decimal] | None = None
    rates: dict[str, Term[SignedRate]] = Field(
        description="the tier's rate in each column (a margin per index, a commitment fee)"
    )

    @property
    def lower(self) -> tuple[str, Term[Decimal]] | None:
        for key in ("at_least", "above"):
            term = getattr(self, key)
            if term is not None:
                return key, term
        return None

    @property
    def upper(self) -> tuple[str, Term[Decimal]] | None:
        for key in ("below", "at_most"):
            term = getattr(self, key)
            if term is not None:
                return key, term
        return None

    def holds(self, figure: Decimal) -> bool:
        """Whether `figure` falls in the tier, each bound compared exactly as written."""
        fits = True
        if self.at_least is not None:
            fits = fits and figure >= self.at_least.value
        if self.above is not None:
            fits = fits and figure > self.above.value
        if self.below is not None:
            fits = fits and figure < self.below.value
        if self.at_most is not None:
            fits = fits and figure <= self.at_most.value
        return fits

    def described(self) -> str:
        words = {"at_least": ">=", "above": ">", "below": "<", "at_most": "<="}
        parts = [
            f"{words[key]} {term.value}"
            for key in ("at_least", "above", "below", "at_most")
            if (term := getattr(self, key)) is not None
        ]
        name = f"tier {self.id}: " if self.id else ""
        return name + (" and ".join(parts) or "every figure")


class Grid(BaseModel):
    model_config = _STRICT
    keyed_on: KeyedOn
    tiers: list[Tier]
    effective: Effective = Field(default_factory=Effective)
    initial: Term[str] | None = Field(
        None,
        description="the id of the tier in force before the first figure takes effect "
        "(from the closing until the first certificate)",
    )


class DefaultRate(BaseModel):
    """A margin added while a default is in force: from each `from_event` until the next
    `until_event` (that day not included)."""

    model_config = _STRICT
    add: Term[Rate]
    tier: Term[str] | None = Field(
        None,
        description="the id of the grid's tier whose margin applies while in default, "
        'whatever tier is in force ("the Default Rate shall be determined based on the '
        'Applicable Margin set forth under Tier I")',
    )
    from_event: str = "event_of_default"
    until_event: str = "default_cured"


class PartDayCount(StrEnum):
    """A day's share of the year while a part of a rate choice sets the rate."""

    actual_360 = "actual/360"
    actual_365 = "actual/365"
    actual_actual = "actual/actual"  # "365 or 366 days, as applicable": the day's own year

    def year_days(self, year: int) -> int:
        if self is PartDayCount.actual_360:
            return 360
        if self is PartDayCount.actual_actual and calendar.isleap(year):
            return 366
        return 365


class RatePart(BaseModel):
    """One of the rates a choice compares: an index of facts/rates.csv plus a spread ("the
    Federal Funds Rate plus 1/2 of 1%"), or a fixed rate ("the maximum rate permitted")."""

    model_config = _STRICT
    index: Term[str] | None = Field(None, description="the index's name in facts/rates.csv")
    plus: Term[SignedRate] | None = Field(None, description="added to the index")
    rate: Term[SignedRate] | None = Field(None, description="a fixed rate, instead of an index")
    day_count: Term[PartDayCount] | None = Field(
        None,
        description="the year of the days this part sets the rate, when the agreement gives "
        "each its own (otherwise the clause's day count)",
    )

    def described(self) -> str:
        if self.index is None:
            return "the fixed rate " + percent_str(self.rate.value, 4) if self.rate else "?"
        if self.plus is None:
            return self.index.value
        sign = "+" if self.plus.value >= 0 else "-"
        return f"{self.index.value} {sign} {percent_str(abs(self.plus.value), 4)}"


class RateChoice(BaseModel):
    """An index defined as the greatest or the least of several rates, each day ("the prime
    rate, or, if higher, the Federal Funds Rate plus 1/2 of 1%"): exactly one of the two. On a
    tie the part listed first sets the rate (the other is used only "if higher")."""

    model_config = _STRICT
    greatest_of: list[RatePart] | None = None
    least_of: list[RatePart] | None = None

    @property
    def parts(self) -> list[RatePart]:
        return self.greatest_of or self.least_of or []

    @property
    def key(self) -> str:
        return "greatest_of" if self.greatest_of is not None else "least_of"

    def described(self) -> str:
        word = "greatest" if self.greatest_of is not None else "least"
        return f"the {word} of " + ", ".join(p.described() for p in self.parts)


IndexTerm = Term[str] | RateChoice


class Basis(BaseModel):
    """A rate basis the borrower may choose for a loan ("at Borrower's option (A) the Base Rate
    plus the Applicable Margin or (B) LIBOR plus the Applicable Margin"): its index, floor and
    margin (fixed, or a column of the clause's grid). balances.csv rows name it by `id`."""

    model_config = _STRICT
    id: str = Field(description="the name balances.csv's `basis` column gives it")
    index: IndexTerm = Field(
        description="the index's name in facts/rates.csv (e.g. Base Rate), or a choice of rates"
    )
    floor: Term[SignedRate] | None = Field(None, description="the least the index counts as")
    margin: Term[SignedRate] | None = Field(None, description="a fixed margin over the index")
    grid_column: str | None = Field(None, description="the grid's column that gives the margin")


class InterestDue(BaseModel):
    """When each interest period's interest is paid: in arrears, on `day_of_month` of the
    month after the period ("payable monthly in arrears on the first day of each month") or
    `days_after_period_end` days after its last day (0: on it), rolled by `roll` on the
    agreement's business days."""

    model_config = _STRICT
    day_of_month: Term[Annotated[int, Field(ge=1, le=31)]] | None = None
    days_after_period_end: Term[Days] | None = None
    roll: Term[Roll] = Field(default_factory=lambda: Term[Roll](value=Roll.none))


class MinimumInterest(BaseModel):
    """A minimum interest charge: at least `amount` of interest each year from `years_from`
    (a named date: "each year ... following the initial advance"), the interest worked out
    at the rate without the Default Rate ("the Default Rate ... will be disregarded"); the
    deficiency is paid on the year's anniversary, rolled by `roll`."""

    model_config = _STRICT
    amount: Term[Money] = Field(description="the least interest each year")
    years_from: str = Field(description="the named date the first year starts on")
    roll: Term[Roll] = Field(default_factory=lambda: Term[Roll](value=Roll.none))


class InterestTerms(BaseModel):
    """The terms of an `interest` clause."""

    model_config = _STRICT
    index: IndexTerm | None = Field(
        None,
        description="the index's name in facts/rates.csv (e.g. LIBOR), or the greatest or "
        "least of several rates (`greatest_of`, `least_of`); or `bases`",
    )
    bases: list[Basis] = Field(
        default_factory=list,
        description="the rate bases a loan may bear at the borrower's option, instead of one "
        "index and margin: balances.csv rows name a basis, each accrues at its own",
    )
    facility: str = Field(
        "", description="the balances.csv facility it accrues on (the main facility if unset)"
    )
    balance_from: str | None = Field(
        None,
        description="the id of a term_loan clause whose schedule (installments, prepayments) "
        "gives the daily balances, instead of balances.csv rows",
    )
    floor: Term[SignedRate] | None = Field(None, description="the least the index counts as")
    margin: Term[SignedRate] | None = Field(None, description="a fixed margin over the index")
    grid_column: str | None = Field(None, description="the grid's column that gives the margin")
    grid: Grid | None = None
    day_count: Term[DayCount]
    every: Term[PeriodEvery] = Field(
        default_factory=lambda: Term[PeriodEvery](value=PeriodEvery.month),
        description="interest periods: calendar months or quarters, in arrears",
    )
    default_rate: DefaultRate | None = None
    due: InterestDue | None = Field(
        None, description="when each period's interest is paid: an obligation with its amount"
    )
    minimum: MinimumInterest | None = Field(
        None, description="a minimum interest charge each year, its deficiency an obligation"
    )
