"""The `lease` term sheet: an office or industrial lease, or an amendment of one.

Spaces and when they join the premises; lease years with a base-rent rate per rentable square
foot; abatements, conditional on the tenant not being in default; the tenant's proportionate
share of building expenses on a dated schedule. An option on a space (expansion, first offer)
is an `options` clause of the sheet, exercised by and decided by the space events below.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    WithJsonSchema,
    model_validator,
)

from pactum.dates import add_months, month_end
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


class Remeasurement(BaseModel):
    """The space's rentable area as remeasured ("Landlord may remeasure ... the Rentable Area
    ... and Base Rent and Tenant's Share shall be adjusted accordingly"), from a date on (a
    date, or a rule over the sheet's dates: `{event: remeasured}`)."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
    start_from: DateTerm = Field(alias="from", description="the first day of the new area")
    area: Term[Decimal] = Field(description="the remeasured rentable square feet")


class Space(BaseModel):
    """A rentable space. `in_premises_from` unset: not leased (e.g. an expansion space).
    `until`: the last day it is leased (a date or a rule, `{earliest: [2004-06-30, {day_before:
    commencement}]}`). With its own rent (`rate` a year per sf, or `monthly`) it is not rented
    at the lease years' rent: its rent runs beside theirs, from `in_premises_from` to `until`,
    a partial month prorated by days (the sheet's proration, days_in_month when unset)."""

    model_config = _STRICT
    id: str
    title: str = ""
    area: Term[Decimal] = Field(description="rentable square feet")
    in_premises_from: DateTerm | None = None
    until: DateTerm | None = Field(
        None, description="the last day the space is leased (a date, or a rule over the sheet's)"
    )
    rate: Term[NonNegative] | None = Field(
        None, description="the space's own annual rent per rentable sf, beside the lease years'"
    )
    monthly: Term[Money] | None = Field(
        None, description="the space's own monthly rent in dollars, beside the lease years'"
    )
    remeasured: list[Remeasurement] = Field(
        default_factory=list,
        description="the area as remeasured from a date on: rent by area and a share of "
        "areas follow it; rent stated in dollars does not",
    )

    def area_on(self, d: date) -> Term[Decimal]:
        """The term giving the space's rentable area on `d`: the last remeasurement in force,
        else the area as leased."""
        found = self.area
        for step in sorted(self.remeasured, key=lambda r: r.start_from.value):
            if step.start_from.value <= d:
                found = step.area
        return found

    @property
    def own_rent(self) -> Term[Decimal] | None:
        """The term stating the space's own rent (None: rented at the lease years' rent)."""
        return self.rate or self.monthly


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

RENT_FORMS = ("rate", "monthly_rate", "annual", "monthly", "increase", "indexed", "fair_market")


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
    fair_market: Term[bool] | None = Field(
        None,
        description=(
            "true: the fair market rent, unknown until a market_rent_set event for the period "
            "records it (the roll says it is not known; no rent is assumed)"
        ),
    )
    at_least_prior: Term[bool] | None = Field(
        None,
        description=(
            "with fair_market: in no event less than the rent of the period before ('in no "
            "event shall it be less than the rate herein stipulated')"
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
    period before's first full month: "the prior Lease Year"), `year_before` (twelve months before the
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


RentItem = Literal["base_rent", "operating", "taxes", "all_rent"]


class Abatement(BaseModel):
    """Base rent that abates over a period: one `month`; `full_months: N` `from` a date ("the
    first twelve (12) full calendar months" from the Commencement Date: from the first day of
    the first full month on or after it); or the days `start` to `end`, both included (a month
    they cover in part abates in proportion to its days). Each month of it abates a stated
    `amount`, or the base rent of one `space` or of an `area` in square feet (at `rate` a year
    per sf, else at the rent in force), times `fraction` (1 when unsaid). `covers` may add the
    expense pools' monthly estimates (Exicure: "Tenant's Pro Rata Share of Taxes and ...
    Operating Expenses, each on 12,765 square feet"), each x the space's or area's part of the
    premises (the whole premises when neither is written), or all rent `except` named items."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
    id: str = Field("", description="a name the rent roll gives the abatement")
    month: MonthTerm | None = None
    full_months: Term[int] | None = Field(
        None, description="a count of full calendar months, from the date `from`"
    )
    start_from: DateTerm | None = Field(None, alias="from")
    start: DateTerm | None = None
    end: DateTerm | None = None
    amount: Term[Money] | None = None
    space: str | None = None
    area: Term[NonNegative] | None = Field(
        None, description="rentable square feet whose base rent abates"
    )
    rate: Term[NonNegative] | None = None
    fraction: Term[Rate] | None = None
    covers: Term[list[RentItem]] | None = Field(
        None,
        description=(
            "what abates: base_rent (the default), the expense pools operating and taxes (each "
            "pool's monthly estimate, on the space's or area's part of the premises), or "
            "all_rent (base rent and every pool of the sheet)"
        ),
    )
    except_items: Term[list[str]] | None = Field(
        None,
        alias="except",
        description=(
            "with covers: all_rent, the items that do not abate: a pool (operating, taxes) or "
            "base_rent, or a charge the roll does not carry (electricity), recorded as excepted"
        ),
    )

    def period_term(self) -> Term[Any] | None:
        """The term that sets the period (for its source): the month, the count or the end."""
        return self.month or self.full_months or self.end or self.start

    def days(self) -> tuple[date, date] | None:
        """The first and last day of the period (None: not written in one form)."""
        if self.month is not None:
            first = month_of(self.month)
            return first, month_end(first)
        if self.full_months is not None and self.start_from is not None:
            d = self.start_from.value
            first = d if d.day == 1 else month_end(d) + timedelta(days=1)
            return first, month_end(add_months(first, self.full_months.value - 1))
        if self.start is not None and self.end is not None:
            return self.start.value, self.end.value
        return None

    def name(self) -> str:
        """How the roll names it: its id, else its period."""
        if self.id:
            return self.id
        days = self.days()
        if days is None:
            return "abatement"
        first, last = days
        if first.day == 1 and last == month_end(first):
            return f"abatement of {first:%Y-%m}"
        return f"abatement {first.isoformat()} to {last.isoformat()}"


AbatementCondition = Literal["not_then_in_default", "not_in_default_on_due_date", "unconditional"]
OnDefault = Literal["lost", "suspended", "clawed_back", "credit_at_end"]


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


class AllowanceAmortisation(BaseModel):
    """An allowance repaid as additional rent, level monthly payments over `months` at `rate` a
    year (rate / 12 a month): principal x i / (1 - (1 + i)^-months), half-up to the cent (a
    "TI annuity": "$37,169,000.00 ... AMORT. RATE 6.7% ... AMORT. TERM 240 months")."""

    model_config = _STRICT
    rate: Term[Rate] = Field(description="a year, compounded monthly at rate / 12")
    months: Term[int] = Field(description="the number of monthly repayments")
    start: DateTerm | None = Field(
        None, description="the first month repaid (the month it falls in); else lease month 1"
    )
    stated_per_sf: Term[NonNegative] | None = Field(
        None,
        description="the annual repayment per rentable sf the lease states, which verify "
        "recomputes from the amount, rate and months",
    )


class Allowance(BaseModel):
    """An allowance the landlord pays toward the tenant's work: an `amount`, or `per_sf` x the
    premises' rentable area (or `area`), half-up to the cent; drawn by `allowance_drawn` events
    (`allowance`, `amount`) up to the `expires` date, after which the unused part is forfeited
    or, `unused: rent_credit`, credited against the base rent next due until used; and, with
    `amortised`, repaid as additional rent."""

    model_config = _STRICT
    id: str
    title: str = ""
    amount: Term[Money] | None = None
    per_sf: Term[NonNegative] | None = Field(None, description="dollars per rentable sf")
    area: Term[NonNegative] | None = Field(
        None, description="the sf per_sf applies to; else the premises' area at the term's start"
    )
    expires: DateTerm | None = Field(None, description="the last day a draw counts")
    unused: Term[Literal["forfeited", "rent_credit"]] = Field(
        default_factory=lambda: Term[Literal["forfeited", "rent_credit"]](value="forfeited"),
        description="what becomes of the part not drawn by `expires`",
    )
    amortised: AllowanceAmortisation | None = None


class Renewal(BaseModel):
    """A renewal or extension option of the sheet's `options` clause, for the accounting view:
    the lease years it adds (their rent in any form a lease year takes), whether the lease
    term includes them at commencement (ASC 842-10-30-1: an option the lessee is reasonably
    certain to exercise), and the rate the liability is remeasured at when the assessment
    changes (the option exercised though not included, or lapsed or waived though included;
    ASC 842-20-35-5 updates the rate at the remeasurement date)."""

    model_config = _STRICT
    option: str = Field(description="the id of an option of the sheet's `options` clause")
    reasonably_certain: Term[bool] = Field(
        description="the term at commencement includes the option's years"
    )
    lease_years: list[LeaseYear] = Field(
        min_length=1, description="the periods the option adds, after the lease's last"
    )
    remeasurement_rate: Term[Rate] = Field(
        description="the annual discount rate at the date of a remeasurement (ASC 842-20-35-5)"
    )


class LeaseRenewal(BaseModel):
    """What a renewal or extension option of the sheet's `options` clause brings to the rent
    roll: the periods it adds after the lease's last (a new rent table, an increase, or a
    fair_market rent), in the roll from the as-of date on which the option is exercised."""

    model_config = _STRICT
    option: str = Field(description="the id of an option of the sheet's `options` clause")
    lease_years: list[LeaseYear] = Field(min_length=1)


class PriceTerm(BaseModel):
    """One amount a purchase price compares: a figure recorded by a `purchase_figure` event
    (an appraisal, the landlord's cost), times `times` when the lease adds a percentage."""

    model_config = _STRICT
    figure: str = Field(description="the figure's name in purchase_figure events, e.g. appraisal")
    times: Term[NonNegative] | None = Field(
        None, description="a multiplier: 1.20 for 'plus Twenty percent (20%)'"
    )


class PurchasePrice(BaseModel):
    """A purchase option's price rule: the greatest of the amounts `greater_of` lists (each a
    recorded figure, times a factor), less the credits at closing, half-up to the cent; not
    known until every figure it names is recorded."""

    model_config = _STRICT
    option: str = Field(description="the id of a purchase option of the sheet's options clause")
    greater_of: list[PriceTerm] = Field(min_length=1)
    less: Term[Money] | None = Field(None, description="credited against the price at closing")


class FirstRefusal(BaseModel):
    """A right of first refusal (or first offer) on a space the tenant does not lease: the
    landlord's `space_offered` event opens the `option`'s window (an option of the sheet's
    `options` clause, `triggered_by: {event: space_offered, where: {space: ...}}`, `opens:
    {event: space_offered}`, `closes: {after: {event: space_offered}, business_days: 10}`: the
    latest offer of the space opens the current window); exercised within it, the space joins the premises from the offer's
    start at the offer's rent; not exercised, the landlord may lease it to others, for
    `released_days` after the window's end (or the waiver) when the lease says, after which
    the right revives."""

    model_config = _STRICT
    option: str = Field(description="the id of an option of the sheet's options clause")
    space: str = Field(description="the space offered (a space with no in_premises_from)")
    released_days: Term[int] | None = Field(
        None,
        description="days after the window's end or the waiver that the landlord may lease "
        "the space to others; after them the right revives",
    )


class LeaseAccounting(BaseModel):
    """The tenant's accounting for the lease as an operating lease (ASC 842): the discount
    rate (the rate implicit in the lease, or the incremental borrowing rate), the amounts the
    right-of-use asset adds or takes away, and the renewal options the lease term may include."""

    model_config = _STRICT
    discount_rate: Term[Rate] = Field(description="annual, compounded monthly at rate / 12")
    initial_direct_costs: Term[Money] | None = Field(
        None, description="costs of obtaining the lease that the tenant paid (commissions)"
    )
    prepaid_rent: Term[Money] | None = Field(
        None,
        description="lease payments made at or before commencement beyond the rent roll's "
        "installments",
    )
    incentives: Term[Money] | None = Field(
        None,
        description="lease incentives received from the landlord at commencement (a tenant "
        "allowance)",
    )
    renewals: list[Renewal] = Field(default_factory=list)


class LeaseTerms(BaseModel):
    """The terms of a `lease` clause.

    The rent schedule is every lease's: the spaces with their areas, the lease years with
    their rates, the due day. The tenant, abatements, the building area and the proportionate
    share are the lease's only when it has them.
    """

    model_config = _STRICT
    tenant: Term[str] | None = Field(
        None,
        description=(
            "the tenant, as the lease names it; a consent to an assignment replaces the clause "
            "with the assignee from its effective date"
        ),
    )
    spaces: list[Space] = Field(min_length=1)
    building_area: Term[NonNegative] | None = Field(
        None, description="the building's rentable area, when known; else implied by the shares"
    )
    share_of_areas: Term[bool] | None = Field(
        None,
        description="true: with no proportionate_share schedule, the share is the premises' "
        "rentable area / building_area on each day (following a remeasurement), half-up to "
        "six decimal places",
    )
    lease_years: list[LeaseYear]
    rent_due_day: Term[int] = Field(
        description="base rent is due monthly on this day: of the month itself when paid in "
        "advance, of the month after when paid in arrears"
    )
    rent_paid: Term[Literal["in_advance", "in_arrears"]] = Field(
        default_factory=lambda: Term[Literal["in_advance", "in_arrears"]](value="in_advance"),
        description=(
            "in_advance (the default: each month's installment due on the rent_due_day of that "
            "month, a partial first month's on the term's first day) or in_arrears (due on the "
            "rent_due_day of the month after: 'in arrears ... on or before the 5th day of the "
            "calendar month following')"
        ),
    )
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
    abatement_condition: Term[AbatementCondition] = Term[AbatementCondition](value="unconditional")
    abatement_on_default: Term[OnDefault] | None = Field(
        None,
        description=(
            "what a default does to a conditional abatement (unset: lost): lost for the month; "
            "suspended (paid, reinstated against the installments due after the cure); "
            "clawed_back (the unamortised abatement due on the default, with interest); "
            "credit_at_end (paid, credited against the term's last installments)"
        ),
    )
    clawback_interest_rate: Term[Rate] | None = Field(
        None, description="a year, simple, actual/365, on a clawed-back abatement"
    )
    proportionate_share: list[ShareStep] = Field(default_factory=list)
    expenses: list[ExpensePool] = Field(default_factory=list)
    allowances: list[Allowance] = Field(default_factory=list)
    renewals: list[LeaseRenewal] = Field(
        default_factory=list,
        description="the periods each renewal option adds to the roll once it is exercised",
    )
    purchase_prices: list[PurchasePrice] = Field(default_factory=list)
    first_refusals: list[FirstRefusal] = Field(
        default_factory=list,
        description="rights of first refusal or first offer on a space, with their options",
    )
    accounting: LeaseAccounting | None = Field(
        None, description="the lease as the tenant accounts for it (ASC 842 operating lease)"
    )


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


class AllowanceDrawEvent(BaseModel):
    """The landlord paid `amount` of the allowance `allowance` (a draw)."""

    model_config = _STRICT
    allowance: str
    amount: Decimal = Field(gt=0)
    note: str = ""


class MarketRentEvent(BaseModel):
    """The fair market rent of a `fair_market` period, as determined (by agreement, appraisal
    or arbitration): one of an annual `rate` per sf, an `annual` or a `monthly` amount."""

    model_config = _STRICT
    lease_year: str
    rate: Decimal | None = Field(None, ge=0)
    annual: Decimal | None = Field(None, ge=0)
    monthly: Decimal | None = Field(None, ge=0)
    note: str = ""


class PurchaseFigureEvent(BaseModel):
    """A figure a purchase price reads, as determined: `figure` (appraisal, cost) and `amount`."""

    model_config = _STRICT
    figure: str
    amount: Decimal = Field(ge=0)
    note: str = ""


class SpaceOfferedEvent(BaseModel):
    """The landlord offers a space under a right of first refusal or first offer: the
    offer's start (the day the space would join the premises) and its rent, one of an annual
    `rate` per rentable sf or a `monthly` amount; `area` when the offer is of part of it."""

    model_config = _STRICT
    space: str
    start: date
    rate: Decimal | None = Field(None, ge=0)
    monthly: Decimal | None = Field(None, ge=0)
    area: Decimal | None = Field(None, gt=0)
    note: str = ""

    @model_validator(mode="after")
    def _one_rent(self) -> SpaceOfferedEvent:
        if (self.rate is None) == (self.monthly is None):
            raise ValueError("one rent: rate (a year per sf) or monthly")
        return self


EVENTS: dict[str, type[BaseModel]] = {
    "space_offered": SpaceOfferedEvent,
    "purchase_figure": PurchaseFigureEvent,
    "market_rent_set": MarketRentEvent,
    "allowance_drawn": AllowanceDrawEvent,
    "default": DefaultEvent,
    "cure": CureEvent,
    "expansion_amendment": ExpansionEvent,
    "expansion_leased_to_other": ExpansionEvent,
    "expansion_leased_to_tenant": ExpansionEvent,
}
