"""The `lease` term sheet: an office or industrial lease, or an amendment of one.

Spaces and when they join the premises; lease years with a base-rent rate per rentable square
foot; abatements, conditional on the tenant not being in default; the tenant's proportionate
share of building expenses on a dated schedule. An option on a space (expansion, first offer)
is an `options` clause of the sheet, exercised by and decided by the space events below.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    WithJsonSchema,
)

from pactum.terms.named_dates import DateTerm, RuleTerm
from pactum.terms.values import Money, NonNegative, Rate, Term

_STRICT = ConfigDict(extra="forbid", frozen=True)


def _month(value: object) -> object:
    """'2003-04' -> date(2003, 4, 1); a month is held as its first day."""
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}", value.strip()):
        year, month = value.strip().split("-")
        if 1 <= int(month) <= 12:
            return date(int(year), int(month), 1)
    raise ValueError("a month as YYYY-MM")


Month = Annotated[
    date,
    BeforeValidator(_month),
    WithJsonSchema({"type": "string", "pattern": r"^\d{4}-\d{2}$"}),
]


def _month_tag(data: object) -> str:
    """A month as written (`2003-04`, `{value: 2003-04, cite: ...}`) or a rule over the
    sheet's dates (`rent_commencement`, `{after: delivery, months: 3}`): the month it falls in."""
    written = data.get("value") if isinstance(data, dict) else data
    if isinstance(written, str) and re.fullmatch(r"\s*\d{4}-\d{2}\s*", written):
        return "month[written]"
    return "month[rule]"


# a month: written, or the month in which a date of the sheet falls (a named date or a rule)
MonthTerm = Annotated[
    Annotated[Term[Month], Tag("month[written]")] | Annotated[RuleTerm, Tag("month[rule]")],
    Discriminator(_month_tag),
]


def month_of(term: Term[date]) -> date:
    """The first day of the month a month term names (a rule's date may fall on any day)."""
    return term.value.replace(day=1)


class Space(BaseModel):
    """A rentable space. `in_premises_from` unset: not leased (e.g. an expansion space)."""

    model_config = _STRICT
    id: str
    title: str = ""
    area: Term[Decimal] = Field(description="rentable square feet")
    in_premises_from: DateTerm | None = None


def _band(value: object) -> object:
    """'1-12' (or with an en dash, or '109 - 120') -> (1, 12): lease months, from 1."""
    if isinstance(value, str):
        found = re.fullmatch(r"\s*(\d+)\s*[-\u2013\u2014]\s*(\d+)\s*", value)
        if found and 1 <= int(found[1]) <= int(found[2]) <= 1200:
            return (int(found[1]), int(found[2]))
    raise ValueError("lease months as FIRST-LAST, e.g. 1-12, from 1 up to 1200")


MonthBand = Annotated[
    tuple[int, int],
    BeforeValidator(_band),
    WithJsonSchema({"type": "string", "pattern": r"^\s*\d+\s*[-\u2013\u2014]\s*\d+\s*$"}),
]

RENT_FORMS = ("rate", "monthly_rate", "annual", "monthly", "increase", "indexed")


class LeaseYear(BaseModel):
    """One period of the rent schedule (a lease year, or a band of lease months): its dates
    (`start` and `end`, the first may be a stub) or its `months` counted from the rent
    commencement, and its base rent in one of the forms leases write it: an annual `rate` per
    rentable square foot, a `monthly_rate` per square foot, a dollar `annual` or `monthly`
    amount, or an `increase` over the rent of the period before (on the sheet's
    `increase_on` amount)."""

    model_config = _STRICT
    id: str = Field(description="a name formulas can use, e.g. year_1")
    start: DateTerm | None = None
    end: DateTerm | None = None
    months: Term[MonthBand] | None = Field(
        None, description="lease months FIRST-LAST (1-12), from the sheet's rent_commencement"
    )
    rate: Term[NonNegative] | None = Field(
        None, description="annual base rent per rentable square foot"
    )
    monthly_rate: Term[NonNegative] | None = Field(
        None, description="monthly base rent per rentable square foot"
    )
    annual: Term[Money] | None = Field(None, description="annual base rent in dollars")
    monthly: Term[Money] | None = Field(None, description="monthly base rent in dollars")
    increase: Term[Rate] | None = Field(
        None, description="a fraction over the rent of the period before (0.03 for 3%)"
    )
    indexed: Term[bool] | None = Field(
        None,
        description=(
            "true: the rent of the period before adjusted by the sheet's index_escalation "
            "(e.g. the lesser of the CPI increase or 3%)"
        ),
    )

    def rent_term(self) -> Term[Decimal] | None:
        """The term that states this period's rent (one, checked at load)."""
        stated = [getattr(self, form) for form in RENT_FORMS if getattr(self, form) is not None]
        return stated[0] if stated else None


def _base_period(value: object) -> object:
    """`prior_period`, `year_before`, or a fixed month YYYY-MM (held as its first day)."""
    if value in ("prior_period", "year_before"):
        return value
    return _month(value)


BasePeriod = Annotated[
    Literal["prior_period", "year_before"] | date,
    BeforeValidator(_base_period),
    WithJsonSchema(
        {
            "anyOf": [
                {"enum": ["prior_period", "year_before"]},
                {"type": "string", "pattern": r"^\d{4}-\d{2}$"},
            ]
        }
    ),
]


class IndexEscalation(BaseModel):
    """Rent adjusted by a published index (a consumer price index) at the start of each
    `indexed` period: the rent of the period before x current index / beginning index, the
    increase bounded by `cap` and `floor`. The current index is the series' value for the
    month `lag_months` before the period's start ("the period ending three (3) months prior");
    the beginning index is the `base_period`'s: `prior_period` (the month as far before the
    period before's start: "the prior Lease Year"), `year_before` (twelve months before the
    current index's month), or a fixed month (then the rent is the last rent stated x current /
    base, and cap and floor bound its change over the rent of the period before). The new rent
    is rounded half-up to the cent on the amount `increase_on` names."""

    model_config = _STRICT
    series: Term[str] = Field(description="the series' name in facts/index.csv, e.g. CPI-U")
    lag_months: Term[int] = Field(
        description="the current index is for the month this many months before the period starts"
    )
    base_period: Term[BasePeriod] | None = Field(
        None, description="prior_period, year_before, or a fixed base month YYYY-MM"
    )
    cap: Term[Decimal] | None = Field(
        None, description="the largest increase, a fraction (0.03 for 'the lesser of CPI or 3%')"
    )
    floor: Term[Decimal] | None = Field(
        None, description="the smallest change, a fraction (0 when rent never falls)"
    )


class Abatement(BaseModel):
    """Base rent that abates for one month: a stated `amount`, or `fraction` of the monthly
    rent of `space` at `rate` (e.g. one month of the additional premises at $3.59)."""

    model_config = _STRICT
    month: MonthTerm
    amount: Term[Money] | None = None
    space: str | None = None
    rate: Term[NonNegative] | None = None
    fraction: Term[Rate] | None = None


class ShareStep(BaseModel):
    """The tenant's proportionate share of building expenses from a date on."""

    model_config = _STRICT
    start: DateTerm
    share: Term[Rate]


class ControllableCap(BaseModel):
    """A cap on the controllable part of operating expenses (the `controllable` rows of
    opex.csv): each year's controllable expenses count up to a limit, rounded half-up to the
    cent. Not cumulative: the limit is the year before's counted amount x (1 + rate) ("will not
    increase by more than five (5%) percent non-cumulative per calendar year"). Cumulative:
    the cap year's amount x (1 + rate) ^ years since, compounding, or x (1 + rate x years
    since), not compounding; unused room carries forward. The cap year is the pool's base year,
    else the first year of the facts."""

    model_config = _STRICT
    rate: Term[Decimal] = Field(description="a fraction a year (0.05 for 5%)")
    cumulative: Term[bool]
    compounding: Term[bool] | None = Field(
        None, description="for a cumulative cap: compounding (the default) or not"
    )


class ExpensePool(BaseModel):
    """What the tenant pays of one pool of building expenses (opex.csv rows of its category;
    `operating` also takes the `controllable` rows): its share of the year's expenses, or of
    their excess over a `base_year`'s, a `base_amount` in dollars or a `stop_per_sf` on the
    building's rentable area; none before `payments_start`."""

    model_config = _STRICT
    pool: Literal["operating", "taxes"]
    share: Term[Rate] | None = Field(
        None, description="the tenant's share of this pool; else the proportionate_share schedule"
    )
    base_year: Term[int] | None = Field(None, description="the base year the excess is over")
    base_amount: Term[Money] | None = Field(None, description="a dollar base the excess is over")
    stop_per_sf: Term[NonNegative] | None = Field(
        None, description="an expense stop in dollars per rentable sf of the building"
    )
    controllable_cap: ControllableCap | None = None
    payments_start: DateTerm | None = Field(
        None, description="the tenant pays none of the pool for months before this date"
    )


class LeaseTerms(BaseModel):
    """The terms of a `lease` clause.

    The rent schedule is every lease's: the spaces with their areas, the lease years with
    their rates, the due day. Abatements, the building area and the proportionate share are
    the lease's only when it has them.
    """

    model_config = _STRICT
    spaces: list[Space] = Field(min_length=1)
    building_area: Term[NonNegative] | None = Field(
        None, description="the building's rentable area, when known; else implied by the shares"
    )
    lease_years: list[LeaseYear]
    rent_due_day: Term[int] = Field(description="base rent is due monthly in advance on this day")
    rent_commencement: DateTerm | None = Field(
        None,
        description=(
            "the date lease months are counted from (month 1 is its month when it is a 1st, "
            "else the first full calendar month, the partial month before belonging to it)"
        ),
    )
    increase_on: Term[Literal["annual", "monthly"]] = Field(
        default_factory=lambda: Term[Literal["annual", "monthly"]](value="annual"),
        description=(
            "the dollar amount an increase applies to, rounded half-up to the cent at each "
            "step (annual: the annual rent, the installment its twelfth)"
        ),
    )
    proration: Term[Literal["days_in_month", "annual_365"]] | None = Field(
        None,
        description=(
            "a partial first or last month: days_in_month (the installment x days in the term "
            "that month / days in the month) or annual_365 (the annual rent x days / 365), "
            "rounded half-up to the cent"
        ),
    )
    index_escalation: IndexEscalation | None = None
    abatements: list[Abatement] = Field(default_factory=list)
    abatement_condition: Term[Literal["not_then_in_default", "unconditional"]] = Term[
        Literal["not_then_in_default", "unconditional"]
    ](value="unconditional")
    proportionate_share: list[ShareStep] = Field(default_factory=list)
    expenses: list[ExpensePool] = Field(default_factory=list)


# ---- events this clause type reads (events.yaml) ----


class DefaultEvent(BaseModel):
    """The tenant is in default under the lease from this date until a `cure`."""

    model_config = _STRICT
    note: str = ""


class CureEvent(BaseModel):
    model_config = _STRICT
    note: str = ""


class ExpansionEvent(BaseModel):
    """Something that happened to a space the tenant does not lease: `expansion_amendment`
    (the tenant leases it by an amendment), `expansion_leased_to_other` (the landlord leases
    it to another tenant), `expansion_leased_to_tenant` (to the tenant otherwise); each of all
    of the space unless `all_of_space: false`. The lease checks the space; an `options` clause
    of the sheet reads what they decide (`exercised_by`, `after_lapse`)."""

    model_config = _STRICT
    space: str
    all_of_space: bool = True
    note: str = ""


EVENTS: dict[str, type[BaseModel]] = {
    "default": DefaultEvent,
    "cure": CureEvent,
    "expansion_amendment": ExpansionEvent,
    "expansion_leased_to_other": ExpansionEvent,
    "expansion_leased_to_tenant": ExpansionEvent,
}
