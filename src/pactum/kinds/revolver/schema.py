"""The `revolver` term sheet: a credit facility, asset-based or not.

What a borrowing-base letter or credit agreement of this shape fixes: the commitment and
maturity (every facility has both), and, where the agreement has them, advance rates and
inventory classes, caps, reporting triggers, covenants on dated schedules, capex limits and
reporting deadlines (its fees are a `fees` clause).
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from pactum.business_days import Roll
from pactum.collateral.rules import Eligibility
from pactum.dates import Weekday
from pactum.financial_tests.schema import FinancialItems, FinancialTest
from pactum.findings import SourceRef
from pactum.terms.formulas import Formula
from pactum.terms.named_dates import DateTerm
from pactum.terms.values import Days, Located, Money, NonNegative, Periods, Rate, Reference, Term

_STRICT = ConfigDict(extra="forbid", frozen=True)


class LineCapRule(StrEnum):
    lesser_of_commitment_and_borrowing_base = "lesser_of_commitment_and_borrowing_base"
    commitment = "commitment"


class CapScope(StrEnum):
    all_inventory = "all_inventory"  # the cap limits general and class advances together
    general_only = "general_only"


class AvailabilityBasis(StrEnum):
    line_cap = "line_cap"
    commitment = "commitment"
    borrowing_base = "borrowing_base"


class InventoryClass(BaseModel):
    """Inventory advanced at its own rate, e.g. a named customer's stock."""

    model_config = _STRICT
    id: str
    title: str = ""
    rate: Term[Rate]
    condition: Term[str] | None = Field(
        None, description="a `consent` event with this condition makes `rate` apply from its date"
    )
    rate_before_condition: Term[Rate] | None = Field(
        None, description="the rate until the condition is met; the general inventory rate if unset"
    )


AdvanceRate = Annotated[
    Decimal, Field(ge=0, description="1 is 100%; above 1 only with allow_rate_above_100_percent")
]


class AssetClass(BaseModel):
    """One class of collateral at its own advance rate: its eligible value is a fact item
    (`receivables_eligible` and `inventory_eligible` come from the collateral engine where the
    portfolio has invoice- and SKU-level detail; any other item from collateral.csv)."""

    model_config = _STRICT
    id: str
    title: str = ""
    item: str = Field(description="the fact item of the class's eligible value")
    rate: Term[AdvanceRate]
    allow_rate_above_100_percent: Term[bool] | None = Field(
        None, description="the agreement advances more than the class's value (rare: say why)"
    )
    cap: Term[Money] | None = Field(None, description="a sublimit on the class's advance")


class Deduction(Located):
    """An amount the agreement deducts from the borrowing base: a loans.csv column
    (`letters_of_credit`, `reserves`) or a collateral.csv item (`unsecured_debt`)."""

    model_config = _STRICT
    id: str
    title: str = ""
    item: str
    cite: str | None = None
    assumed: str | None = None
    from_commitment_too: Term[bool] = Field(
        Term[bool](value=False),
        description='deducted from the commitment as well ("$8,000,000 minus Letter of Credit Usage")',
    )

    def source_ref(self) -> SourceRef | None:
        return self._ref(self.cite, self.assumed)


class DeficiencyCure(BaseModel):
    """How a borrowing base deficiency is repaid: in `installments` equal monthly instalments,
    the first `first_due_days` after the redetermination (one instalment: all within that
    many days)."""

    model_config = _STRICT
    installments: Term[Periods]
    first_due_days: Term[Days]


class Redetermination(BaseModel):
    """A borrowing base that is an amount set by the lenders (reserve-based lending): the
    latest `redetermination` event's amount on or before a date, `initial` before any."""

    model_config = _STRICT
    initial: Term[Money] | None = None
    deficiency_cure: DeficiencyCure | None = None


class BorrowingBase(BaseModel):
    """One of three shapes: `receivables_rate` (and optionally `inventory_rate` with inventory
    classes and a cap), the shorthand of an ABL letter; `classes`, each asset class at its own
    rate; or `amount_by_redetermination`. The first two take `deductions` and a `cap`."""

    model_config = _STRICT
    receivables_rate: Term[Rate] | None = None
    inventory_rate: Term[Rate] | None = None
    inventory_classes: list[InventoryClass] = Field(default_factory=list)
    inventory_cap: Term[Money] | None = None
    inventory_cap_scope: Term[CapScope] = Term[CapScope](value=CapScope.all_inventory)
    classes: list[AssetClass] = Field(default_factory=list)
    collateral_items: list[str] = Field(
        default_factory=list,
        description="collateral.csv items the classes and deductions read, beyond the engine's",
    )
    deductions: list[Deduction] = Field(default_factory=list)
    cap: Term[Money] | None = Field(None, description="the most the borrowing base can be")
    amount_by_redetermination: Redetermination | None = None
    line_cap: Term[LineCapRule] = Term[LineCapRule](
        value=LineCapRule.lesser_of_commitment_and_borrowing_base
    )


class Reporting(BaseModel):
    """Borrowing-base reporting: monthly above the excess-availability threshold, else weekly."""

    model_config = _STRICT
    excess_availability_threshold: Term[Rate]
    measured_against: Term[AvailabilityBasis]
    at_threshold: Term[Literal["weekly", "monthly"]]
    monthly_due_days_after_month_end: Term[Days]
    weekly_due_weekday: Term[Weekday]
    roll: Term[Roll] = Term[Roll](value=Roll.none)


class CapexLimit(BaseModel):
    """Capital expenditure per fiscal year: a general limit and a new-business basket."""

    model_config = _STRICT
    id: str = "max_capex"
    title: str = "Maximum capital expenditures"
    general_limit: dict[int, Term[Money]] = Field(description="fiscal year -> limit")
    carry_forward: Term[bool] = Field(
        description="whether the last year's limit applies to later years"
    )
    new_business_basket: Term[Money] | None = None
    basket_excess_counts_against_general: Term[bool] = Term[bool](value=True)
    spend_item: str = "capex"
    new_business_item: str = "capex_new_business"
    approval_needed_beyond: Reference | None = None


class PricingTier(BaseModel):
    model_config = _STRICT
    up_to: Term[NonNegative] | None = Field(
        None,
        description="the tier applies while the tested ratio is at or below this; last tier open",
    )
    margin: Term[Rate] = Field(description="the spread over the index, e.g. 0.0225 for 2.25%")


class PricingGrid(Located):
    """An interest-rate matrix: the margin over an index, by the level of a covenant ratio."""

    model_config = _STRICT
    status: Literal["provided", "not_provided"]
    cite: str | None = None
    note: str | None = None
    index: Term[str] | None = None

    def source_ref(self) -> SourceRef | None:
        """Where the grid is written, with its citation."""
        return self._ref(self.cite, None)

    tested_by: str | None = Field(
        None, description="the covenant id whose latest result sets the tier"
    )
    tiers: list[PricingTier] = Field(default_factory=list)


class RevolverTerms(BaseModel):
    """The terms of a `revolver` clause.

    Every credit facility has a commitment and a maturity; every other part is the
    agreement's only when it has it: without a borrowing base the line is the commitment
    (no advances, no availability), without `reporting` no borrowing-base reports, without
    covenants no tests. A part that reads another needs it (checked at load): reporting and
    eligibility need the borrowing base, covenants need `financial_items` and `covenant_tests`.
    """

    model_config = _STRICT
    commitment: Term[Money]
    borrowing_base: BorrowingBase | None = None
    reporting: Reporting | None = Field(
        None, description="borrowing-base reporting by excess availability (needs borrowing_base)"
    )
    financial_items: FinancialItems | None = Field(
        None, description="the items definitions, covenants and capex read"
    )
    definitions: dict[str, Term[Formula]] = Field(default_factory=dict)
    covenant_tests: Term[Literal["fiscal_quarter_end"]] | None = Field(
        None, description="when the covenants are tested (needed by covenants)"
    )
    covenants: list[FinancialTest] = Field(
        default_factory=list, description="tested at each fiscal quarter end (covenant_tests)"
    )
    capex: CapexLimit | None = None
    financial_statements_due_days: Term[Days] | None = Field(
        None, description="quarterly statements are due this many days after each quarter end"
    )
    maturity: DateTerm
    maturity_warning_days: Term[Days] = Term[Days](value=90)
    pricing_grid: PricingGrid | None = None
    eligibility: Eligibility | None = Field(
        None, description="rules for eligible collateral from invoice- and SKU-level detail"
    )


# ---- events this clause type reads (events.yaml) ----


class ConsentEvent(BaseModel):
    """A condition met, e.g. BellSouth's consent to the assignment of its contract."""

    model_config = _STRICT
    condition: str
    note: str = ""


class DrawRequestEvent(BaseModel):
    model_config = _STRICT
    amount: Decimal = Field(gt=0)
    note: str = ""


class CapexApprovalEvent(BaseModel):
    """The bank's approval of capex beyond the limits, for one fiscal year."""

    model_config = _STRICT
    fiscal_year: int
    amount: Decimal = Field(gt=0)
    note: str = ""


class RedeterminationEvent(BaseModel):
    """The borrowing base the lenders set (reserve-based lending), in force from its date."""

    model_config = _STRICT
    amount: Decimal = Field(ge=0)
    note: str = ""


EVENTS: dict[str, type[BaseModel]] = {
    "consent": ConsentEvent,
    "redetermination": RedeterminationEvent,
    "draw_request": DrawRequestEvent,
    "capex_approval": CapexApprovalEvent,
}
