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


class LeaseYear(BaseModel):
    """One lease year: its dates (the first may be a stub) and its base-rent rate."""

    model_config = _STRICT
    id: str = Field(description="a name formulas can use, e.g. year_1")
    start: DateTerm
    end: DateTerm
    rate: Term[NonNegative] = Field(description="annual base rent per rentable square foot")


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
    proration: Term[Literal["days_in_month", "annual_365"]] | None = Field(
        None,
        description=(
            "a partial first or last month: days_in_month (the installment x days in the term "
            "that month / days in the month) or annual_365 (the annual rent x days / 365), "
            "rounded half-up to the cent"
        ),
    )
    abatements: list[Abatement] = Field(default_factory=list)
    abatement_condition: Term[Literal["not_then_in_default", "unconditional"]] = Term[
        Literal["not_then_in_default", "unconditional"]
    ](value="unconditional")
    proportionate_share: list[ShareStep] = Field(default_factory=list)


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
